package dev.ownership.operator.ownership;

import java.util.Map;

/**
 * The metadata the operator keeps on a workload: three annotations and one label. A null value
 * means the key must be absent.
 */
public record WorkloadMarks(String team, String service, String source, String status) {
  /** None of the keys: what a workload the operator never wrote on carries. */
  public static final WorkloadMarks NONE = new WorkloadMarks(null, null, null, null);

  public static WorkloadMarks of(Resolution resolution) {
    return new WorkloadMarks(
        resolution.team(),
        resolution.service(),
        resolution.source() == null ? null : resolution.source().annotationValue(),
        resolution.status().value());
  }

  /** The marks a workload carries now, read from its metadata. */
  public static WorkloadMarks current(Map<String, String> annotations, Map<String, String> labels) {
    Map<String, String> a = annotations == null ? Map.of() : annotations;
    Map<String, String> l = labels == null ? Map.of() : labels;
    return new WorkloadMarks(
        a.get(OwnershipKeys.TEAM_ANNOTATION),
        a.get(OwnershipKeys.SERVICE_ANNOTATION),
        a.get(OwnershipKeys.SOURCE_ANNOTATION),
        l.get(OwnershipKeys.STATUS_LABEL));
  }
}
