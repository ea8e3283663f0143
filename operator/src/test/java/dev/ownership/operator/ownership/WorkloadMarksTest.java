package dev.ownership.operator.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadMarksTest {
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
    assertThat(desired.mergePatchFrom(current))
        .isEqualTo(
            "{\"metadata\":{\"annotations\":{\"ownership.dev/team\":\"storefront\",\"ownership.dev/service\":null,"
                + "\"ownership.dev/source\":\"namespace\"}}}");
  }

  @Test
  void noPatchWhenNothingChanges() {
    WorkloadMarks marks = new WorkloadMarks("payments", null, "label", "owned");
    assertThat(marks.mergePatchFrom(marks)).isNull();
  }

  @Test
  void unownedRemovesEveryAnnotationAndSetsTheLabel() {
    Resolution unowned =
        new Resolution(OwnershipStatus.UNOWNED, null, null, null, List.of(), List.of(), List.of());
    WorkloadMarks desired = WorkloadMarks.of(unowned);
    String patch = desired.mergePatchFrom(new WorkloadMarks("a", "b", "label", "owned"));
    assertThat(patch)
        .isEqualTo(
            "{\"metadata\":{\"annotations\":{\"ownership.dev/team\":null,\"ownership.dev/service\":null,"
                + "\"ownership.dev/source\":null},\"labels\":{\"ownership.dev/status\":\"unowned\"}}}");
  }
}
