package dev.ownership.operator.ownership;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What owner resolution needs to know of a workload.
 *
 * @param labels the effective labels: pod template labels overlaid by the workload's own labels
 */
public record Workload(
    WorkloadRef ref, Map<String, String> labels, List<ControllerReference> ownerReferences) {
  public Workload {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    ownerReferences = ownerReferences == null ? List.of() : List.copyOf(ownerReferences);
  }

  /** The workload's own labels win over its pod template's on the same key. */
  public static Map<String, String> effectiveLabels(
      Map<String, String> own, Map<String, String> podTemplate) {
    if (podTemplate == null || podTemplate.isEmpty()) return own == null ? Map.of() : own;
    if (own == null || own.isEmpty()) return podTemplate;
    Map<String, String> merged = new HashMap<>(podTemplate);
    merged.putAll(own);
    return merged;
  }

  /**
   * A Job run by a CronJob is the CronJob's business; it is not tracked on its own. Every other
   * kind here is a top-level controller in practice, but the same rule holds for any workload that
   * another workload controls.
   */
  public boolean isControlledByAnotherWorkload() {
    for (ControllerReference owner : ownerReferences) {
      if (owner.controller()
          && WorkloadKind.fromApiVersionKind(owner.apiVersion(), owner.kind()).isPresent()) {
        return true;
      }
    }
    return false;
  }
}
