package dev.ownership.operator.who;

import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * From what the user named to the workloads that own it: controller ownerReferences upward (Pod →
 * ReplicaSet → Deployment, Pod → Job → CronJob, Pod → StatefulSet or DaemonSet), or from a Service
 * to every workload whose pod template its selector matches.
 */
final class OwnerChain {
  /** Real chains are at most three steps (Pod → Job → CronJob); anything longer is a loop. */
  static final int MAX_STEPS = 8;

  private final ClusterReader reader;

  OwnerChain(ClusterReader reader) {
    this.reader = reader;
  }

  /** A workload reached, and the way there. */
  record Found(WorkloadKind kind, GenericKubernetesResource workload, List<String> chain) {}

  /**
   * Either the workloads reached, or why there are none (an object that no workload controls).
   *
   * @param deadEnd null when {@code found} is the answer
   */
  record Walk(List<Found> found, String deadEnd) {
    static Walk deadEnd(String why) {
      return new Walk(List.of(), why);
    }
  }

  /**
   * @throws ReadFailure when the target or a controller on the way does not exist, or cannot be
   *     read
   */
  Walk walk(Target target, String namespace) {
    GenericKubernetesResource start =
        reader
            .get(target.kind(), namespace, target.name())
            .orElseThrow(() -> new ReadFailure(target + " not found in namespace " + namespace));
    if (target.kind() == TargetKind.SERVICE) return fromService(target, start, namespace);
    return upward(target.kind(), start, namespace);
  }

  private Walk upward(TargetKind kind, GenericKubernetesResource object, String namespace) {
    List<String> chain = new ArrayList<>();
    chain.add(kind.slashName(object.getMetadata().getName()));
    for (int step = 0; step < MAX_STEPS; step++) {
      String here = chain.get(chain.size() - 1);
      if (kind.workloadKind().isPresent()) {
        Workload workload = WorkloadReading.workload(kind.workloadKind().get(), object);
        if (!workload.isPartOfAnotherWorkload()) {
          return new Walk(List.of(new Found(kind.workloadKind().get(), object, chain)), null);
        }
      }
      OwnerReference controller = controllerOf(object);
      if (controller == null) {
        return Walk.deadEnd(
            here
                + " has no controller, so no workload owns it (owners belong to Deployments,"
                + " StatefulSets, DaemonSets, Jobs and CronJobs)");
      }
      TargetKind next =
          TargetKind.ofOwnerReference(controller.getApiVersion(), controller.getKind())
              .filter(k -> k != TargetKind.SERVICE && k != TargetKind.POD)
              .orElse(null);
      String controllerName =
          controller.getKind()
              + "/"
              + controller.getName()
              + " ("
              + controller.getApiVersion()
              + ")";
      if (next == null) {
        return Walk.deadEnd(
            here
                + " is controlled by "
                + controllerName
                + ", which is not a workload kind the operator tracks, so nothing owns it here");
      }
      String nextName = next.slashName(controller.getName());
      GenericKubernetesResource owner =
          reader
              .get(next, namespace, controller.getName())
              .filter(o -> sameObject(controller, o))
              .orElseThrow(
                  () ->
                      new ReadFailure(
                          nextName
                              + ", the controller of "
                              + here
                              + ", not found in namespace "
                              + namespace));
      chain.add(nextName);
      kind = next;
      object = owner;
    }
    throw new ReadFailure(
        "the controller chain " + String.join(" -> ", chain) + " is longer than " + MAX_STEPS);
  }

  private Walk fromService(Target target, GenericKubernetesResource service, String namespace) {
    Map<String, String> selector = serviceSelector(service);
    if (selector.isEmpty()) {
      throw new ReadFailure(
          target + " has no selector, so it selects no pods and leads to no workload");
    }
    List<Found> found = new ArrayList<>();
    for (WorkloadKind kind : WorkloadKind.values()) {
      for (GenericKubernetesResource item : reader.list(TargetKind.of(kind), namespace)) {
        if (WorkloadReading.workload(kind, item).isPartOfAnotherWorkload()) continue;
        Map<String, String> podLabels = WorkloadReading.podTemplateLabels(kind, item);
        if (selector.entrySet().stream()
            .allMatch(e -> Objects.equals(podLabels.get(e.getKey()), e.getValue()))) {
          found.add(
              new Found(
                  kind,
                  item,
                  List.of(
                      target.toString(),
                      TargetKind.of(kind).slashName(item.getMetadata().getName()))));
        }
      }
    }
    if (found.isEmpty()) {
      throw new ReadFailure(
          target
              + " (selector "
              + describe(selector)
              + ") matches the pod template of no workload in namespace "
              + namespace);
    }
    found.sort(
        Comparator.comparing((Found f) -> f.kind().kind())
            .thenComparing(f -> f.workload().getMetadata().getName()));
    return new Walk(found, null);
  }

  private static OwnerReference controllerOf(GenericKubernetesResource object) {
    List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
    if (refs == null) return null;
    return refs.stream()
        .filter(r -> Boolean.TRUE.equals(r.getController()))
        .findFirst()
        .orElse(null);
  }

  /** A controller deleted and re-created under the same name is not the one referenced. */
  private static boolean sameObject(OwnerReference ref, GenericKubernetesResource object) {
    String uid = object.getMetadata().getUid();
    return ref.getUid() == null || uid == null || ref.getUid().equals(uid);
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> serviceSelector(GenericKubernetesResource service) {
    Object spec = service.getAdditionalProperties().get("spec");
    if (!(spec instanceof Map<?, ?> s) || !(s.get("selector") instanceof Map<?, ?> selector))
      return Map.of();
    Map<String, String> copy = new java.util.TreeMap<>();
    ((Map<Object, Object>) selector)
        .forEach(
            (k, v) -> {
              if (k != null && v != null) copy.put(k.toString(), v.toString());
            });
    return copy;
  }

  private static String describe(Map<String, String> selector) {
    return String.join(
        ",", selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }
}
