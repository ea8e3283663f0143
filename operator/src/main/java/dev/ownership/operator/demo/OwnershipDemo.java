package dev.ownership.operator.demo;

import dev.ownership.operator.OwnershipOperator;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.tls.CertificateAuthority;
import dev.ownership.operator.tls.PemCertificate;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The whole operator against an in-process API server: the same {@link OwnershipOperator} wiring as
 * {@code run} (controller, webhook with a generated certificate, metrics), seeded with the example
 * manifests. Prints what it did; the caller decides whether to keep serving.
 */
public final class OwnershipDemo implements AutoCloseable {
  static final List<String> CRD_RESOURCES =
      List.of(
          "/META-INF/fabric8/serviceownerships.ownership.dev-v1.yml",
          "/META-INF/fabric8/teams.ownership.dev-v1.yml");
  static final String ENFORCED_NAMESPACE = "storefront";
  public static final String OPERATOR_NAMESPACE = "ownership-system";

  private final InProcessApiServer api;
  private final KubernetesClient client;
  private final Path tempDir;
  private final CertificateAuthority ca;
  private final OwnershipOperator operator;
  private final OwnerLabelKeys ownerLabelKeys;
  private final TeamRegistryMode teamRegistry;
  private volatile DemoPods pods;

  private OwnershipDemo(
      InProcessApiServer api,
      KubernetesClient client,
      Path tempDir,
      CertificateAuthority ca,
      OwnershipOperator operator,
      OwnerLabelKeys ownerLabelKeys,
      TeamRegistryMode teamRegistry) {
    this.ownerLabelKeys = ownerLabelKeys;
    this.teamRegistry = teamRegistry;
    this.api = api;
    this.client = client;
    this.tempDir = tempDir;
    this.ca = ca;
    this.operator = operator;
  }

  /**
   * @param examples a directory like deploy/examples, or null for the copy inside the jar
   * @param settingsFor the settings to run with, given the generated certificate and key files
   */
  public static OwnershipDemo start(
      Path examples, PrintWriter out, BiFunction<Path, Path, OperatorSettings> settingsFor)
      throws Exception {
    InProcessApiServer api = InProcessApiServer.start();
    KubernetesClient client = api.newClient();
    Path tempDir = Files.createTempDirectory("ownership-demo");
    try {
      out.println("In-process Kubernetes API at " + api.url());
      for (String resource : CRD_RESOURCES) {
        try (InputStream crd =
            Objects.requireNonNull(
                OwnershipDemo.class.getResourceAsStream(resource),
                "the jar carries no " + resource)) {
          api.installCrd(client, crd);
        }
      }
      List<HasMetadata> objects = ExampleManifests.load(client, examples);
      for (HasMetadata object : objects) client.resource(object).create();
      out.printf(
          "Loaded the CRDs and %d example objects from %s%n",
          objects.size(), examples == null ? "deploy/examples (bundled)" : examples);

      CertificateAuthority ca =
          CertificateAuthority.generate("ownership-demo-ca", Duration.ofDays(1));
      PemCertificate serving =
          ca.issueServing(List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(1));
      Path cert = Files.writeString(tempDir.resolve("tls.crt"), serving.certificatePem());
      Path key = Files.writeString(tempDir.resolve("tls.key"), serving.privateKeyPem());

      OperatorSettings settings = settingsFor.apply(cert, key);
      OwnershipOperator operator = OwnershipOperator.start(settings, client, false);
      return new OwnershipDemo(
          api, client, tempDir, ca, operator, settings.ownerLabelKeys(), settings.teamRegistry());
    } catch (Exception e) {
      client.close();
      api.close();
      deleteQuietly(tempDir);
      throw e;
    }
  }

  /**
   * Waits until every workload is resolved and written, every ServiceOwnership's and Team's status
   * is current, and the registry's UnknownTeam Events are recorded.
   */
  public void awaitReconciled(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (operator.controller().isSynced()
          && operator.controller().isIdle()
          && statusesCurrent()
          && TeamReport.settled(client, teamRegistry)) return;
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "the examples were not reconciled within " + timeout.toSeconds() + "s");
  }

  private boolean statusesCurrent() {
    for (ServiceOwnership so :
        client.resources(ServiceOwnership.class).inAnyNamespace().list().getItems()) {
      if (so.getStatus() == null
          || !Objects.equals(
              so.getStatus().getObservedGeneration(), so.getMetadata().getGeneration())) {
        return false;
      }
    }
    return true;
  }

  public void printReport(PrintWriter out) throws Exception {
    out.println();
    OwnershipReport.printWorkloads(client, out);
    out.println();
    OwnershipReport.printServiceOwnerships(client, out);
    out.println();
    TeamReport.print(client, ownerLabelKeys, teamRegistry, out);
    out.println();
    out.println(
        "Admission: creating an ownerless Deployment 'pricing' in namespace "
            + ENFORCED_NAMESPACE
            + " (ownership.dev/enforcement=enforce) through the webhook at https://127.0.0.1:"
            + operator.webhookPort()
            + "/validate");
    AdmissionProbe.Answer answer =
        AdmissionProbe.createDeployment(
            operator.webhookPort(),
            ca.certificate().certificate(),
            ENFORCED_NAMESPACE,
            "pricing",
            "pricing");
    out.println(
        answer.allowed()
            ? "  allowed (unexpected): " + answer.response()
            : "  denied (" + answer.code() + "): " + answer.message());
    out.println();
    printCatalogAndWho(out);
    out.println();
    out.println(
        "Metrics: http://127.0.0.1:"
            + operator.metricsPort()
            + "/metrics   (probes: /healthz, /readyz)");
    operator
        .registry()
        .find("ownership.cluster.coverage.ratio")
        .gauges()
        .forEach(g -> out.printf("  ownership_cluster_coverage_ratio %.3f%n", g.value()));
    operator.registry().find("ownership.coverage.ratio").gauges().stream()
        .sorted(java.util.Comparator.comparing(g -> g.getId().getTag("namespace")))
        .forEach(
            g ->
                out.printf(
                    "  ownership_coverage_ratio{namespace=\"%s\"} %.3f%n",
                    g.getId().getTag("namespace"), g.value()));
    out.flush();
  }

  /** The catalog's URL and the who card of one example pod, as kubectl ownership prints it. */
  private void printCatalogAndWho(PrintWriter out) {
    if (operator.catalogPort() > 0) {
      out.println("Catalog: http://127.0.0.1:" + operator.catalogPort() + "/");
      out.println();
    }
    // After the report: the Job below a CronJob is no workload of its own, and the report lists
    // every workload object.
    pods = DemoPods.create(client);
    pods.showWho(client, ownerLabelKeys, out);
  }

  /** How to ask this running demo yourself. */
  public void printTryIt(PrintWriter out) throws java.io.IOException {
    Path kubeconfig = api.writeKubeconfig(tempDir.resolve("kubeconfig"));
    out.println(
        "Ask it yourself while it runs (kubectl-ownership is operator/target/kubectl-ownership):");
    out.println(
        "  KUBECONFIG="
            + kubeconfig
            + " kubectl ownership who "
            + pods.example()
            + " -n "
            + pods.exampleNamespace());
    out.println();
  }

  public OwnershipOperator operator() {
    return operator;
  }

  @Override
  public void close() {
    operator.close();
    client.close();
    api.close();
    deleteQuietly(tempDir);
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception ignored) {
      // a temp dir left behind is harmless
    }
  }
}
