package dev.ownership.operator.who;

import dev.ownership.operator.controller.WorkloadProjection;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;

/**
 * Turns a workload object (as fetched, or as cached) into what the resolver reads. The one place in
 * {@code who} and the catalog that knows where that extraction lives.
 */
public final class WorkloadReading {
  private WorkloadReading() {}

  public static Workload workload(WorkloadKind kind, GenericKubernetesResource resource) {
    return WorkloadProjection.toWorkload(kind, resource);
  }

  /**
   * The labels the workload's pods carry: its pod template's alone, which is what a Service's
   * selector sees. The resolver's labels overlay the workload's own on them, so this reads a copy
   * that has no labels of its own.
   */
  public static Map<String, String> podTemplateLabels(
      WorkloadKind kind, GenericKubernetesResource resource) {
    GenericKubernetesResource withoutOwnLabels = new GenericKubernetesResource();
    withoutOwnLabels.setApiVersion(resource.getApiVersion());
    withoutOwnLabels.setKind(resource.getKind());
    withoutOwnLabels.setMetadata(
        new ObjectMetaBuilder(resource.getMetadata()).withLabels(null).build());
    resource.getAdditionalProperties().forEach(withoutOwnLabels::setAdditionalProperty);
    return workload(kind, withoutOwnLabels).labels();
  }
}
