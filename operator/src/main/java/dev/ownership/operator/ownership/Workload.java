package dev.ownership.operator.ownership;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What owner resolution needs to know of a workload. Every reader — the controller's cache, the
 * webhook, {@code audit}, {@code who} — builds it with {@link #of}, so the rules for labels and for
 * "not a workload of its own" are the same everywhere.
 *
 * @param labels the effective labels: pod template labels overlaid by the workload's own labels
 */
public record Workload(
    WorkloadRef ref, Map<String, String> labels, List<ControllerReference> ownerReferences) {
  public Workload {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    ownerReferences = ownerReferences == null ? List.of() : List.copyOf(ownerReferences);
  }

  /**
   * The resolution input from a workload's own labels, its pod template's labels (read with {@link
   * LabelValues}) and its owner references.
   */
  public static Workload of(
      WorkloadRef ref,
      Map<String, String> own,
      Map<String, String> podTemplate,
      List<ControllerReference> ownerReferences) {
    return new Workload(ref, effectiveLabels(own, podTemplate), ownerReferences);
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
   * A Job run by a CronJob is the CronJob's business (INTERFACE §2); it is not judged on its own.
   * That is the only such pair among the workload kinds: any other controller reference — even to
   * another workload, whose uid anyone who may deploy in the namespace can read — leaves the
   * workload judged as itself, so an owner reference can never exempt a workload from ownership.
   */
  public boolean isPartOfAnotherWorkload() {
    if (ref.kind() != WorkloadKind.JOB) return false;
    for (ControllerReference owner : ownerReferences) {
      if (owner.controller()
          && WorkloadKind.fromApiVersionKind(owner.apiVersion(), owner.kind())
              .filter(k -> k == WorkloadKind.CRONJOB)
              .isPresent()) {
        return true;
      }
    }
    return false;
  }
}
