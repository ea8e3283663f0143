package dev.ownership.operator.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.ownership.operator.concurrency.DaemonThreads;
import dev.ownership.operator.net.PortInUseException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain HTTP on {@code --metrics-port}: {@code /metrics} (Prometheus text, or OpenMetrics when the
 * Accept header prefers it), {@code /healthz} and {@code /readyz}. Scrapes are rare, so the JDK
 * server is enough here; the hot path (admission) has its own server.
 */
public final class MetricsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
  private static final String PLAIN = "text/plain; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  public MetricsServer(
      int port, PrometheusMeterRegistry registry, BooleanSupplier healthy, BooleanSupplier ready)
      throws IOException {
    this(new InetSocketAddress(port), registry, healthy, ready);
  }

  public MetricsServer(
      InetSocketAddress address,
      PrometheusMeterRegistry registry,
      BooleanSupplier healthy,
      BooleanSupplier ready)
      throws IOException {
    try {
      server = HttpServer.create(address, 64);
    } catch (java.net.BindException e) {
      throw new PortInUseException("metrics", address.getHostString(), address.getPort(), e);
    }
    executor = Executors.newFixedThreadPool(2, DaemonThreads.named("metrics-http", true));
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try {
            route(exchange, registry, healthy, ready);
          } catch (RuntimeException e) {
            // Nothing has been sent yet: every handler computes its body before the headers.
            LOG.warn(
                "{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            respond(exchange, 500, PLAIN, "internal error: " + e.getMessage() + "\n");
          } finally {
            exchange.close();
          }
        });
  }

  public MetricsServer start() {
    server.start();
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  // The JDK server matches contexts by prefix (/metricsfoo would reach /metrics), so routing is
  // exact here.
  private static void route(
      HttpExchange exchange,
      PrometheusMeterRegistry registry,
      BooleanSupplier healthy,
      BooleanSupplier ready)
      throws IOException {
    HttpHandler handler =
        switch (exchange.getRequestURI().getPath()) {
          case "/metrics" ->
              e -> {
                ExpositionFormat format =
                    ExpositionFormat.negotiate(e.getRequestHeaders().getFirst("Accept"));
                respond(e, 200, format.contentType(), registry.scrape(format.contentType()));
              };
          case "/healthz" -> e -> probe(e, healthy);
          case "/readyz" -> e -> probe(e, ready);
          default -> null;
        };
    if (handler == null) {
      respond(exchange, 404, PLAIN, "not found: try /metrics, /healthz or /readyz\n");
    } else if (allowGet(exchange)) {
      handler.handle(exchange);
    }
  }

  private static void probe(HttpExchange exchange, BooleanSupplier check) throws IOException {
    boolean ok;
    try {
      ok = check.getAsBoolean();
    } catch (RuntimeException e) {
      ok = false;
    }
    respond(exchange, ok ? 200 : 503, PLAIN, ok ? "ok\n" : "not ready\n");
  }

  private static boolean allowGet(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) return true;
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    respond(exchange, 405, PLAIN, "method not allowed: use GET\n");
    return false;
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
