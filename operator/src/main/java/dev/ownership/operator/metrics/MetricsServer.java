package dev.ownership.operator.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * Plain HTTP on {@code --metrics-port}: {@code /metrics} (Prometheus text, or OpenMetrics when the
 * Accept header asks), {@code /healthz} and {@code /readyz}. Scrapes are rare, so the JDK server is
 * enough here; the hot path (admission) has its own server.
 */
public final class MetricsServer implements AutoCloseable {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  public MetricsServer(int port, PrometheusMeterRegistry registry, BooleanSupplier healthy, BooleanSupplier ready) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 64);
    executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "metrics-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/metrics", exchange -> {
      if (!allowGet(exchange)) return;
      String accept = exchange.getRequestHeaders().getFirst("Accept");
      String contentType = accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
      respond(exchange, 200, contentType, registry.scrape(contentType));
    });
    server.createContext("/healthz", exchange -> probe(exchange, healthy));
    server.createContext("/readyz", exchange -> probe(exchange, ready));
    server.createContext("/", exchange -> respond(exchange, 404, "text/plain; charset=utf-8", "not found: try /metrics, /healthz or /readyz\n"));
  }

  public MetricsServer start() {
    server.start();
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void probe(HttpExchange exchange, BooleanSupplier check) throws IOException {
    if (!allowGet(exchange)) return;
    boolean ok;
    try {
      ok = check.getAsBoolean();
    } catch (RuntimeException e) {
      ok = false;
    }
    respond(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "not ready\n");
  }

  private static boolean allowGet(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) return true;
    exchange.getResponseHeaders().add("Allow", "GET, HEAD");
    respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
    return false;
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
