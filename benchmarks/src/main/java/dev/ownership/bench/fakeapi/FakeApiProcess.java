package dev.ownership.bench.fakeapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.bench.process.JavaProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link FakeApiMain} in its own JVM, and the few requests the harnesses make to it. */
public final class FakeApiProcess implements AutoCloseable {
  private final JavaProcess process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private FakeApiProcess(JavaProcess process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * @param heap e.g. {@code 4g}: the server keeps every object's JSON
   * @param args {@link FakeApiMain}'s options
   */
  public static FakeApiProcess start(String heap, List<String> args, Path workDir)
      throws IOException, InterruptedException {
    Path portFile = workDir.resolve("fake-api.port");
    Files.deleteIfExists(portFile);
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--port-file", portFile.toString()));
    JavaProcess p =
        JavaProcess.start(
            List.of("-Xmx" + heap, "-XX:+UseParallelGC"),
            List.of("-cp", JavaProcess.ownClasspath(), FakeApiMain.class.getName()),
            all,
            Map.of(),
            workDir.resolve("fake-api.log"));
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (!Files.exists(portFile)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.close();
        throw new IOException("the fake API server did not start:\n" + p.output());
      }
      Thread.sleep(50);
    }
    return new FakeApiProcess(p, Integer.parseInt(Files.readString(portFile).trim()));
  }

  public int port() {
    return port;
  }

  public JavaProcess process() {
    return process;
  }

  public JsonNode stats() throws IOException, InterruptedException {
    return ResourceStore.JSON.readTree(send("GET", "/_bench/stats", null, null));
  }

  public void resetStats() throws IOException, InterruptedException {
    send("POST", "/_bench/reset", "application/json", "{}");
  }

  /** Requests of one kind so far, e.g. {@code ("PATCH", "deployments.apps")}. */
  public long requests(String verb, String collection) throws IOException, InterruptedException {
    return stats().path("requests").path(verb + " " + collection).asLong(0);
  }

  /** Deployments whose {@code ownership.dev/status} label has this value. */
  public long deploymentsWithStatus(String status) throws IOException, InterruptedException {
    return stats().path("deploymentStatus").path(status).asLong(0);
  }

  /** DELETEs the object at a path. */
  public void delete(String path) throws IOException, InterruptedException {
    send("DELETE", path, null, null);
  }

  /** POSTs a JSON object to a collection path; returns the answer's body. */
  public String create(String path, String json) throws IOException, InterruptedException {
    return send("POST", path, "application/json", json);
  }

  private String send(String method, String path, String type, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60));
    if (body == null) b.method(method, HttpRequest.BodyPublishers.noBody());
    else b.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300)
      throw new IOException(method + " " + path + ": " + r.statusCode() + " " + r.body());
    return r.body();
  }

  @Override
  public void close() {
    process.close();
  }
}
