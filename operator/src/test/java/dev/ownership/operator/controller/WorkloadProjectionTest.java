package dev.ownership.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadProjectionTest {
  static final KubernetesSerialization JSON = new KubernetesSerialization();

  static GenericKubernetesResource generic(HasMetadata typed) {
    return JSON.unmarshal(JSON.asJson(typed), GenericKubernetesResource.class);
  }

  @Test
  void keepsOnlyWhatOwnershipNeeds() {
    HasMetadata deployment =
        Manifests.deployment(
            "shop", "cart", Map.of("team", "web"), Map.of("app", "cart", "team", "template"));
    deployment
        .getMetadata()
        .setAnnotations(
            Map.of(
                "kubectl.kubernetes.io/last-applied-configuration",
                "x".repeat(20_000),
                "ownership.dev/team",
                "web",
                "example.com/other",
                "y"));
    deployment
        .getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion("example.com/v1")
                    .withKind("App")
                    .withName("cart")
                    .withUid("u1")
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .build()));
    deployment.getMetadata().setResourceVersion("42");
    GenericKubernetesResource full = generic(deployment);

    GenericKubernetesResource projected = WorkloadProjection.project(WorkloadKind.DEPLOYMENT, full);

    assertThat(projected.getAdditionalProperties())
        .containsOnlyKeys(WorkloadProjection.TEMPLATE_LABELS);
    assertThat(projected.getMetadata().getAnnotations()).containsOnlyKeys("ownership.dev/team");
    assertThat(projected.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(projected.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(r -> assertThat(r.getBlockOwnerDeletion()).isNull());
    int fullSize = JSON.asJson(full).length();
    int projectedSize = JSON.asJson(projected).length();
    assertThat(projectedSize)
        .as("projection of a %d-byte object", fullSize)
        .isLessThan(fullSize / 20);

    Workload workload = WorkloadProjection.toWorkload(WorkloadKind.DEPLOYMENT, projected);
    assertThat(workload.labels()).containsEntry("app", "cart").containsEntry("team", "web");
  }

  @Test
  void cronJobTemplateLabelsComeFromTheJobTemplate() {
    GenericKubernetesResource cronJob =
        generic(
            Manifests.workload(
                WorkloadKind.CRONJOB, "shop", "nightly", Map.of(), Map.of("app", "nightly")));
    Workload workload =
        WorkloadProjection.toWorkload(
            WorkloadKind.CRONJOB, WorkloadProjection.project(WorkloadKind.CRONJOB, cronJob));
    assertThat(workload.labels()).containsEntry("app", "nightly");
  }

  @Test
  void statusOnlyChangesAreNotRelevant() {
    GenericKubernetesResource before =
        generic(Manifests.deployment("shop", "cart", Map.of(), Map.of("app", "cart")));
    GenericKubernetesResource after =
        generic(Manifests.deployment("shop", "cart", Map.of(), Map.of("app", "cart")));
    after.getMetadata().setResourceVersion("43");
    after.setAdditionalProperty("status", Map.of("replicas", 3));
    assertThat(
            WorkloadProjection.relevantChange(
                WorkloadProjection.project(WorkloadKind.DEPLOYMENT, before),
                WorkloadProjection.project(WorkloadKind.DEPLOYMENT, after)))
        .isFalse();
    after.getMetadata().getLabels().put("team", "web");
    assertThat(
            WorkloadProjection.relevantChange(
                WorkloadProjection.project(WorkloadKind.DEPLOYMENT, before),
                WorkloadProjection.project(WorkloadKind.DEPLOYMENT, after)))
        .isTrue();
  }
}
