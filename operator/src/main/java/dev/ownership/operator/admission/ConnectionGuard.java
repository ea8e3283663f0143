package dev.ownership.operator.admission;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps slow or idle clients from holding the webhook: at most {@link Limits#maxConnections()}
 * connections at once; each request must arrive whole — headers and body — within {@link
 * Limits#requestDeadline()} of its first byte (the API server gives up after the webhook's own
 * timeout, 3 s here, 30 s at most), and so must a new connection's first request; a kept-alive
 * connection must start its next request within {@link Limits#idleDeadline()}. A client that
 * dribbles a byte a second is closed instead of kept forever, and real reviews on other connections
 * go on.
 *
 * <p>Vert.x 4 calls nothing before a request's headers are parsed, so the first byte is seen by a
 * Netty handler put in front of the connection's pipeline (through Vert.x's {@code ConnectionBase},
 * an internal class: {@code WebhookHardeningTest} fails if an upgrade takes it away). It sees the
 * TLS bytes, so a TLS record dribbled a byte at a time starts the deadline too.
 *
 * <p>Every callback runs on the connection's event loop; the counters are read by the metrics.
 */
final class ConnectionGuard {
  /**
   * @param maxConnections more are closed as soon as they connect
   * @param requestDeadline from a request's first byte (or a new connection's opening) to its last
   *     body byte
   * @param idleDeadline from the last response to the next request's first byte
   */
  record Limits(int maxConnections, Duration requestDeadline, Duration idleDeadline) {
    /** Two API server replicas keep a few connections each; a thousand leaves room for a fleet. */
    static final Limits DEFAULT = new Limits(1000, Duration.ofSeconds(10), Duration.ofSeconds(60));
  }

  private final Vertx vertx;
  private final Limits limits;
  private final Map<HttpConnection, Long> deadlines = new ConcurrentHashMap<>();

  /** Connections whose current request has started arriving (its deadline is armed). */
  private final Set<HttpConnection> receiving = ConcurrentHashMap.newKeySet();

  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();

  ConnectionGuard(Vertx vertx, Limits limits) {
    this.vertx = vertx;
    this.limits = limits;
  }

  /**
   * A client connected: count it, refuse it past the cap, give it until the request deadline to
   * send its first request (the API server connects to send one).
   */
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
          receiving.remove(connection);
          Long timer = deadlines.remove(connection);
          if (timer != null) vertx.cancelTimer(timer);
        });
    receiving.add(connection);
    arm(connection, limits.requestDeadline());
    watchFirstBytes(connection);
  }

  /** Bytes arrived: if they start a request, its deadline runs from now. */
  void bytesArrived(HttpConnection connection) {
    if (receiving.add(connection)) arm(connection, limits.requestDeadline());
  }

  /**
   * A request's headers arrived: its body must follow before the request deadline (armed already
   * when its first byte was seen).
   */
  void requestStarted(HttpServerRequest request) {
    bytesArrived(request.connection());
  }

  /** The body arrived whole: the deadline is off until the response is written. */
  void requestRead(HttpServerRequest request) {
    Long timer = deadlines.remove(request.connection());
    if (timer != null) vertx.cancelTimer(timer);
  }

  /** The response went out: the connection may stay for the next request, but not forever. */
  void responded(HttpServerRequest request) {
    receiving.remove(request.connection());
    arm(request.connection(), limits.idleDeadline());
  }

  private void watchFirstBytes(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      base.channel().pipeline().addFirst(FirstBytes.NAME, new FirstBytes(connection));
    }
  }

  /** Tells the guard of every read, before TLS and HTTP decoding; passes everything on. */
  private final class FirstBytes extends ChannelInboundHandlerAdapter {
    static final String NAME = "ownership-request-deadline";
    private final HttpConnection connection;

    FirstBytes(HttpConnection connection) {
      this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
      bytesArrived(connection);
      context.fireChannelRead(message);
    }
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
