package dev.ownership.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadMarks;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.testing.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachedWorkloadTest {
  static GenericKubernetesResource deployment(String ns, String name, String uid, String version) {
    Map<String, String> labels = new HashMap<>();
    labels.put("app.kubernetes.io/name", name);
    labels.put("app.kubernetes.io/managed-by", "kustomize");
    labels.put("ownership.dev/status", "unowned");
    HasMetadata typed =
        Manifests.deployment(ns, name, labels, Map.of("app.kubernetes.io/name", name));
    typed.getMetadata().setUid(uid);
    typed.getMetadata().setResourceVersion(version);
    typed
        .getMetadata()
        .setAnnotations(
            Map.of(
                "ownership.dev/team", "web",
                "ownership.dev/source", "label",
                "kubectl.kubernetes.io/last-applied-configuration", "{}"));
    return WorkloadProjectionTest.generic(typed);
  }

  /** Fresh strings, as Jackson makes them for every object it reads. */
  static GenericKubernetesResource copy(GenericKubernetesResource r) {
    return WorkloadProjectionTest.JSON.unmarshal(
        WorkloadProjectionTest.JSON.asJson(r), GenericKubernetesResource.class);
  }

  @Test
  void readsBackWhatTheProjectionKeeps() {
    GenericKubernetesResource full =
        deployment("shop", "cart", "5eed0000-0000-4000-8000-00000000002a", "12345");
    full.getMetadata()
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
    CachedWorkload cached = CachedWorkload.of(WorkloadKind.DEPLOYMENT, full);
    GenericKubernetesResource resource = cached.toResource(WorkloadKind.DEPLOYMENT);

    assertThat(cached.uid()).isEqualTo("5eed0000-0000-4000-8000-00000000002a");
    assertThat(cached.resourceVersion()).isEqualTo("12345");
    assertThat(cached.ref(WorkloadKind.DEPLOYMENT))
        .isEqualTo(new WorkloadRef(WorkloadKind.DEPLOYMENT, "shop", "cart"));
    assertThat(resource.getApiVersion()).isEqualTo("apps/v1");
    assertThat(resource.getKind()).isEqualTo("Deployment");
    assertThat(resource.getMetadata().getUid()).isEqualTo(full.getMetadata().getUid());
    assertThat(resource.getMetadata().getLabels()).isEqualTo(full.getMetadata().getLabels());
    assertThat(resource.getMetadata().getAnnotations())
        .containsOnlyKeys("ownership.dev/team", "ownership.dev/source");
    assertThat(resource.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getName()).isEqualTo("cart");
              assertThat(r.getController()).isTrue();
              assertThat(r.getBlockOwnerDeletion()).isNull();
            });
    assertThat(cached.toWorkload(WorkloadKind.DEPLOYMENT))
        .isEqualTo(WorkloadProjection.toWorkload(WorkloadKind.DEPLOYMENT, full));
    assertThat(cached.marks()).isEqualTo(WorkloadProjection.marks(full));
    assertThat(cached.marks()).isNotEqualTo(WorkloadMarks.NONE);
    // Made again from its own resource, it is the same.
    assertThat(
            CachedWorkload.of(WorkloadKind.DEPLOYMENT, resource)
                .toResource(WorkloadKind.DEPLOYMENT))
        .isEqualTo(resource);
  }

  @Test
  void uidsAndVersionsOfEveryShapeReadBackExactly() {
    for (String uid :
        new String[] {
          null,
          "u1",
          "00000000-0000-0000-0000-000000000000",
          "5EED0000-0000-4000-8000-00000000002A",
          "ffffffff-ffff-ffff-ffff-ffffffffffff",
          "5eed0000-0000-4000-8000-00000000002a"
        }) {
      for (String version : new String[] {null, "0", "007", "1", "999999999999999999", "abc"}) {
        CachedWorkload cached =
            CachedWorkload.of(WorkloadKind.DEPLOYMENT, deployment("shop", "cart", uid, version));
        assertThat(cached.uid()).isEqualTo(uid);
        assertThat(cached.resourceVersion()).isEqualTo(version);
      }
    }
    String longVersion = "12345678901234567890";
    assertThat(
            CachedWorkload.of(WorkloadKind.DEPLOYMENT, deployment("shop", "cart", "u", longVersion))
                .resourceVersion())
        .isEqualTo(longVersion);
  }

  @Test
  void workloadsShareTheirNamespaceAndLabelStrings() {
    // Two objects read separately: equal strings, distinct instances, until the cache interns them.
    GenericKubernetesResource a = copy(deployment("bench-interned", "svc-1", "u1", "1"));
    GenericKubernetesResource b = copy(deployment("bench-interned", "svc-2", "u2", "1"));
    assertThat(a.getMetadata().getNamespace()).isNotSameAs(b.getMetadata().getNamespace());

    CachedWorkload first = CachedWorkload.of(WorkloadKind.DEPLOYMENT, a);
    CachedWorkload second = CachedWorkload.of(WorkloadKind.DEPLOYMENT, b);

    assertThat(second.namespace()).isSameAs(first.namespace());
    GenericKubernetesResource ra = first.toResource(WorkloadKind.DEPLOYMENT);
    GenericKubernetesResource rb = second.toResource(WorkloadKind.DEPLOYMENT);
    assertThat(rb.getMetadata().getLabels().get("app.kubernetes.io/managed-by"))
        .isSameAs(ra.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
    String key = key(rb.getMetadata().getLabels(), "app.kubernetes.io/managed-by");
    assertThat(key).isSameAs(key(ra.getMetadata().getLabels(), "app.kubernetes.io/managed-by"));
    // The name label shares the name's string.
    assertThat(ra.getMetadata().getLabels().get("app.kubernetes.io/name")).isSameAs(first.name());
  }

  @Test
  void anUpdateKeepsTheStringsOfTheVersionBefore() {
    GenericKubernetesResource v1 = copy(deployment("shop-update", "cart", "u1", "1"));
    GenericKubernetesResource v2 = copy(deployment("shop-update", "cart", "u1", "2"));
    CachedWorkload before = CachedWorkload.of(WorkloadKind.DEPLOYMENT, v1);
    // Even when the interners have long forgotten them.
    for (int i = 0; i < 100_000; i++) {
      CachedWorkload.VALUES.intern("filler-" + i);
      CachedWorkload.KEYS.intern("filler-" + i);
    }
    CachedWorkload after = CachedWorkload.of(WorkloadKind.DEPLOYMENT, v2, before);
    assertThat(after.name()).isSameAs(before.name());
    assertThat(after.namespace()).isSameAs(before.namespace());
    assertThat(after.resourceVersion()).isEqualTo("2");
  }

  private static String key(Map<String, String> map, String wanted) {
    return map.keySet().stream().filter(wanted::equals).findFirst().orElseThrow();
  }
}
