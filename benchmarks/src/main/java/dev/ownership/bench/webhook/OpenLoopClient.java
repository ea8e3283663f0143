package dev.ownership.bench.webhook;

import dev.ownership.bench.process.Percentiles;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed-rate (open-loop) HTTPS load generator: request i is due at start + i/rate whatever
 * happened to earlier ones, and its latency is counted from that due time (so a stalled server is
 * not excused by the generator waiting for it). Also a closed-loop mode for saturation: {@code
 * connections} requests always in flight.
 */
final class OpenLoopClient implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client;
  private final Context context = vertx.getOrCreateContext();
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private static final long REQUEST_TIMEOUT_MILLIS = 10_000;

  record Result(
      Percentiles latencyMicros, int sent, int ok, int failed, double seconds, String firstError) {
    double throughput() {
      return ok / seconds;
    }
  }

  OpenLoopClient(int connections) {
    client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setSsl(true)
                .setTrustAll(true)
                .setVerifyHost(false)
                .setKeepAlive(true)
                .setConnectTimeout(5000),
            new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  /** Sends {@code rate} requests per second for {@code seconds}, on schedule. */
  Result fixedRate(int port, byte[] body, int rate, double seconds) throws InterruptedException {
    firstError.set(null);
    int total = (int) Math.round(rate * seconds);
    long[] latencies = new long[total];
    AtomicInteger recorded = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(total);
    Buffer payload = Buffer.buffer(body);
    long start = System.nanoTime() + 50_000_000L;
    long interval = 1_000_000_000L / rate;
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
      // On the client's own event loop: requests handed to the pool from this (non-Vert.x) thread
      // were seen, under load, to wait forever for a connection (1-5 of 100, no error).
      context.runOnContext(
          ignored -> send(port, payload, due, latencies, recorded, ok, failed, done));
    }
    boolean finished = done.await(30, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    int count = recorded.get();
    if (!finished) failed.addAndGet((int) done.getCount());
    return new Result(
        new Percentiles(latencies, Math.min(count, total)),
        total,
        ok.get(),
        failed.get(),
        elapsed,
        firstError.get());
  }

  /** Keeps {@code inFlight} requests outstanding for {@code seconds}: throughput at saturation. */
  Result saturate(int port, byte[] body, int inFlight, double seconds) throws InterruptedException {
    firstError.set(null);
    long[] latencies = new long[4_000_000];
    AtomicInteger recorded = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Buffer payload = Buffer.buffer(body);
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    CountDownLatch stopped = new CountDownLatch(inFlight);
    for (int c = 0; c < inFlight; c++) {
      context.runOnContext(
          ignored -> loop(port, payload, end, latencies, recorded, ok, failed, stopped));
    }
    stopped.await((long) seconds + 30, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new Result(
        new Percentiles(latencies, Math.min(recorded.get(), latencies.length)),
        ok.get() + failed.get(),
        ok.get(),
        failed.get(),
        elapsed,
        firstError.get());
  }

  private void loop(
      int port,
      Buffer payload,
      long end,
      long[] latencies,
      AtomicInteger recorded,
      AtomicInteger ok,
      AtomicInteger failed,
      CountDownLatch stopped) {
    long due = System.nanoTime();
    if (due >= end) {
      stopped.countDown();
      return;
    }
    request(port, payload)
        .onComplete(
            ar -> {
              noteError(ar);
              record(ar.succeeded() && ar.result() == 200, due, latencies, recorded, ok, failed);
              loop(port, payload, end, latencies, recorded, ok, failed, stopped);
            });
  }

  private void send(
      int port,
      Buffer payload,
      long due,
      long[] latencies,
      AtomicInteger recorded,
      AtomicInteger ok,
      AtomicInteger failed,
      CountDownLatch done) {
    request(port, payload)
        .onComplete(
            ar -> {
              noteError(ar);
              record(ar.succeeded() && ar.result() == 200, due, latencies, recorded, ok, failed);
              done.countDown();
            });
  }

  private void noteError(io.vertx.core.AsyncResult<Integer> ar) {
    if (ar.failed()) firstError.compareAndSet(null, String.valueOf(ar.cause()));
    else if (ar.result() != 200) firstError.compareAndSet(null, "HTTP " + ar.result());
  }

  private static void record(
      boolean success,
      long due,
      long[] latencies,
      AtomicInteger recorded,
      AtomicInteger ok,
      AtomicInteger failed) {
    long micros = (System.nanoTime() - due) / 1000;
    int slot = recorded.getAndIncrement();
    if (slot < latencies.length) latencies[slot] = micros;
    if (success) ok.incrementAndGet();
    else failed.incrementAndGet();
  }

  private io.vertx.core.Future<Integer> request(int port, Buffer payload) {
    return client
        .request(
            new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost("127.0.0.1")
                .setPort(port)
                .setURI("/validate")
                // A request that gets no answer fails with its cause instead of hanging the round.
                .setIdleTimeout(REQUEST_TIMEOUT_MILLIS)
                .putHeader("Content-Type", "application/json"))
        .compose(req -> req.send(payload))
        .compose(resp -> resp.body().map(b -> resp.statusCode()));
  }

  @Override
  public void close() {
    client.close();
    vertx.close();
  }
}
