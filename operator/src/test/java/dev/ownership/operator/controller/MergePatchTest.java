package dev.ownership.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.WorkloadMarks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer's patch: only the operator's keys, only those that change, null removes. */
class MergePatchTest {
  @Test
  void patchNamesOnlyChangedKeysAndNullsRemovedOnes() {
    WorkloadMarks current =
        WorkloadMarks.current(
            Map.of(
                "ownership.dev/team",
                "payments",
                "ownership.dev/service",
                "checkout",
                "ownership.dev/source",
                "ServiceOwnership/checkout",
                "kubectl.kubernetes.io/last-applied-configuration",
                "{}"),
            Map.of("ownership.dev/status", "owned", "app", "cart"));
    WorkloadMarks desired = new WorkloadMarks("storefront", null, "namespace", "owned");
    assertThat(MergePatch.between(current, desired))
        .isEqualTo(
            "{\"metadata\":{\"annotations\":{\"ownership.dev/team\":\"storefront\",\"ownership.dev/service\":null,"
                + "\"ownership.dev/source\":\"namespace\"}}}");
  }

  @Test
  void noPatchWhenNothingChanges() {
    WorkloadMarks marks = new WorkloadMarks("payments", null, "label", "owned");
    assertThat(MergePatch.between(marks, marks)).isNull();
  }

  @Test
  void unownedRemovesEveryAnnotationAndSetsTheLabel() {
    Resolution unowned =
        new Resolution(OwnershipStatus.UNOWNED, null, null, null, List.of(), List.of(), List.of());
    WorkloadMarks desired = WorkloadMarks.of(unowned);
    String patch = MergePatch.between(new WorkloadMarks("a", "b", "label", "owned"), desired);
    assertThat(patch)
        .isEqualTo(
            "{\"metadata\":{\"annotations\":{\"ownership.dev/team\":null,\"ownership.dev/service\":null,"
                + "\"ownership.dev/source\":null},\"labels\":{\"ownership.dev/status\":\"unowned\"}}}");
  }
}
