package dev.ownership.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadMarks;
import dev.ownership.operator.ownership.WorkloadRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The writer against a scripted API server: failures, retries, coalescing. */
@EnableKubernetesMockClient
class WorkloadMetadataWriterTest {
  /** Every PATCH names the operator as field manager, so managedFields credit it. */
  static final String PATH =
      "/apis/apps/v1/namespaces/shop/deployments/cart?fieldManager=ownership-operator";

  static final WorkloadRef CART = new WorkloadRef(WorkloadKind.DEPLOYMENT, "shop", "cart");
  static final WorkloadMarks OWNED = new WorkloadMarks("payments", null, "label", "owned");

  KubernetesMockServer server;
  KubernetesClient client;

  static GenericKubernetesResource cached(Map<String, String> labels) {
    GenericKubernetesResource r = new GenericKubernetesResource();
    r.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace("shop")
            .withName("cart")
            .withResourceVersion("1")
            .withLabels(labels)
            .build());
    return r;
  }

  Object patched() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("cart")
        .withNamespace("shop")
        .withResourceVersion("2")
        .endMetadata()
        .build();
  }

  List<RecordedRequest> patches() throws InterruptedException {
    List<RecordedRequest> all = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      if (r.getMethod().equals("PATCH")) all.add(r);
    }
    return all;
  }

  @Test
  void conflictsThrottlingAndServerErrorsAreRetriedUntilTheWriteLands() throws Exception {
    server.expect().patch().withPath(PATH).andReturn(409, "{}").once();
    server.expect().patch().withPath(PATH).andReturn(429, "{}").once();
    server.expect().patch().withPath(PATH).andReturn(503, "{}").once();
    server.expect().patch().withPath(PATH).andReturn(200, patched()).once();
    try (WorkloadMetadataWriter writer =
        new WorkloadMetadataWriter(client, ref -> cached(Map.of()), (r, b, a, v) -> {}, 2, 100)) {
      writer.submit(CART, OWNED);
      await().atMost(Duration.ofSeconds(20)).until(writer::isIdle);
      // fabric8's client retries 429 and 5xx itself; the writer retries what is left (409 here)
      List<RecordedRequest> patches = patches();
      assertThat(patches).hasSize(4);
      assertThat(writer.patchesSent()).isBetween(2L, 4L);
      assertThat(patches.get(3).getHeader("Content-Type")).contains("application/merge-patch+json");
      assertThat(patches.get(3).getUtf8Body())
          .contains("\"ownership.dev/team\":\"payments\"")
          .doesNotContain("spec");
      // until the cache catches up, the writer remembers what it wrote
      assertThat(writer.expectedMarks(CART, cached(Map.of()))).isEqualTo(OWNED);
    }
  }

  @Test
  void aWorkloadThatIsGoneIsDroppedAndNothingIsSentForNoChange() throws Exception {
    server.expect().patch().withPath(PATH).andReturn(404, "{}").once();
    try (WorkloadMetadataWriter writer =
        new WorkloadMetadataWriter(client, ref -> cached(Map.of()), (r, b, a, v) -> {}, 1, 100)) {
      writer.submit(CART, OWNED);
      await().atMost(Duration.ofSeconds(10)).until(writer::isIdle);
      assertThat(writer.patchesSent()).isEqualTo(1);
    }
    try (WorkloadMetadataWriter writer =
        new WorkloadMetadataWriter(
            client,
            ref -> cached(Map.of("ownership.dev/status", "owned")),
            (r, b, a, v) -> {},
            1,
            100)) {
      // the cache already shows what is wanted (annotations aside): only the differing keys are
      // sent
      writer.submit(CART, new WorkloadMarks(null, null, null, "owned"));
      await().atMost(Duration.ofSeconds(10)).until(writer::isIdle);
      assertThat(writer.patchesSent()).isZero();
    }
  }

  @Test
  void rapidChangesToOneWorkloadAreCoalesced() throws Exception {
    server.expect().patch().withPath(PATH).andReturn(200, patched()).always();
    try (WorkloadMetadataWriter writer =
        new WorkloadMetadataWriter(client, ref -> cached(Map.of()), (r, b, a, v) -> {}, 1, 2)) {
      // the first write takes the only token; the next two wait and only the last one is sent
      writer.submit(new WorkloadRef(WorkloadKind.DEPLOYMENT, "shop", "other"), OWNED);
      writer.submit(CART, new WorkloadMarks("a", null, "label", "owned"));
      writer.submit(CART, new WorkloadMarks("b", null, "label", "owned"));
      writer.submit(CART, new WorkloadMarks("c", null, "label", "owned"));
      await().atMost(Duration.ofSeconds(10)).until(writer::isIdle);
      List<RecordedRequest> all = patches();
      List<String> bodies =
          all.stream()
              .filter(r -> r.getPath().equals(PATH))
              .map(RecordedRequest::getUtf8Body)
              .toList();
      assertThat(bodies).as(all.toString()).isNotEmpty();
      assertThat(bodies).last().asString().contains("\"ownership.dev/team\":\"c\"");
      assertThat(bodies.size()).isLessThanOrEqualTo(2);
    }
  }

  /**
   * The writer alone decides "nothing changed": a wish the workload already carries queues nothing.
   */
  @Test
  void aWishTheWorkloadAlreadyCarriesIsNotEvenQueued() throws Exception {
    GenericKubernetesResource carrying = cached(Map.of("ownership.dev/status", "owned"));
    carrying
        .getMetadata()
        .setAnnotations(Map.of("ownership.dev/team", "payments", "ownership.dev/source", "label"));
    try (WorkloadMetadataWriter writer =
        new WorkloadMetadataWriter(client, ref -> carrying, (r, b, a, v) -> {}, 1, 100)) {
      writer.submit(CART, OWNED);
      assertThat(writer.trackedWorkloads()).isZero();
      assertThat(writer.isIdle()).isTrue();
      assertThat(writer.patchesSent()).isZero();
    }
  }

  /** The listener hears what each landed write replaced, which is what Events are made from. */
  @Test
  void theListenerIsToldWhatALandedWriteReplaced() throws Exception {
    server.expect().patch().withPath(PATH).andReturn(200, patched()).once();
    List<WorkloadMarks[]> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (WorkloadMetadataWriter writer =
        new WorkloadMetadataWriter(
            client,
            ref -> cached(Map.of()),
            (r, before, after, version) -> told.add(new WorkloadMarks[] {before, after}),
            1,
            100)) {
      writer.submit(CART, OWNED);
      await().atMost(Duration.ofSeconds(10)).until(writer::isIdle);
    }
    assertThat(told)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t[0]).isEqualTo(WorkloadMarks.NONE);
              assertThat(t[1]).isEqualTo(OWNED);
            });
    assertThat(patches())
        .singleElement()
        .satisfies(r -> assertThat(r.getPath()).endsWith("?fieldManager=ownership-operator"));
  }

  @Test
  void theResourceVersionIsReadFromTheAnswerWhereverMetadataIsAndWhateverPrecedesIt() {
    assertThat(
            WorkloadMetadataWriter.resourceVersionOf(
                "{\"spec\":{\"template\":{\"metadata\":{\"resourceVersion\":\"no\"}}},"
                    + "\"kind\":\"Deployment\",\"metadata\":{\"labels\":{\"a\":\"b\"},"
                    + "\"managedFields\":[{\"resourceVersion\":\"no\"}],"
                    + "\"resourceVersion\":\"4711\",\"name\":\"cart\"}}"))
        .isEqualTo("4711");
    assertThat(WorkloadMetadataWriter.resourceVersionOf("{\"metadata\":{\"name\":\"x\"}}"))
        .isEmpty();
    assertThat(WorkloadMetadataWriter.resourceVersionOf("not json")).isEmpty();
    assertThat(WorkloadMetadataWriter.resourceVersionOf(null)).isEmpty();
  }
}
