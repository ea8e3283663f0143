package dev.ownership.operator.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownership.operator.testing.SystemTool;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code prometheus} server for tests: loopback only, data in a directory the caller owns,
 * stopped by {@link #close()}. Queries go through its HTTP API.
 */
final class PrometheusProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path log;
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PrometheusProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  /**
   * Scrapes {@code target} (host:port) every second as job {@code job}, evaluating {@code
   * ruleFiles} every second.
   */
  static PrometheusProcess start(
      Path workDir, int port, String job, String target, List<Path> ruleFiles) throws IOException {
    Path binary = SystemTool.PROMETHEUS.path();
    StringBuilder config =
        new StringBuilder()
            .append(
                "global:\n"
                    + "  scrape_interval: 1s\n"
                    + "  scrape_timeout: 1s\n"
                    + "  evaluation_interval: 1s\n");
    if (!ruleFiles.isEmpty()) {
      config.append("rule_files:\n");
      ruleFiles.forEach(f -> config.append("  - '").append(f.toAbsolutePath()).append("'\n"));
    }
    config
        .append("scrape_configs:\n  - job_name: '")
        .append(job)
        .append("'\n")
        .append("    static_configs:\n      - targets: ['")
        .append(target)
        .append("']\n");
    Path configFile = Files.writeString(workDir.resolve("prometheus.yml"), config.toString());
    Path data = Files.createDirectories(workDir.resolve("prometheus-data"));
    Path log = workDir.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + data,
                "--web.listen-address=127.0.0.1:" + port)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new PrometheusProcess(process, log, port);
  }

  boolean isReady() {
    if (!process.isAlive())
      throw new AssertionError("prometheus exited with " + process.exitValue() + ":\n" + log());
    try {
      return http.send(
                  HttpRequest.newBuilder(base.resolve("/-/ready"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * GET {@code path}; the {@code data} of a successful answer, else an AssertionError with
   * Prometheus's error.
   */
  JsonNode api(String path, Map<String, String> parameters)
      throws IOException, InterruptedException {
    StringBuilder uri = new StringBuilder(path);
    String sep = "?";
    for (Map.Entry<String, String> p : parameters.entrySet()) {
      uri.append(sep)
          .append(p.getKey())
          .append('=')
          .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
      sep = "&";
    }
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(base.resolve(uri.toString()))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(response.body());
    if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
      throw new AssertionError(
          "Prometheus "
              + path
              + " "
              + parameters
              + " failed (HTTP "
              + response.statusCode()
              + "): "
              + body.path("errorType").asText()
              + ": "
              + body.path("error").asText());
    }
    return body.get("data");
  }

  /** Evaluates {@code promql} now; fails on any query error. */
  JsonNode query(String promql) throws IOException, InterruptedException {
    return api("/api/v1/query", Map.of("query", promql));
  }

  /**
   * An instant vector query's samples keyed by the values of {@code keyLabels} joined with "/"
   * (empty key for a vector without them), e.g. {@code {"shop/Deployment": 2.0}}.
   */
  Map<String, Double> vector(String promql, String... keyLabels)
      throws IOException, InterruptedException {
    JsonNode data = query(promql);
    if (!"vector".equals(data.path("resultType").asText()))
      throw new AssertionError(promql + " is not an instant vector: " + data);
    Map<String, Double> samples = new TreeMap<>();
    for (JsonNode sample : data.get("result")) {
      List<String> key = new java.util.ArrayList<>();
      for (String label : keyLabels) key.add(sample.path("metric").path(label).asText());
      Double previous =
          samples.put(
              String.join("/", key), Double.parseDouble(sample.get("value").get(1).asText()));
      if (previous != null)
        throw new AssertionError(promql + " has several series for " + key + ": " + data);
    }
    return samples;
  }

  /**
   * The health of every loaded rule by name ({@code ok}, {@code err} with its error, or {@code
   * unknown}).
   */
  Map<String, String> ruleHealth() throws IOException, InterruptedException {
    Map<String, String> health = new LinkedHashMap<>();
    for (JsonNode group : api("/api/v1/rules", Map.of()).get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        String error = rule.path("lastError").asText("");
        health.put(
            rule.get("name").asText(),
            rule.get("health").asText() + (error.isEmpty() ? "" : ": " + error));
      }
    }
    return health;
  }

  String log() {
    try {
      return Files.exists(log) ? tail(Files.readString(log), 4000) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  static String tail(String text, int chars) {
    return text.length() <= chars ? text : "..." + text.substring(text.length() - chars);
  }

  @Override
  public void close() throws InterruptedException {
    stop(process);
  }

  /** SIGTERM, then SIGKILL after ten seconds; children too. */
  private static void stop(Process process) throws InterruptedException {
    if (!process.isAlive()) return;
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
