package dev.ownership.operator.suggest;

import dev.ownership.operator.ownership.NamespaceClaims;
import java.util.List;
import java.util.Objects;

/**
 * One namespace's workloads with their resolutions and its usable ServiceOwnerships: everything a
 * suggestion may rest on. Signals never reach across namespaces (a Helm release, a Flux object and
 * a ServiceOwnership are namespaced; teams share clusters, not namespaces, far less often).
 */
public record NamespaceSnapshot(
    String namespace, NamespaceClaims claims, List<ObservedWorkload> workloads) {
  public NamespaceSnapshot {
    Objects.requireNonNull(namespace, "namespace");
    claims = claims == null ? NamespaceClaims.NONE : claims;
    workloads = List.copyOf(workloads);
    for (ObservedWorkload w : workloads) {
      if (!w.ref().namespace().equals(namespace))
        throw new IllegalArgumentException(w.ref() + " is not in namespace " + namespace);
    }
  }
}
