package dev.ownership.bench.webhook;

import dev.ownership.bench.fixtures.NoopReview;
import dev.ownership.bench.jmh.AdmissionBenchmark;
import dev.ownership.bench.jmh.AdmissionSubject;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The load harness's baseline: a Vert.x HTTPS server that reads each request body and answers one
 * fixed allowed AdmissionReview, on one event loop per core (as the operator's webhook).
 *
 * <p>With {@code handler} as a fourth argument it answers each body with the operator's own {@code
 * AdmissionHandler} instead (the fixtures' namespaces, no Kubernetes client, no connection guard,
 * no metrics server): what the operator's webhook costs beyond the decision is then the difference
 * between it and this server, and what the decision costs the difference between this and the
 * no-op.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ownership.bench.webhook.NoopResponder CERT KEY PORT-FILE [handler]
 * </pre>
 */
public final class NoopResponder {
  private NoopResponder() {}

  public static void main(String[] args) throws Exception {
    Buffer fixed = Buffer.buffer(NoopReview.allowed("00000000-0000-0000-0000-000000000000"));
    // The fixtures' two namespaces and no other, as the harness seeds its fake API server.
    AdmissionSubject handler =
        args.length > 3 && args[3].equals("handler")
            ? AdmissionBenchmark.subject(0, List.of())
            : null;
    Function<Buffer, Buffer> answer =
        handler == null
            ? body -> fixed
            : body -> Buffer.buffer(handler.handle(body.getBytes()).body());
    // As the operator's webhook: one server instance per core, each on an event loop of its own
    // (a verticle instance each; listened from main, they would all share main's sticky context).
    int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost("127.0.0.1")
            .setSsl(true)
            .setKeyCertOptions(new PemKeyCertOptions().setCertPath(args[0]).setKeyPath(args[1]));
    int port = listen(vertx, options, -1, answer);
    // -1: a random port the other instances share (Vert.x shares a random port only so).
    for (int i = 1; i < loops; i++) listen(vertx, options, -1, answer);
    Path portFile = Path.of(args[2]);
    Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(tmp, String.valueOf(port));
    Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    System.out.println("NOOP-RESPONDER port=" + port);
  }

  /** One server instance on its own event loop; returns the bound port. */
  private static int listen(
      Vertx vertx, HttpServerOptions options, int port, Function<Buffer, Buffer> answer)
      throws Exception {
    CompletableFuture<Integer> bound = new CompletableFuture<>();
    vertx.deployVerticle(
        new AbstractVerticle() {
          @Override
          public void start(Promise<Void> started) {
            vertx
                .createHttpServer(new HttpServerOptions(options).setPort(port))
                .requestHandler(
                    req ->
                        req.body()
                            .onSuccess(
                                body ->
                                    req.response()
                                        .putHeader("Content-Type", "application/json")
                                        .end(answer.apply(body))))
                .listen()
                .onSuccess(
                    server -> {
                      bound.complete(server.actualPort());
                      started.complete();
                    })
                .onFailure(
                    e -> {
                      bound.completeExceptionally(e);
                      started.fail(e);
                    });
          }
        });
    return bound.get(30, TimeUnit.SECONDS);
  }
}
