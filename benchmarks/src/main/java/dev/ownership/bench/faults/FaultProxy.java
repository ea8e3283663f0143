package dev.ownership.bench.faults;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP proxy between the operator and an API server that misbehaves the way a loaded or
 * restarting API server does: a fraction of requests get a 500, a 429 with {@code Retry-After}, a
 * 409 (writes), a connection reset before or after the request reached the server (the latter: the
 * write happened, its answer is lost), or a delay; and every watch (WebSocket or chunked HTTP) is
 * cut after a few seconds. {@link #faults} turns it on and off while it runs.
 */
public final class FaultProxy implements AutoCloseable {
  /** What one faulty request gets. */
  public enum Fault {
    SERVER_ERROR,
    TOO_MANY_REQUESTS,
    CONFLICT,
    RESET_BEFORE,
    RESET_AFTER,
    DELAY
  }

  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "keep-alive", "transfer-encoding", "upgrade", "host", "content-length");

  private final Vertx vertx;
  private final HttpClient client;
  private final int upstreamPort;
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Random random;
  private volatile double rate;
  private volatile boolean cutWatches;
  private HttpServer server;

  /**
   * @param seed of the fault choices, so a run's faults can be asked for again (the order in which
   *     requests arrive still varies)
   */
  public FaultProxy(int upstreamPort, long seed) {
    this.upstreamPort = upstreamPort;
    this.random = new Random(seed);
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
    client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setMaxPoolSize(64)
                .setMaxWebSockets(64)
                .setMaxWebSocketFrameSize(64 * 1024 * 1024)
                .setMaxWebSocketMessageSize(64 * 1024 * 1024));
  }

  /** Starts on loopback (port 0: a free one); returns the port. */
  public int start(int port) throws Exception {
    server =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setHost("127.0.0.1")
                    .setPort(port)
                    // A close then sends RST, as a crashed API server or load balancer does.
                    .setSoLinger(0)
                    .setMaxWebSocketFrameSize(64 * 1024 * 1024)
                    .setMaxWebSocketMessageSize(64 * 1024 * 1024))
            .requestHandler(this::handle)
            .listen()
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    return server.actualPort();
  }

  /**
   * @param rate the fraction of non-watch requests that get a fault (0 turns faults off)
   * @param cutWatches whether watches are cut after 2–6 s
   */
  public void faults(double rate, boolean cutWatches) {
    this.rate = rate;
    this.cutWatches = cutWatches;
  }

  /** Faults injected so far on requests of an HTTP method (e.g. "PATCH"). */
  public long faulted(String method) {
    AtomicLong n = counts.get("faulted " + method);
    return n == null ? 0 : n.get();
  }

  /** Requests forwarded and faults injected so far, by name and by "faulted METHOD". */
  public Map<String, Long> counts() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  private void count(String what) {
    counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
  }

  private void handle(HttpServerRequest req) {
    boolean watch = "true".equals(req.getParam("watch")) || "1".equals(req.getParam("watch"));
    if (watch && "websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
      webSocketWatch(req);
      return;
    }
    if (watch) {
      count("watch");
      forward(req, true, false);
      return;
    }
    if (random.nextDouble() >= rate) {
      count("forwarded");
      forward(req, false, false);
      return;
    }
    boolean write = req.method() != HttpMethod.GET;
    Fault[] faults = Fault.values();
    Fault fault = faults[random.nextInt(faults.length)];
    if (!write && (fault == Fault.CONFLICT || fault == Fault.RESET_AFTER))
      fault = Fault.SERVER_ERROR;
    count(fault.name());
    count("faulted " + req.method().name());
    switch (fault) {
      case SERVER_ERROR -> status(req.response(), 500, "InternalError", "injected fault", null);
      case TOO_MANY_REQUESTS ->
          status(req.response(), 429, "TooManyRequests", "injected: slow down", "1");
      case CONFLICT ->
          status(
              req.response(),
              409,
              "Conflict",
              "injected: the object has been modified; please apply your changes again",
              null);
      case RESET_BEFORE -> req.connection().close();
      case RESET_AFTER -> forward(req, false, true);
      case DELAY -> {
        req.pause();
        vertx.setTimer(
            500 + random.nextInt(2_000),
            t -> {
              req.resume();
              forward(req, false, false);
            });
      }
    }
  }

  /** Sends the request on; {@code resetAfter}: drops the connection once the server answered. */
  private void forward(HttpServerRequest req, boolean watch, boolean resetAfter) {
    req.body()
        .onFailure(e -> req.connection().close())
        .onSuccess(
            body -> {
              RequestOptions options =
                  new RequestOptions()
                      .setMethod(req.method())
                      .setHost("127.0.0.1")
                      .setPort(upstreamPort)
                      .setURI(req.uri())
                      .setHeaders(copy(req.headers()));
              if (watch) options.setIdleTimeout(0);
              client
                  .request(options)
                  .compose(upstream -> upstream.send(body))
                  .onFailure(e -> status(req.response(), 502, "BadGateway", e.toString(), null))
                  .onSuccess(
                      answer -> {
                        if (resetAfter) {
                          answer.body().onComplete(x -> req.connection().close());
                          return;
                        }
                        HttpServerResponse response = req.response();
                        response.setStatusCode(answer.statusCode());
                        response.headers().addAll(copy(answer.headers()));
                        response.setChunked(true);
                        if (watch && cutWatches) cutLater(() -> req.connection().close());
                        answer.pipeTo(response);
                      });
            });
  }

  private void webSocketWatch(HttpServerRequest req) {
    count("watch");
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(upstreamPort)
            .setURI(req.uri())
            .setHeaders(copy(req.headers()));
    req.toWebSocket()
        .onSuccess(
            downstream ->
                client
                    .webSocket(options)
                    .onFailure(e -> downstream.close())
                    .onSuccess(
                        upstream -> {
                          upstream.textMessageHandler(downstream::writeTextMessage);
                          upstream.binaryMessageHandler(downstream::writeBinaryMessage);
                          upstream.closeHandler(v -> downstream.close());
                          downstream.closeHandler(v -> upstream.close());
                          if (cutWatches) cutLater(() -> cut(downstream, upstream));
                        }));
  }

  private static void cut(ServerWebSocket downstream, io.vertx.core.http.WebSocket upstream) {
    upstream.close();
    downstream.close();
  }

  private void cutLater(Runnable cut) {
    vertx.setTimer(
        2_000 + random.nextInt(4_000),
        t -> {
          count("watch-cut");
          cut.run();
        });
  }

  private static MultiMap copy(MultiMap headers) {
    MultiMap copy = MultiMap.caseInsensitiveMultiMap();
    headers.forEach(
        (name, value) -> {
          if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) copy.add(name, value);
        });
    return copy;
  }

  private static void status(
      HttpServerResponse response, int code, String reason, String message, String retryAfter) {
    if (retryAfter != null) response.putHeader("Retry-After", retryAfter);
    String body =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\""
            + message.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\",\"reason\":\""
            + reason
            + "\",\"code\":"
            + code
            + "}";
    response
        .setStatusCode(code)
        .putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(body));
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
