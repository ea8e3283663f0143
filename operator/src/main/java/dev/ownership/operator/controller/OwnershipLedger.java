package dev.ownership.operator.controller;

import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.WorkloadRef;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest resolution of every workload, indexed by the ServiceOwnerships that select it so that
 * a ServiceOwnership's status never scans the cluster. Written by the resolution loop alone; read
 * concurrently by status reconciliation.
 */
public final class OwnershipLedger {
  private final ConcurrentHashMap<WorkloadRef, Resolution> resolutions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ClaimKey, Set<WorkloadRef>> selectedBy =
      new ConcurrentHashMap<>();

  record ClaimKey(String namespace, String name) {}

  /** Records a resolution and returns the previous one (null if none). */
  Resolution record(WorkloadRef ref, Resolution resolution) {
    Resolution previous = resolutions.put(ref, resolution);
    if (previous != null) unindex(ref, previous);
    index(ref, resolution);
    return previous;
  }

  Resolution forget(WorkloadRef ref) {
    Resolution previous = resolutions.remove(ref);
    if (previous != null) unindex(ref, previous);
    return previous;
  }

  public Resolution get(WorkloadRef ref) {
    return resolutions.get(ref);
  }

  public int size() {
    return resolutions.size();
  }

  /** Workloads whose labels the named ServiceOwnership's selector matches (owned by it or not). */
  public List<WorkloadRef> selectedBy(String namespace, String name) {
    Set<WorkloadRef> refs = selectedBy.get(new ClaimKey(namespace, name));
    return refs == null ? List.of() : List.copyOf(refs);
  }

  private void index(WorkloadRef ref, Resolution resolution) {
    for (String claim : resolution.selectingClaims()) {
      selectedBy
          .computeIfAbsent(new ClaimKey(ref.namespace(), claim), k -> ConcurrentHashMap.newKeySet())
          .add(ref);
    }
  }

  private void unindex(WorkloadRef ref, Resolution resolution) {
    for (String claim : resolution.selectingClaims()) {
      selectedBy.computeIfPresent(
          new ClaimKey(ref.namespace(), claim),
          (k, refs) -> {
            refs.remove(ref);
            return refs.isEmpty() ? null : refs;
          });
    }
  }
}
