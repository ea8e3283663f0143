package dev.ownership.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test API server applies JSON merge patches as RFC 7386 (and a real API server) does. */
@MockApiServer
class MockApiServerTest {
  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void aMergePatchNullRemovesTheKeyAndOtherValuesMerge() {
    client
        .resource(
            Manifests.deployment("shop", "cart", Map.of("team", "payments"), Map.of("app", "cart")))
        .create();
    var deployment =
        client
            .genericKubernetesResources(MockCluster.context(WorkloadKind.DEPLOYMENT))
            .inNamespace("shop")
            .withName("cart");
    deployment.patch(
        PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"ownership.dev/team\":\"payments\"},"
            + "\"labels\":{\"ownership.dev/status\":\"owned\"}}}");
    deployment.patch(
        PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"ownership.dev/team\":null}}}");

    GenericKubernetesResource after = deployment.get();
    assertThat(after.getMetadata().getAnnotations())
        .doesNotContainKey("ownership.dev/team")
        .containsEntry("example.com/keep", "me");
    assertThat(after.getMetadata().getLabels())
        .containsEntry("ownership.dev/status", "owned")
        .containsEntry("team", "payments");
    assertThat(after.getAdditionalProperties()).containsKey("spec");
  }

  @Test
  void scriptedAnswersComeFirstAndEverythingElseFromTheStore() {
    server.expect().get().withPath("/api/v1/namespaces/shop").andReturn(418, "{}").once();
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                    io.fabric8.kubernetes.client.KubernetesClientException.class,
                    () -> client.namespaces().withName("shop").get())
                .getCode())
        .isEqualTo(418);
    client.resource(Manifests.namespace("shop", Map.of())).create();
    assertThat(client.namespaces().withName("shop").get()).isNotNull();
  }
}
