package dev.ownership.bench.jmh;

import dev.ownership.operator.controller.WorkloadProjection;
import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Every call {@link ProjectionBenchmark} makes into the operator, in one place.
 *
 * <p>Relies on: {@code controller.WorkloadProjection.project(WorkloadKind,
 * GenericKubernetesResource)} returning the cached form, {@code WorkloadProjection.toWorkload(
 * WorkloadKind, GenericKubernetesResource)} and {@code WorkloadKind.DEPLOYMENT}.
 */
public final class ProjectionSubject {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ProjectionSubject() {}

  /** What an informer holds before projection: the full object as fabric8 deserializes it. */
  public static GenericKubernetesResource parse(String json) {
    return SERIALIZATION.unmarshal(json, GenericKubernetesResource.class);
  }

  public static Object project(GenericKubernetesResource full) {
    return WorkloadProjection.project(WorkloadKind.DEPLOYMENT, full);
  }

  /** The resolver's input built from a projection, as done for every resolution. */
  public static Object toWorkload(Object projected) {
    return WorkloadProjection.toWorkload(
        WorkloadKind.DEPLOYMENT, (GenericKubernetesResource) projected);
  }
}
