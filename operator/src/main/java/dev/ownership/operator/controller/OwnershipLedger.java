package dev.ownership.operator.controller;

import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.WorkloadRef;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The latest resolution of every workload — the one map of that fact — indexed by the
 * ServiceOwnerships that select it, so that a ServiceOwnership's status never scans the cluster.
 * Written by the resolution loop alone, which is why the {@link ResolutionListener}s it tells (the
 * gauges) get exact {@code before} values and need no bookkeeping of their own; read concurrently
 * by status reconciliation.
 */
public final class OwnershipLedger {
  private final ConcurrentHashMap<WorkloadRef, Resolution> resolutions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ClaimKey, Set<WorkloadRef>> selectedBy =
      new ConcurrentHashMap<>();
  private final List<ResolutionListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean complete;

  record ClaimKey(String namespace, String name) {}

  /** Listeners are told of every change, in order, on the thread that records it. */
  public void addListener(ResolutionListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  /**
   * Records a resolution, tells the listeners if it changed, and returns the previous one (null if
   * none).
   */
  public Resolution record(WorkloadRef ref, Resolution resolution) {
    Resolution previous = resolutions.put(ref, resolution);
    if (resolution.equals(previous)) return previous;
    if (previous != null) unindex(ref, previous);
    index(ref, resolution);
    listeners.forEach(l -> l.resolved(ref, previous, resolution));
    return previous;
  }

  /**
   * Forgets a workload that is gone (or no longer tracked); returns what it was, null if unknown.
   */
  public Resolution forget(WorkloadRef ref) {
    Resolution previous = resolutions.remove(ref);
    if (previous != null) {
      unindex(ref, previous);
      listeners.forEach(l -> l.removed(ref, previous));
    }
    return previous;
  }

  public Resolution get(WorkloadRef ref) {
    return resolutions.get(ref);
  }

  public int size() {
    return resolutions.size();
  }

  /** Every workload present when the controller started has been resolved once. */
  public boolean isComplete() {
    return complete;
  }

  void markComplete() {
    complete = true;
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
