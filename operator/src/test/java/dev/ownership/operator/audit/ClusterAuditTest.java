package dev.ownership.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.ServiceOwnershipSpec;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.testing.MockApiServer;
import dev.ownership.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit --cluster} against the CRUD mock API server. */
@MockApiServer
class ClusterAuditTest {
  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void seed() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("shop")
                .withLabels(Map.of("ownership.dev/team", "shop-team"))
                .endMetadata()
                .build())
        .create();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("lab").endMetadata().build())
        .create();
    ServiceOwnership so = new ServiceOwnership();
    so.setMetadata(new ObjectMetaBuilder().withName("checkout").withNamespace("shop").build());
    ServiceOwnershipSpec spec = new ServiceOwnershipSpec();
    spec.setTeam("payments");
    spec.setSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "checkout")).build());
    so.setSpec(spec);
    client.resources(ServiceOwnership.class).resource(so).create();
    ServiceOwnership broken = new ServiceOwnership();
    broken.setMetadata(new ObjectMetaBuilder().withName("broken").withNamespace("lab").build());
    ServiceOwnershipSpec brokenSpec = new ServiceOwnershipSpec();
    brokenSpec.setTeam("Not A Team");
    brokenSpec.setSelector(new LabelSelectorBuilder().build());
    broken.setSpec(brokenSpec);
    client.resources(ServiceOwnership.class).resource(broken).create();

    client
        .apps()
        .deployments()
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("checkout")
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Map.of("app", "checkout"))
                .endMetadata()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    client
        .apps()
        .deployments()
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("cart")
                .withNamespace("shop")
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .build())
        .create();
    client
        .apps()
        .statefulSets()
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace("lab")
                .withLabels(Map.of("team", "data"))
                .endMetadata()
                .build())
        .create();
    client
        .batch()
        .v1()
        .cronjobs()
        .resource(
            new CronJobBuilder()
                .withNewMetadata()
                .withName("nightly")
                .withNamespace("lab")
                .endMetadata()
                .withNewSpec()
                .withSchedule("0 1 * * *")
                .endSpec()
                .build())
        .create();
    client
        .batch()
        .v1()
        .jobs()
        .resource(
            new JobBuilder()
                .withNewMetadata()
                .withName("nightly-1")
                .withNamespace("lab")
                .addNewOwnerReference()
                .withApiVersion("batch/v1")
                .withKind("CronJob")
                .withName("nightly")
                .withUid("u")
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .build())
        .create();
  }

  /** The command itself, reaching the cluster through the current context of a kubeconfig file. */
  @Test
  void theCommandAuditsTheClusterOfTheCurrentKubeconfig(@TempDir Path dir) throws Exception {
    // CronJob lab/nightly is unowned; lab has no mode label, so the default (warn) applies.
    assertThat(MockCluster.runCli(client, dir, "audit", "--cluster", "-o", "json").exitCode())
        .isEqualTo(0);
    assertThat(
            MockCluster.runCli(client, dir, "audit", "--cluster", "--fail-on", "warn").exitCode())
        .isEqualTo(1);
    MockCluster.CliRun run =
        MockCluster.runCli(client, dir, "audit", "--cluster", "-o", "json", "--fail-on", "unowned");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("\"name\" : \"checkout\"")
        .contains("\"source\" : \"ServiceOwnership/checkout\"");
    assertThat(run.err()).contains("4 workloads: 3 owned, 1 unowned, 0 in conflict");
  }

  @Test
  void resolvesEveryWorkloadOfTheClusterWithItsNamespacesAndServiceOwnerships() throws Exception {
    ManifestReader.Result input = ClusterManifests.read(client, 2);
    ManifestInventory inventory = ManifestInventory.of(input.documents(), "default", false);
    AuditReport report =
        new Auditor(new OwnerResolver(OwnerLabelKeys.DEFAULT))
            .audit(inventory, input.problems(), input.notices());

    assertThat(report.workloads())
        .extracting(
            w ->
                w.ref()
                    + " "
                    + w.resolution().status().value()
                    + " "
                    + w.resolution().team()
                    + " "
                    + (w.resolution().source() == null
                        ? "-"
                        : w.resolution().source().annotationValue()))
        .containsExactly(
            "CronJob lab/nightly unowned null -",
            "StatefulSet lab/db owned data label",
            "Deployment shop/cart owned shop-team namespace",
            "Deployment shop/checkout owned payments ServiceOwnership/checkout");
    // In a cluster an invalid ServiceOwnership is the controller's to report (Ready=False); the
    // audit notes it.
    assertThat(report.problems()).isEmpty();
    assertThat(report.notices())
        .singleElement()
        .asString()
        .contains("ServiceOwnership broken is invalid");
    assertThat(report.exitCode()).isEqualTo(1);

    List<String> lists = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      if (request.getMethod().equals("GET")) lists.add(request.getPath());
    }
    assertThat(lists).isNotEmpty().allSatisfy(path -> assertThat(path).contains("limit=2"));
    assertThat(lists)
        .anySatisfy(
            path -> assertThat(path).startsWith("/apis/ownership.dev/v1alpha1/serviceownerships?"))
        .anySatisfy(path -> assertThat(path).startsWith("/apis/batch/v1/cronjobs?"))
        .anySatisfy(path -> assertThat(path).startsWith("/api/v1/namespaces?"));
  }
}
