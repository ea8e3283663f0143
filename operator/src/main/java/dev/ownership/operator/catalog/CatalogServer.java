package dev.ownership.operator.catalog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ownership.operator.concurrency.DaemonThreads;
import dev.ownership.operator.net.PortInUseException;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.who.TeamDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain HTTP for the catalog on {@code --catalog-port}, with the JDK's server on two threads of its
 * own. Rendering is ordinary blocking work (after a change it re-resolves the cluster once), so it
 * must not run on the webhook's Vert.x event loops, and does not: this server shares nothing with
 * them.
 */
public final class CatalogServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogServer.class);
  private static final int THREADS = 2;

  private final HttpServer server;
  private final ExecutorService executor;

  public CatalogServer(InetSocketAddress address, CatalogHandler handler) throws IOException {
    try {
      server = HttpServer.create(address, 64);
    } catch (java.net.BindException e) {
      throw new PortInUseException("catalog", address.getHostString(), address.getPort(), e);
    }
    executor = Executors.newFixedThreadPool(THREADS, DaemonThreads.named("catalog-http", true));
    server.setExecutor(executor);
    server.createContext("/", exchange -> serve(exchange, handler));
  }

  /** The catalog of a replica, started: its caches, its resolver, its view of the Teams. */
  public static CatalogServer serve(
      InetSocketAddress address, CatalogSource source, OwnerResolver resolver, TeamDirectory teams)
      throws IOException {
    return new CatalogServer(address, new CatalogHandler(new Catalog(source, resolver, teams)))
        .start();
  }

  public CatalogServer start() {
    server.start();
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void serve(HttpExchange exchange, CatalogHandler handler) throws IOException {
    try {
      CatalogResponse response;
      try {
        response =
            handler.handle(
                CatalogRequest.of(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery()));
      } catch (RuntimeException e) {
        LOG.warn(
            "{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
        response =
            CatalogResponse.of(
                500, CatalogResponse.TEXT, "internal error; the operator's log says more\n");
      }
      CatalogHandler.SECURITY_HEADERS.forEach(exchange.getResponseHeaders()::set);
      exchange.getResponseHeaders().set("Content-Type", response.contentType());
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      if (response.status() == 405) exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response.body());
        }
      }
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
