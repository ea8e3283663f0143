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
  // Kept only while the Team registry is in use (teamValues are empty otherwise).
  private final ConcurrentHashMap<String, Set<WorkloadRef>> byTeamValue = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<WorkloadRef>> byTeam = new ConcurrentHashMap<>();
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

  /** Workloads whose resolution consulted this team value (a Team change there may move them). */
  public List<WorkloadRef> consulting(String teamValue) {
    Set<WorkloadRef> refs = byTeamValue.get(teamValue);
    return refs == null ? List.of() : List.copyOf(refs);
  }

  /** Workloads resolved to this (canonical) team, while the registry is in use. */
  public List<WorkloadRef> ownedBy(String team) {
    Set<WorkloadRef> refs = byTeam.get(team);
    return refs == null ? List.of() : List.copyOf(refs);
  }

  /** Workloads whose labels the named ServiceOwnership's selector matches (owned by it or not). */
  public List<WorkloadRef> selectedBy(String namespace, String name) {
    Set<WorkloadRef> refs = selectedBy.get(new ClaimKey(namespace, name));
    return refs == null ? List.of() : List.copyOf(refs);
  }

  private void index(WorkloadRef ref, Resolution resolution) {
    for (String value : resolution.teamValues()) add(byTeamValue, value, ref);
    if (!resolution.teamValues().isEmpty() && resolution.team() != null) {
      add(byTeam, resolution.team(), ref);
    }
    for (String claim : resolution.selectingClaims()) {
      selectedBy
          .computeIfAbsent(new ClaimKey(ref.namespace(), claim), k -> ConcurrentHashMap.newKeySet())
          .add(ref);
    }
  }

  private static void add(
      ConcurrentHashMap<String, Set<WorkloadRef>> index, String key, WorkloadRef ref) {
    index.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(ref);
  }

  private static void remove(
      ConcurrentHashMap<String, Set<WorkloadRef>> index, String key, WorkloadRef ref) {
    index.computeIfPresent(
        key,
        (k, refs) -> {
          refs.remove(ref);
          return refs.isEmpty() ? null : refs;
        });
  }

  private void unindex(WorkloadRef ref, Resolution resolution) {
    for (String value : resolution.teamValues()) remove(byTeamValue, value, ref);
    if (!resolution.teamValues().isEmpty() && resolution.team() != null) {
      remove(byTeam, resolution.team(), ref);
    }
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
