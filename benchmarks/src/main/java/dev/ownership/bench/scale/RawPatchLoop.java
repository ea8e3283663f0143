package dev.ownership.bench.scale;

import dev.ownership.bench.process.ProcessCpu;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fastest the API server can take the operator's writes: {@code concurrency} threads each
 * sending one merge patch at a time (the operator's body shape: three annotations and one label),
 * over every Deployment {@code svc-0..n-1} in one namespace. The operator's time to mark N
 * workloads is compared with this.
 */
final class RawPatchLoop {
  private RawPatchLoop() {}

  record Result(long patches, long failures, long retries, double seconds) {}

  /**
   * Runs the loop once per body, one after the other, in this fresh JVM (as the operator's writes
   * run in one that has not written before) and prints one {@code RAW-LOOP} line per run.
   *
   * <p>Each line also gives the CPU seconds this JVM used in that run (its JIT's among them) and,
   * when {@code -Draw.serverPid} names the API server's process, the server's.
   *
   * <pre>java -cp benchmarks.jar ...RawPatchLoop PORT NAMESPACE N CONCURRENCY watched|bare BODY...
   * </pre>
   */
  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    int n = Integer.parseInt(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    boolean watched = args[4].equals("watched");
    long serverPid = Long.getLong(SERVER_PID, -1);
    for (int i = 5; i < args.length; i++) {
      ProcessCpu own = ProcessCpu.self();
      // Without the property the pid is -1: /proc has no such process, so the figure is unknown.
      ProcessCpu server = ProcessCpu.of(serverPid);
      Result r = run(port, args[1], n, concurrency, args[i], watched);
      ProcessCpu ownUsed = ProcessCpu.self().since(own);
      ProcessCpu serverUsed = ProcessCpu.of(serverPid).since(server);
      System.out.printf(
          java.util.Locale.ROOT,
          "RAW-LOOP seconds=%.3f patches=%d failures=%d retries=%d cpu=%.2f jit=%.2f"
              + " serverCpu=%.2f%n",
          r.seconds(),
          r.patches(),
          r.failures(),
          r.retries(),
          ownUsed.seconds(),
          ownUsed.jitSeconds(),
          serverUsed.seconds());
    }
  }

  /** The system property naming the API server's process, whose CPU each pass also reports. */
  static final String SERVER_PID = "raw.serverPid";

  /**
   * One pass as the harness reads it back: its seconds, the CPU seconds the loop's JVM used (its
   * JIT compiler threads' among them) and those the API server used meanwhile (NaN when unknown).
   */
  record Pass(double seconds, double cpuSeconds, double jitSeconds, double serverCpuSeconds) {
    static final Pass NONE = new Pass(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
  }

  /** The operator's marks for a workload {@code team} owns (service named as the team). */
  static String marking(String team) {
    return "{\"metadata\":{\"annotations\":{\"ownership.dev/team\":\""
        + team
        + "\",\"ownership.dev/service\":\""
        + team
        + "\",\"ownership.dev/source\":\"serviceownership/"
        + team
        + "\"},\"labels\":{\"ownership.dev/status\":\"owned\"}}}";
  }

  /**
   * The same four keys set back to how the fake server seeds them ({@code --marked unowned}): the
   * three annotations removed, the status label {@code unowned}.
   */
  static String unmarking() {
    return "{\"metadata\":{\"annotations\":{\"ownership.dev/team\":null,"
        + "\"ownership.dev/service\":null,\"ownership.dev/source\":null},"
        + "\"labels\":{\"ownership.dev/status\":\"unowned\"}}}";
  }

  /**
   * @param watched whether a watch of the Deployments is open and read (and discarded) meanwhile,
   *     as the operator's is: the API server then also sends every changed object once, which the
   *     operator's run pays for and the bare loop does not. The loop ends when every patch is
   *     answered and every change has arrived on the watch.
   */
  static Result run(
      int apiPort, String namespace, int n, int concurrency, String body, boolean watched)
      throws InterruptedException {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    CountDownLatch events = new CountDownLatch(watched ? n : 0);
    AutoCloseable watch = watched ? openWatch(http, apiPort, namespace, events) : null;
    AtomicInteger next = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    AtomicLong sent = new AtomicLong();
    AtomicLong retries = new AtomicLong();
    Thread[] workers = new Thread[concurrency];
    long started = System.nanoTime();
    for (int t = 0; t < concurrency; t++) {
      workers[t] =
          new Thread(
              () -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                  HttpRequest request =
                      HttpRequest.newBuilder(
                              URI.create(
                                  "http://127.0.0.1:"
                                      + apiPort
                                      + "/apis/apps/v1/namespaces/"
                                      + namespace
                                      + "/deployments/svc-"
                                      + i))
                          .timeout(Duration.ofSeconds(30))
                          .header("Content-Type", "application/merge-patch+json")
                          .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                          .build();
                  // A transient I/O error is retried (as the operator's writer does); only a
                  // patch that fails three times counts as failed.
                  boolean done = false;
                  for (int attempt = 0; attempt < 3 && !done; attempt++) {
                    try {
                      HttpResponse<Void> r =
                          http.send(request, HttpResponse.BodyHandlers.discarding());
                      sent.incrementAndGet();
                      done = r.statusCode() == 200;
                    } catch (IOException e) {
                      retries.incrementAndGet();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                  }
                  if (!done) failures.incrementAndGet();
                }
              },
              "raw-patch-" + t);
      workers[t].start();
    }
    for (Thread w : workers) w.join();
    boolean allSeen = events.await(5, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - started) / 1e9;
    if (watch != null) {
      try {
        watch.close();
      } catch (Exception e) {
        // the reader is a daemon thread; it ends with the process at the latest
      }
    }
    if (!allSeen) throw new IllegalStateException(events.getCount() + " changes never arrived");
    return new Result(sent.get(), failures.get(), retries.get(), seconds);
  }

  /**
   * Opens a watch from the current version on a thread of its own (the server sends the response
   * head with the first event, so the open returns only once patches flow; changes made before it
   * is registered are replayed from that version); counts each MODIFIED event down on {@code
   * events}. Returns the handle that closes it.
   */
  private static AutoCloseable openWatch(
      HttpClient http, int apiPort, String namespace, CountDownLatch events)
      throws InterruptedException {
    String collection = "http://127.0.0.1:" + apiPort + "/apis/apps/v1/namespaces/" + namespace;
    String list;
    try {
      list =
          http.send(
                  HttpRequest.newBuilder(URI.create(collection + "/deployments?limit=1")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    } catch (IOException e) {
      throw new IllegalStateException("could not list the Deployments: " + e, e);
    }
    Matcher version = LIST_VERSION.matcher(list);
    if (!version.find()) throw new IllegalStateException("no resourceVersion in the list");
    HttpRequest watch =
        HttpRequest.newBuilder(
                URI.create(
                    collection + "/deployments?watch=true&resourceVersion=" + version.group(1)))
            .build();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(
                          http.send(watch, HttpResponse.BodyHandlers.ofInputStream()).body(),
                          StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.startsWith("{\"type\":\"MODIFIED\"")) events.countDown();
                }
              } catch (IOException e) {
                // the watch ends with the loop
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "raw-patch-watch");
    reader.setDaemon(true);
    reader.start();
    return reader::interrupt;
  }

  private static final Pattern LIST_VERSION =
      Pattern.compile("\"metadata\":\\{\"resourceVersion\":\"(\\d+)\"");
}
