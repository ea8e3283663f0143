package dev.ownership.operator.admission;

import dev.ownership.operator.net.PortInUseException;
import dev.ownership.operator.tls.ReloadingCertificate;
import dev.ownership.operator.tls.ServingCertificate;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.KeyCertOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code POST /validate} over HTTPS (TLS 1.2 and 1.3, HTTP/1.1 keep-alive) with Vert.x.
 *
 * <p>One server instance per event loop shares the port, so connections spread over the cores. The
 * handler is CPU-only and takes microseconds, so it runs on the event loop itself; only reading the
 * certificate files happens on a worker thread. The files are polled and, when their content
 * changes to a valid pair, new handshakes get the new certificate (no restart; open connections
 * keep theirs).
 */
public final class WebhookServer implements AutoCloseable {
  public static final String PATH = "/validate";

  /** The API server never sends more (its own request limit is 3 MiB). */
  public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

  static final Set<String> TLS_PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  /**
   * Forward-secret AEAD suites only (the Kubernetes and Mozilla "intermediate" choice): no
   * TLS_RSA_* key exchange, no CBC, no SHA-1. TLS 1.3 suites first; the API server's Go client
   * speaks all of them.
   */
  static final List<String> CIPHER_SUITES =
      List.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(1);

  /** Enough runs of the handler for the JIT to compile its path before the first real review. */
  static final int WARM_UP_REVIEWS = 2_000;

  /** How long a refused request may keep sending its body before its connection is closed. */
  private static final long DRAIN_MILLIS = 2_000;

  private static final CharSequence APPLICATION_JSON =
      HttpHeaders.createOptimized("application/json");
  private static final CharSequence CLOSE = HttpHeaders.createOptimized("close");
  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);

  private static final String ANY_ADDRESS = "0.0.0.0";
  private final String host;
  private final int requestedPort;
  private final Path certFile;
  private final Path keyFile;
  private final AdmissionHandler handler;
  private final Duration reloadInterval;
  private Vertx vertx;
  private ReloadingCertificate certificate;
  private final ConnectionGuard.Limits limits;
  private ConnectionGuard guard;

  private volatile int port = -1;

  /**
   * What {@link #start()}'s warm-up did: the handler runs, the requests this server answered over
   * TLS, and whether it was all done while the server still showed no port (so not yet ready).
   */
  public record WarmUp(int reviews, int answeredRequests, boolean beforeReady) {
    static final WarmUp NONE = new WarmUp(0, 0, false);
  }

  private volatile WarmUp warmUp = WarmUp.NONE;

  public WebhookServer(int port, Path certFile, Path keyFile, AdmissionHandler handler) {
    this(ANY_ADDRESS, port, certFile, keyFile, handler, DEFAULT_RELOAD_INTERVAL);
  }

  public WebhookServer(
      int port, Path certFile, Path keyFile, AdmissionHandler handler, Duration reloadInterval) {
    this(ANY_ADDRESS, port, certFile, keyFile, handler, reloadInterval);
  }

  /**
   * @param host the address to listen on ({@code 0.0.0.0}: every interface)
   * @param reloadInterval how often the certificate files are checked for changes
   */
  public WebhookServer(
      String host,
      int port,
      Path certFile,
      Path keyFile,
      AdmissionHandler handler,
      Duration reloadInterval) {
    this(host, port, certFile, keyFile, handler, reloadInterval, ConnectionGuard.Limits.DEFAULT);
  }

  WebhookServer(
      String host,
      int port,
      Path certFile,
      Path keyFile,
      AdmissionHandler handler,
      Duration reloadInterval,
      ConnectionGuard.Limits limits) {
    this.limits = limits;
    this.host = host;
    this.requestedPort = port;
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.handler = handler;
    this.reloadInterval = reloadInterval;
  }

  /**
   * Reads the certificate and starts listening; returns once the port is bound.
   *
   * @throws IllegalStateException when the certificate cannot be used or the port cannot be bound
   */
  public synchronized void start() {
    if (vertx != null) throw new IllegalStateException("the webhook server is already started");
    try {
      certificate = ReloadingCertificate.read(certFile, keyFile);
    } catch (ServingCertificate.InvalidCertificateException e) {
      throw new IllegalStateException("cannot serve the webhook: " + e.getMessage(), e);
    }
    int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
    vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(eventLoops)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setFileSystemOptions(
                    new FileSystemOptions()
                        .setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
    guard = new ConnectionGuard(vertx, limits);
    try {
      HttpServerOptions options =
          new HttpServerOptions()
              .setSsl(true)
              .setKeyCertOptions(KeyCertOptions.wrap(certificate.keyManager()))
              .setEnabledSecureTransportProtocols(new LinkedHashSet<>(TLS_PROTOCOLS))
              .setUseAlpn(false)
              .setCompressionSupported(false)
              .setHandle100ContinueAutomatically(false)
              // A connection that never finishes its handshake is not yet an HTTP connection the
              // guard sees: Netty closes it after this.
              .setSslHandshakeTimeout(5)
              .setSslHandshakeTimeoutUnit(TimeUnit.SECONDS)
              .setIdleTimeout(300)
              .setIdleTimeoutUnit(TimeUnit.SECONDS);
      CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
      // Instances listening on the same port share it, each on its own event loop. Vert.x shares a
      // random port only when asked for with a negative number, so port 0 becomes -1 here.
      int shared = requestedPort == 0 ? -1 : requestedPort;
      int bound = listen(options, shared).actualPort();
      for (int i = 1; i < eventLoops; i++) listen(options, shared);
      warmUp(bound);
      port = bound;
      long interval = Math.max(100, reloadInterval.toMillis());
      vertx.setPeriodic(interval, interval, id -> reloadIfChanged());
      LOG.info(
          "Admission webhook listening on https://{}:{}{} ({} event loops), certificate {}"
              + " expires {}",
          host,
          port,
          PATH,
          eventLoops,
          certificate.current().leaf().getSubjectX500Principal().getName(),
          certificate.current().leaf().getNotAfter().toInstant());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Pays the first review's costs before anyone is waiting on it: the handler's path is run through
   * the JIT, and one TLS handshake with this server loads the crypto providers and Netty's pipeline
   * (the first real review otherwise took over a second against a 3 s timeout). Nothing here is
   * counted in the metrics.
   */
  private void warmUp(int boundPort) {
    long started = System.nanoTime();
    int reviews = handler.warmUp(WARM_UP_REVIEWS);
    int answered = 0;
    // Trusting anything is safe here: the client talks to this very server, on this host, once.
    io.vertx.core.http.HttpClient self =
        vertx.createHttpClient(
            new io.vertx.core.http.HttpClientOptions()
                .setSsl(true)
                .setTrustAll(true)
                .setVerifyHost(false)
                .setConnectTimeout(5_000));
    String target = host.equals(ANY_ADDRESS) ? "127.0.0.1" : host;
    try {
      self.request(HttpMethod.GET, boundPort, target, "/warm-up")
          .compose(request -> request.send())
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      answered++;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("The webhook's warm-up request failed: {}", e.toString());
    } finally {
      self.close();
    }
    // The readiness probe waits for port(): it must still be unset here.
    warmUp = new WarmUp(reviews, answered, port < 0);
    LOG.debug("Webhook warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
  }

  /** The warm-up of the last {@link #start()}; no reviews and no requests before it. */
  public WarmUp warmUp() {
    return warmUp;
  }

  /** Connections open now (the metrics read it). */
  public int openConnections() {
    return guard == null ? 0 : guard.openConnections();
  }

  /** Connections closed at once because {@code maxConnections} were already open. */
  public long refusedConnections() {
    return guard == null ? 0 : guard.refusedConnections();
  }

  /**
   * Connections closed because a request did not arrive whole, or the next one did not start, in
   * time.
   */
  public long timedOutConnections() {
    return guard == null ? 0 : guard.timedOutConnections();
  }

  /** The bound port (the real one when 0 was asked for); -1 before {@link #start()}. */
  public int port() {
    return port;
  }

  /** The certificate new connections get. */
  public ServingCertificate certificate() {
    return certificate.current();
  }

  @Override
  public synchronized void close() {
    if (vertx == null) return;
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("The webhook server did not stop cleanly", e);
    } finally {
      vertx = null;
    }
  }

  /**
   * One server instance, listening on an event loop of its own. Vert.x hands every call from one
   * non-Vert.x thread the same ("sticky") context, so instances listened from here all shared one
   * event loop and the webhook used one core whatever it had; a verticle instance gets a context,
   * and so an event loop, of its own.
   */
  private HttpServer listen(HttpServerOptions options, int onPort) {
    CompletableFuture<HttpServer> listening = new CompletableFuture<>();
    vertx.deployVerticle(new Listener(options, onPort, listening));
    HttpServer server;
    try {
      server = listening.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the webhook server", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      if (cause instanceof java.net.BindException) {
        throw new PortInUseException("webhook", host, requestedPort, cause);
      }
      throw new IllegalStateException(
          "cannot listen on webhook port " + requestedPort + ": " + cause.getMessage(), cause);
    }
    return server;
  }

  /** Listens once from its own event loop context (see {@link #listen}). */
  private final class Listener extends AbstractVerticle {
    private final HttpServerOptions options;
    private final int onPort;
    private final CompletableFuture<HttpServer> listening;

    Listener(HttpServerOptions options, int onPort, CompletableFuture<HttpServer> listening) {
      this.options = options;
      this.onPort = onPort;
      this.listening = listening;
    }

    @Override
    public void start(Promise<Void> started) {
      vertx
          .createHttpServer(options)
          .connectionHandler(guard::opened)
          .requestHandler(WebhookServer.this::onRequest)
          .listen(onPort, host)
          .onComplete(
              result -> {
                if (result.succeeded()) {
                  listening.complete(result.result());
                  started.complete();
                } else {
                  listening.completeExceptionally(result.cause());
                  started.fail(result.cause());
                }
              });
    }
  }

  private void onRequest(HttpServerRequest request) {
    guard.requestStarted(request);
    if (!PATH.equals(request.path())) {
      refuse(
          request,
          404,
          "there is nothing at " + request.path() + "; the webhook serves POST " + PATH,
          false);
      return;
    }
    if (request.method() != HttpMethod.POST) {
      request.response().putHeader(HttpHeaders.ALLOW, "POST");
      refuse(
          request,
          405,
          "method "
              + request.method()
              + " is not allowed on "
              + PATH
              + "; send the AdmissionReview with POST",
          false);
      return;
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    long declared = -1;
    if (length != null) {
      try {
        declared = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        refuse(request, 400, "Content-Length '" + length + "' is not a number", true);
        return;
      }
    }
    if (declared > MAX_BODY_BYTES) {
      refuse(request, 413, tooLarge("Content-Length says " + declared + " bytes"), true);
      return;
    }
    if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true))
      request.response().writeContinue();

    Buffer body = Buffer.buffer(declared > 0 ? (int) declared : 8192);
    boolean[] refused = {false};
    request.handler(
        chunk -> {
          if (refused[0]) return;
          if (body.length() + chunk.length() > MAX_BODY_BYTES) {
            refused[0] = true;
            refuse(request, 413, tooLarge("the body grew past " + MAX_BODY_BYTES + " bytes"), true);
            return;
          }
          body.appendBuffer(chunk);
        });
    request.endHandler(
        ignored -> {
          if (refused[0]) return;
          guard.requestRead(request);
          AdmissionResult result;
          try {
            result = handler.handle(body.getBytes());
          } catch (RuntimeException e) {
            LOG.error("The admission handler failed", e);
            result =
                AdmissionResult.badRequest(
                    "the AdmissionReview could not be handled ("
                        + e.getClass().getSimpleName()
                        + ")");
          }
          request
              .response()
              .setStatusCode(result.httpStatus())
              .putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
              .end(Buffer.buffer(result.body()))
              .onComplete(done -> guard.responded(request));
        });
    request.exceptionHandler(e -> LOG.debug("Webhook request failed: {}", e.toString()));
  }

  private static String tooLarge(String why) {
    return "the AdmissionReview is too large: "
        + why
        + "; at most "
        + MAX_BODY_BYTES
        + " bytes (3 MiB) are accepted";
  }

  /**
   * Answers with a JSON error at once, without waiting for the body. Whatever body still arrives is
   * read and dropped, so the client sees the answer instead of a reset; a connection whose body is
   * too large is closed once it is drained (or after a grace period), so it cannot be fed forever.
   */
  private void refuse(
      HttpServerRequest request, int status, String message, boolean closeConnection) {
    HttpServerResponse response = request.response();
    if (response.ended()) return;
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON);
    if (closeConnection) response.putHeader(HttpHeaders.CONNECTION, CLOSE);
    response.end(Buffer.buffer(AdmissionResponses.error(message)));
    if (request.isEnded()) {
      if (closeConnection) request.connection().close();
      else guard.responded(request);
      return;
    }
    long[] dropped = {0};
    request.handler(
        chunk -> {
          dropped[0] += chunk.length();
          if (dropped[0] > MAX_BODY_BYTES) request.connection().close();
        });
    request.endHandler(
        ignored -> {
          if (closeConnection) request.connection().close();
          else guard.responded(request);
        });
    if (closeConnection) vertx.setTimer(DRAIN_MILLIS, id -> request.connection().close());
  }

  /**
   * Runs on the event loop every interval; the file I/O happens on the worker thread, one poll at a
   * time.
   */
  private void reloadIfChanged() {
    vertx
        .executeBlocking(certificate::reloadIfChanged, true)
        .onFailure(e -> LOG.warn("Could not check the webhook certificate files", e));
  }
}
