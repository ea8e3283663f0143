package dev.ownership.operator.admission;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps slow or idle clients from holding the webhook: at most {@link Limits#maxConnections()}
 * connections at once; each request must arrive whole within {@link Limits#requestDeadline()} (the
 * API server gives up after the webhook's own timeout, 3 s here, 30 s at most); a connection must
 * start its next request within {@link Limits#idleDeadline()}. A client that dribbles a byte a
 * second is closed instead of kept forever, and real reviews on other connections go on.
 *
 * <p>Every callback runs on the connection's event loop; the counters are read by the metrics.
 */
final class ConnectionGuard {
  /**
   * @param maxConnections more are closed as soon as they connect
   * @param requestDeadline from a request's headers to its last body byte
   * @param idleDeadline from opening, or the last response, to the next request's headers
   */
  record Limits(int maxConnections, Duration requestDeadline, Duration idleDeadline) {
    /** Two API server replicas keep a few connections each; a thousand leaves room for a fleet. */
    static final Limits DEFAULT = new Limits(1000, Duration.ofSeconds(10), Duration.ofSeconds(60));
  }

  private final Vertx vertx;
  private final Limits limits;
  private final Map<HttpConnection, Long> deadlines = new ConcurrentHashMap<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();

  ConnectionGuard(Vertx vertx, Limits limits) {
    this.vertx = vertx;
    this.limits = limits;
  }

  /** A client connected: count it, refuse it past the cap, give it until the idle deadline. */
  void opened(HttpConnection connection) {
    if (open.incrementAndGet() > limits.maxConnections()) {
      open.decrementAndGet();
      refused.incrementAndGet();
      connection.close();
      return;
    }
    connection.closeHandler(
        ignored -> {
          open.decrementAndGet();
          Long timer = deadlines.remove(connection);
          if (timer != null) vertx.cancelTimer(timer);
        });
    arm(connection, limits.idleDeadline());
  }

  /** A request's headers arrived: its body must follow before the request deadline. */
  void requestStarted(HttpServerRequest request) {
    arm(request.connection(), limits.requestDeadline());
  }

  /** The body arrived whole: the deadline is off until the response is written. */
  void requestRead(HttpServerRequest request) {
    Long timer = deadlines.remove(request.connection());
    if (timer != null) vertx.cancelTimer(timer);
  }

  /** The response went out: the connection may stay for the next request, but not forever. */
  void responded(HttpServerRequest request) {
    arm(request.connection(), limits.idleDeadline());
  }

  int openConnections() {
    return open.get();
  }

  long refusedConnections() {
    return refused.get();
  }

  long timedOutConnections() {
    return timedOut.get();
  }

  private void arm(HttpConnection connection, Duration deadline) {
    long timer =
        vertx.setTimer(
            Math.max(1, deadline.toMillis()),
            id -> {
              if (deadlines.remove(connection, id)) {
                timedOut.incrementAndGet();
                connection.close();
              }
            });
    Long previous = deadlines.put(connection, timer);
    if (previous != null) vertx.cancelTimer(previous);
  }
}
