package dev.ownership.bench.process;

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

/**
 * The operator as the harnesses see it from outside: its packaged jar, its command-line flags, its
 * probe and metrics endpoints and where its CRD is. Every flag name and path the harnesses rely on
 * is here, so a rename in the operator is a one-line fix.
 *
 * <p>Relies on: {@code run} with {@code --leader-election=false}, {@code --metrics-port}, {@code
 * --webhook-port}, {@code --tls-cert-file}/{@code --tls-key-file}, {@code --write-concurrency},
 * {@code --write-rate}, {@code --operator-namespace}; {@code GET /readyz} answering 200 once the
 * caches are synced; {@code /metrics} in Prometheus text; {@code POST /validate} on the webhook;
 * the CRD at {@link #CRD_RESOURCE} in the jar; the log lines {@link #allResolved} reads; KUBECONFIG
 * honoured.
 */
public final class OperatorJar {
  /**
   * The JVM as the shipped Deployment runs it in its 768Mi container: heap sized from that limit,
   * and the collector the JVM picks there (below 1792 MB it is not a "server class machine" and
   * takes SerialGC; {@code MaxRAM} alone does not change that choice, so without the flag a large
   * machine gives G1).
   */
  public static final List<String> CONTAINER_JVM_FLAGS =
      List.of(
          "-XX:MaxRAM=768m",
          "-XX:MaxRAMPercentage=66",
          "-XX:+ExitOnOutOfMemoryError",
          "-XX:+UseSerialGC");

  public static final String CRD_RESOURCE =
      "/META-INF/fabric8/serviceownerships.ownership.dev-v1.yml";

  /**
   * Whether the log says the controller's first pass over every cached workload is done (with no
   * workloads it only says that it starts on 0).
   */
  public static boolean allResolved(String log) {
    return log.contains("workloads resolved") || log.contains("Resolving ownership of 0 workloads");
  }

  public static final String VALIDATE_PATH = "/validate";
  public static final String SERVICE_OWNERSHIP_API = "ownership.dev/v1alpha1";
  public static final String SERVICE_OWNERSHIPS = "serviceownerships";

  private OperatorJar() {}

  /** {@code -Downership.jar}, else operator/target/ownership-operator.jar under the repo. */
  public static Path jar() {
    String property = System.getProperty("ownership.jar");
    Path path =
        property != null
            ? Path.of(property)
            : RepoRoot.find().resolve("operator/target/ownership-operator.jar");
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(
          "no operator jar at "
              + path
              + ": build it first (mvn -B -pl operator package -DskipTests)");
    }
    return path;
  }

  /** Arguments of {@code run} without leader election, writes as given, webhook optional. */
  public static List<String> runArguments(
      int metricsPort,
      int writeConcurrency,
      double writeRate,
      Path tlsCert,
      Path tlsKey,
      int webhookPort) {
    List<String> args = new ArrayList<>();
    args.add("run");
    args.add("--leader-election=false");
    args.add("--operator-namespace=ownership-system");
    args.add("--metrics-port=" + metricsPort);
    // The catalog is not what the harnesses measure; a free port keeps runs side by side apart.
    args.add("--catalog-port=0");
    args.add("--write-concurrency=" + writeConcurrency);
    args.add("--write-rate=" + writeRate);
    if (tlsCert != null) {
      args.add("--tls-cert-file=" + tlsCert);
      args.add("--tls-key-file=" + tlsKey);
      args.add("--webhook-port=" + webhookPort);
    }
    return args;
  }

  /**
   * Starts {@code java [jvmFlags] -jar jar args} with KUBECONFIG pointing at {@code kubeconfig}.
   */
  public static JavaProcess start(
      Path kubeconfig, List<String> jvmFlags, List<String> args, Path log) throws IOException {
    return JavaProcess.start(
        jvmFlags,
        List.of("-jar", jar().toString()),
        args,
        Map.of("KUBECONFIG", kubeconfig.toString()),
        log);
  }

  /** True once {@code GET /readyz} answers 200. */
  public static boolean ready(int metricsPort) {
    return httpStatus("http://127.0.0.1:" + metricsPort + "/readyz") == 200;
  }

  /** The Prometheus text of {@code /metrics}, or "" when it does not answer. */
  public static String metrics(int metricsPort) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static int httpStatus(String url) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** A kubeconfig for a plain-HTTP API server on loopback. */
  public static Path writeKubeconfig(Path file, int apiPort) throws IOException {
    return Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: fake
          cluster:
            server: http://127.0.0.1:%d
        users:
        - name: fake
          user:
            token: fake
        contexts:
        - name: fake
          context:
            cluster: fake
            user: fake
            namespace: default
        current-context: fake
        """
            .formatted(apiPort));
  }
}
