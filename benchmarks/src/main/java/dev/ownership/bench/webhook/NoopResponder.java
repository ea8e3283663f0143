package dev.ownership.bench.webhook;

import dev.ownership.bench.fixtures.NoopReview;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The load harness's baseline: a Vert.x HTTPS server that reads each request body and answers one
 * fixed allowed AdmissionReview, with Vert.x's default event loops (as the operator's webhook).
 *
 * <pre>java -cp benchmarks.jar dev.ownership.bench.webhook.NoopResponder CERT KEY PORT-FILE</pre>
 */
public final class NoopResponder {
  private NoopResponder() {}

  public static void main(String[] args) throws Exception {
    Buffer answer = Buffer.buffer(NoopReview.allowed("00000000-0000-0000-0000-000000000000"));
    Vertx vertx = Vertx.vertx();
    int port =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setHost("127.0.0.1")
                    .setPort(0)
                    .setSsl(true)
                    .setKeyCertOptions(
                        new PemKeyCertOptions().setCertPath(args[0]).setKeyPath(args[1])))
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            body ->
                                req.response()
                                    .putHeader("Content-Type", "application/json")
                                    .end(answer)))
            .listen()
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS)
            .actualPort();
    Path portFile = Path.of(args[2]);
    Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(tmp, String.valueOf(port));
    Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    System.out.println("NOOP-RESPONDER port=" + port);
  }
}
