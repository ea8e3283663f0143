package dev.ownership.operator.ownership;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The metadata the operator keeps on a workload: three annotations and one label. A null value
 * means the key must be absent.
 */
public record WorkloadMarks(String team, String service, String source, String status) {
  private static final ObjectMapper JSON = new ObjectMapper();

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

  /**
   * A JSON merge patch that turns {@code current} into these marks, naming only the keys that
   * change; null when nothing changes.
   */
  public String mergePatchFrom(WorkloadMarks current) {
    Map<String, String> annotations = new LinkedHashMap<>();
    putIfChanged(annotations, OwnershipKeys.TEAM_ANNOTATION, current.team, team);
    putIfChanged(annotations, OwnershipKeys.SERVICE_ANNOTATION, current.service, service);
    putIfChanged(annotations, OwnershipKeys.SOURCE_ANNOTATION, current.source, source);
    Map<String, String> labels = new LinkedHashMap<>();
    putIfChanged(labels, OwnershipKeys.STATUS_LABEL, current.status, status);
    if (annotations.isEmpty() && labels.isEmpty()) return null;

    ObjectNode root = JSON.createObjectNode();
    ObjectNode metadata = root.putObject("metadata");
    if (!annotations.isEmpty()) {
      ObjectNode node = metadata.putObject("annotations");
      annotations.forEach(node::put);
    }
    if (!labels.isEmpty()) {
      ObjectNode node = metadata.putObject("labels");
      labels.forEach(node::put);
    }
    return root.toString();
  }

  private static void putIfChanged(
      Map<String, String> changes, String key, String was, String wanted) {
    if (!Objects.equals(was, wanted)) changes.put(key, wanted);
  }
}
