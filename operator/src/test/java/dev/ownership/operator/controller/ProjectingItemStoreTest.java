package dev.ownership.operator.controller;

import static dev.ownership.operator.controller.CachedWorkloadTest.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What fabric8's informer reads back from the store must be the resource the record stands for,
 * however it is read: whole, field by field, as the old object of an update, or put back.
 */
class ProjectingItemStoreTest {
  private final ProjectingItemStore store = new ProjectingItemStore(WorkloadKind.DEPLOYMENT);

  @Test
  void everyReadGivesTheResourceTheRecordStandsFor() {
    GenericKubernetesResource full =
        deployment("shop", "cart", "5eed0000-0000-4000-8000-00000000002a", "12345");
    String key = store.getKey(full);
    assertThat(store.put(key, full)).isNull();
    GenericKubernetesResource expected =
        CachedWorkload.of(WorkloadKind.DEPLOYMENT, full).toResource(WorkloadKind.DEPLOYMENT);

    GenericKubernetesResource read = store.get(key);
    assertThat(read.getMetadata().getName()).isEqualTo("cart");
    assertThat(read.getMetadata().getResourceVersion()).isEqualTo("12345");
    assertThat(read.getAdditionalProperties()).isEqualTo(expected.getAdditionalProperties());
    assertThat(read).isEqualTo(expected).hasSameHashCodeAs(expected);
    assertThat(expected).isEqualTo(read);
    assertThat(read.toString()).isEqualTo(expected.toString());
    assertThat(store.values().toList()).isEqualTo(List.of(expected));

    // A view of the cache: a change through it would be lost, so none is taken.
    assertThatThrownBy(() -> read.setMetadata(null))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> read.setAdditionalProperty("spec", null))
        .isInstanceOf(UnsupportedOperationException.class);

    // fabric8 may put back what it read (a relist, a resync): the record must not change.
    GenericKubernetesResource before = store.put(key, store.get(key));
    assertThat(before).isEqualTo(expected);
    assertThat(store.get(key)).isEqualTo(expected);
    assertThat(store.remove(key)).isEqualTo(expected);
    assertThat(store.get(key)).isNull();
  }
}
