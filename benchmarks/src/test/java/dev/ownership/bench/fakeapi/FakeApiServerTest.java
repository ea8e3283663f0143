package dev.ownership.bench.fakeapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.bench.fixtures.DeploymentTemplate;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake API server speaks enough Kubernetes for fabric8: paged lists, watches, patches. */
class FakeApiServerTest {
  private static final ResourceDefinitionContext DEPLOYMENTS =
      new ResourceDefinitionContext.Builder()
          .withGroup("apps")
          .withVersion("v1")
          .withKind("Deployment")
          .withPlural("deployments")
          .withNamespaced(true)
          .build();

  private FakeApiServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() throws Exception {
    server = new FakeApiServer();
    for (int i = 0; i < 25; i++) {
      server.seed(
          "apps/v1",
          "deployments",
          DeploymentTemplate.deployment("bench-" + (i % 2), "svc-" + i, i, Map.of()));
    }
    int port = server.start(0);
    client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:" + port)
                    .withNamespace("default")
                    .build())
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void listsPageByPageAcrossAndWithinNamespaces() {
    GenericKubernetesResourceList first =
        client
            .genericKubernetesResources(DEPLOYMENTS)
            .inAnyNamespace()
            .list(new ListOptionsBuilder().withLimit(10L).build());
    assertThat(first.getItems()).hasSize(10);
    assertThat(first.getMetadata().getContinue()).isNotBlank();
    int total = first.getItems().size();
    String next = first.getMetadata().getContinue();
    while (next != null) {
      GenericKubernetesResourceList page =
          client
              .genericKubernetesResources(DEPLOYMENTS)
              .inAnyNamespace()
              .list(new ListOptionsBuilder().withLimit(10L).withContinue(next).build());
      total += page.getItems().size();
      next = page.getMetadata().getContinue();
    }
    assertThat(total).isEqualTo(25);
    assertThat(
            client.genericKubernetesResources(DEPLOYMENTS).inNamespace("bench-1").list().getItems())
        .hasSize(12)
        .allMatch(d -> d.getMetadata().getNamespace().equals("bench-1"));
  }

  @Test
  void mergePatchSetsAndDeletesKeysBumpsVersionsAndIsWatched() throws Exception {
    CopyOnWriteArrayList<String> updates = new CopyOnWriteArrayList<>();
    SharedIndexInformer<GenericKubernetesResource> informer =
        client
            .genericKubernetesResources(DEPLOYMENTS)
            .inNamespace("bench-0")
            .inform(
                new ResourceEventHandler<>() {
                  public void onAdd(GenericKubernetesResource r) {}

                  public void onUpdate(GenericKubernetesResource a, GenericKubernetesResource b) {
                    updates.add(b.getMetadata().getLabels().get("ownership.dev/status"));
                  }

                  public void onDelete(GenericKubernetesResource r, boolean unknown) {}
                });
    try {
      assertThat(informer.getStore().list()).hasSize(13);
      GenericKubernetesResource before =
          client
              .genericKubernetesResources(DEPLOYMENTS)
              .inNamespace("bench-0")
              .withName("svc-0")
              .get();
      GenericKubernetesResource after =
          client
              .genericKubernetesResources(DEPLOYMENTS)
              .inNamespace("bench-0")
              .withName("svc-0")
              .patch(
                  PatchContext.of(PatchType.JSON_MERGE),
                  "{\"metadata\":{\"labels\":{\"ownership.dev/status\":\"owned\","
                      + "\"app.kubernetes.io/managed-by\":null},"
                      + "\"annotations\":{\"ownership.dev/team\":\"payments\"}}}");
      assertThat(after.getMetadata().getLabels())
          .containsEntry("ownership.dev/status", "owned")
          .doesNotContainKey("app.kubernetes.io/managed-by");
      assertThat(Long.parseLong(after.getMetadata().getResourceVersion()))
          .isGreaterThan(Long.parseLong(before.getMetadata().getResourceVersion()));
      assertThat(after.getMetadata().getGeneration())
          .isEqualTo(before.getMetadata().getGeneration() + 1);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (updates.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
      assertThat(updates).containsExactly("owned");
      JsonNode counts =
          ResourceStore.JSON.valueToTree(server.store().statusCounts("deployments.apps"));
      assertThat(counts.path("owned").asLong()).isEqualTo(1);
    } finally {
      informer.close();
    }
  }

  @Test
  void aDeletionWaitsForTheLastFinalizer() {
    var so =
        client.genericKubernetesResources(DEPLOYMENTS).inNamespace("bench-0").withName("svc-2");
    so.patch(
        PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"finalizers\":[\"ownership.dev/finalizer\"]}}");
    so.delete();
    GenericKubernetesResource deleting = so.get();
    assertThat(deleting).isNotNull();
    assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotBlank();
    // A second delete changes nothing; an update cannot clear the deletion.
    so.delete();
    so.patch(
        PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"deletionTimestamp\":null,\"labels\":{\"x\":\"y\"}}}");
    assertThat(so.get().getMetadata().getDeletionTimestamp())
        .isEqualTo(deleting.getMetadata().getDeletionTimestamp());
    so.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
    assertThat(so.get()).isNull();
    // Without finalizers a delete is immediate.
    client
        .genericKubernetesResources(DEPLOYMENTS)
        .inNamespace("bench-0")
        .withName("svc-4")
        .delete();
    assertThat(
            client
                .genericKubernetesResources(DEPLOYMENTS)
                .inNamespace("bench-0")
                .withName("svc-4")
                .get())
        .isNull();
  }
}
