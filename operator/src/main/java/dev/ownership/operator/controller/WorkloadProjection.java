package dev.ownership.operator.controller;

import dev.ownership.operator.ownership.ControllerReference;
import dev.ownership.operator.ownership.LabelValues;
import dev.ownership.operator.ownership.OwnershipKeys;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadMarks;
import dev.ownership.operator.ownership.WorkloadRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The few fields of a workload that ownership depends on. A whole Deployment costs about 20 KB of
 * heap; the cache keeps these fields as a {@link CachedWorkload} (well under 1 KB), which is what
 * lets it hold 100k workloads. Annotations other than the operator's own are dropped: they are
 * often the largest part of an object (last-applied-configuration) and nothing here reads them.
 */
public final class WorkloadProjection {
  static final String TEMPLATE_LABELS = "podTemplateLabels";

  private WorkloadProjection() {}

  /**
   * A compact copy: metadata essentials plus the pod template's labels (what {@link CachedWorkload}
   * keeps, as a resource).
   */
  public static GenericKubernetesResource project(
      WorkloadKind kind, GenericKubernetesResource full) {
    return CachedWorkload.of(kind, full).toResource(kind);
  }

  /**
   * True when two projections differ in anything ownership depends on (not just resourceVersion).
   */
  public static boolean relevantChange(
      GenericKubernetesResource before, GenericKubernetesResource after) {
    if (before == null || after == null) return true;
    ObjectMeta a = before.getMetadata();
    ObjectMeta b = after.getMetadata();
    return !Objects.equals(labels(a.getLabels()), labels(b.getLabels()))
        || !Objects.equals(ownAnnotations(a.getAnnotations()), ownAnnotations(b.getAnnotations()))
        || !Objects.equals(a.getOwnerReferences(), b.getOwnerReferences())
        || !Objects.equals(a.getDeletionTimestamp(), b.getDeletionTimestamp())
        || !Objects.equals(
            before.getAdditionalProperties().get(TEMPLATE_LABELS),
            after.getAdditionalProperties().get(TEMPLATE_LABELS));
  }

  public static WorkloadRef ref(WorkloadKind kind, GenericKubernetesResource resource) {
    return new WorkloadRef(
        kind, resource.getMetadata().getNamespace(), resource.getMetadata().getName());
  }

  /** The resolution input of a projected (or full) workload. */
  @SuppressWarnings("unchecked")
  public static Workload toWorkload(WorkloadKind kind, GenericKubernetesResource projected) {
    ObjectMeta meta = projected.getMetadata();
    Map<String, String> templateLabels = podTemplateLabels(kind, projected);
    List<ControllerReference> owners = new ArrayList<>();
    if (meta.getOwnerReferences() != null) {
      for (OwnerReference ref : meta.getOwnerReferences()) {
        owners.add(
            new ControllerReference(
                ref.getApiVersion(),
                ref.getKind(),
                ref.getName(),
                Boolean.TRUE.equals(ref.getController())));
      }
    }
    return Workload.of(
        ref(kind, projected), labels(meta.getLabels()), labels(templateLabels), owners);
  }

  public static WorkloadMarks marks(GenericKubernetesResource resource) {
    return WorkloadMarks.current(
        resource.getMetadata().getAnnotations(), resource.getMetadata().getLabels());
  }

  /**
   * The pod template's labels of a full workload, or of a projection (which keeps them under {@link
   * #TEMPLATE_LABELS}); null when there are none.
   */
  @SuppressWarnings("unchecked")
  static Map<String, String> podTemplateLabels(WorkloadKind kind, GenericKubernetesResource full) {
    Object projected = full.getAdditionalProperties().get(TEMPLATE_LABELS);
    if (projected instanceof Map<?, ?> m) return (Map<String, String>) m;
    Object node = full.getAdditionalProperties();
    for (String step : kind.podTemplatePath()) {
      if (!(node instanceof Map<?, ?> map)) return null;
      node = map.get(step);
    }
    if (!(node instanceof Map<?, ?> template)) return null;
    Object metadata = template.get("metadata");
    if (!(metadata instanceof Map<?, ?> m)) return null;
    Object labels = m.get("labels");
    if (!(labels instanceof Map<?, ?> l)) return null;
    Map<String, String> copy = new HashMap<>();
    ((Map<Object, Object>) l)
        .forEach(
            (k, v) -> {
              if (k != null)
                copy.put(k.toString(), v == null ? LabelValues.ofNull() : v.toString());
            });
    return copy;
  }

  private static Map<String, String> ownAnnotations(Map<String, String> annotations) {
    if (annotations == null || annotations.isEmpty()) return Map.of();
    Map<String, String> own = new HashMap<>(4);
    annotations.forEach(
        (k, v) -> {
          if (k.startsWith(OwnershipKeys.PREFIX) && v != null) own.put(k, v);
        });
    return own.isEmpty() ? Map.of() : Map.copyOf(own);
  }

  /**
   * A label map by the rule every reader shares: a JSON null value reads as {@link
   * LabelValues#ofNull()}.
   */
  private static Map<String, String> labels(Map<String, String> map) {
    if (map == null || map.isEmpty()) return Map.of();
    Map<String, String> copy = new HashMap<>(map.size() * 2);
    map.forEach(
        (k, v) -> {
          if (k != null) copy.put(k, v == null ? LabelValues.ofNull() : v);
        });
    return Map.copyOf(copy);
  }
}
