package dev.ownership.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.api.model.ListMetaBuilder;
import io.fabric8.kubernetes.api.model.NamespaceListBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

/** Lists follow the continue token page by page until the server returns none. */
@EnableKubernetesMockClient
class ClusterPaginationTest {
  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void followsContinueTokensToTheLastPageAndToleratesAMissingCrd() {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces?limit=2")
        .andReturn(
            200, new NamespaceListBuilder().withMetadata(new ListMetaBuilder().build()).build())
        .once();
    // No ServiceOwnership CRD in this cluster: 404, which the audit notes and works around.
    server
        .expect()
        .get()
        .withPath("/apis/ownership.dev/v1alpha1/serviceownerships?limit=2")
        .andReturn(404, "")
        .once();
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/deployments?limit=2")
        .andReturn(
            200,
            new DeploymentListBuilder()
                .withMetadata(new ListMetaBuilder().withContinue("page2").build())
                .addToItems(deployment("a"), deployment("b"))
                .build())
        .once();
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/deployments?continue=page2&limit=2")
        .andReturn(
            200,
            new DeploymentListBuilder()
                .withMetadata(new ListMetaBuilder().withContinue("page3").build())
                .addToItems(deployment("c"), deployment("d"))
                .build())
        .once();
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/deployments?continue=page3&limit=2")
        .andReturn(
            200,
            new DeploymentListBuilder()
                .withMetadata(new ListMetaBuilder().build())
                .addToItems(deployment("e"))
                .build())
        .once();
    for (WorkloadKind kind : WorkloadKind.values()) {
      if (kind == WorkloadKind.DEPLOYMENT) continue;
      server
          .expect()
          .get()
          .withPath("/apis/" + kind.apiVersion() + "/" + kind.plural() + "?limit=2")
          .andReturn(200, "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{},\"items\":[]}")
          .once();
    }

    ManifestReader.Result result = ClusterManifests.read(client, 2);

    assertThat(result.documents())
        .extracting(ManifestDocument::name)
        .containsExactly("a", "b", "c", "d", "e");
    assertThat(result.documents()).allSatisfy(d -> assertThat(d.kind()).isEqualTo("Deployment"));
    // Neither CRD is installed on this server: one note each, and the audit goes on without them.
    assertThat(result.notices())
        .extracting(AuditProblem::message)
        .containsExactly(
            "the ServiceOwnership CRD is not installed (kubectl apply -f crds/); resolving without"
                + " ServiceOwnerships",
            "the Team CRD is not installed (kubectl apply -f crds/); resolving without the Team"
                + " registry");
  }

  private static io.fabric8.kubernetes.api.model.apps.Deployment deployment(String name) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("ns")
        .endMetadata()
        .build();
  }
}
