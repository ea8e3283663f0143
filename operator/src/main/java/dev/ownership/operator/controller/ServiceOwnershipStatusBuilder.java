package dev.ownership.operator.controller;

import dev.ownership.operator.api.ConflictEntry;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.ServiceOwnershipStatus;
import dev.ownership.operator.api.WorkloadEntry;
import dev.ownership.operator.ownership.OwnershipConflict;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.WorkloadRef;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Computes a ServiceOwnership's status from the resolutions of the workloads it selects. Pure. */
public final class ServiceOwnershipStatusBuilder {
  public static final String READY = "Ready";
  public static final String CONFLICT = "Conflict";
  public static final String REASON_RECONCILED = "Reconciled";
  public static final String REASON_INVALID_SPEC = ClaimProblem.INVALID_SPEC;

  public static final String REASON_CONFLICT = "OwnershipConflict";
  public static final String REASON_NO_CONFLICT = "NoConflict";

  private static final Comparator<WorkloadRef> BY_KIND_THEN_NAME =
      Comparator.comparing((WorkloadRef r) -> r.kind().kind()).thenComparing(WorkloadRef::name);

  private ServiceOwnershipStatusBuilder() {}

  /**
   * @param service the effective service name ({@code spec.service}, else the resource's name)
   * @param problem why the resource cannot be used, or null
   * @param teamCheck whether spec.team names a registered Team
   * @param selected the workloads whose labels its selector matches, with their resolutions
   */
  public static ServiceOwnershipStatus build(
      ServiceOwnership so,
      String service,
      ClaimProblem problem,
      TeamCheck teamCheck,
      Map<WorkloadRef, Resolution> selected,
      Instant now) {
    String name = so.getMetadata().getName();
    Long generation = so.getMetadata().getGeneration();
    List<Condition> previous = so.getStatus() == null ? List.of() : so.getStatus().getConditions();
    ServiceOwnershipStatus status = new ServiceOwnershipStatus();
    status.setObservedGeneration(generation);
    status.setService(service);
    Condition teamKnown =
        Conditions.next(
            previous,
            TeamCheck.CONDITION,
            teamCheck.known() ? "True" : "False",
            teamCheck.reason(),
            teamCheck.message(),
            generation,
            now);

    if (problem != null) {
      status.setMatchedWorkloads(0);
      status.setConditions(
          List.of(
              Conditions.next(
                  previous, READY, "False", problem.reason(), problem.message(), generation, now),
              Conditions.next(
                  previous,
                  CONFLICT,
                  "False",
                  problem.reason(),
                  ClaimProblem.INVALID_SPEC.equals(problem.reason())
                      ? "The spec is invalid, so this resource owns nothing."
                      : "This resource is not used, so it owns nothing.",
                  generation,
                  now),
              teamKnown));
      return status;
    }

    List<WorkloadRef> owned = new ArrayList<>();
    List<Map.Entry<WorkloadRef, String>> conflicts = new ArrayList<>();
    for (Map.Entry<WorkloadRef, Resolution> e : selected.entrySet()) {
      Resolution r = e.getValue();
      if (r.source() != null && name.equals(r.source().serviceOwnershipName()))
        owned.add(e.getKey());
      if (r.status() == OwnershipStatus.CONFLICT) {
        String message = conflictMessage(name, r);
        if (message != null) conflicts.add(Map.entry(e.getKey(), message));
      }
    }
    owned.sort(BY_KIND_THEN_NAME);
    conflicts.sort(Map.Entry.comparingByKey(BY_KIND_THEN_NAME));

    status.setMatchedWorkloads(owned.size());
    status.setWorkloads(
        owned.stream()
            .limit(ServiceOwnershipStatus.MAX_LISTED)
            .map(r -> new WorkloadEntry(r.kind().kind(), r.name()))
            .toList());
    status.setConflicts(
        conflicts.stream()
            .limit(ServiceOwnershipStatus.MAX_LISTED)
            .map(
                c ->
                    new ConflictEntry(
                        c.getKey().kind().kind(), c.getKey().name(), REASON_CONFLICT, c.getValue()))
            .toList());
    String ownsText = "Owns " + owned.size() + (owned.size() == 1 ? " workload." : " workloads.");
    Condition ready =
        Conditions.next(previous, READY, "True", REASON_RECONCILED, ownsText, generation, now);
    Condition conflict =
        conflicts.isEmpty()
            ? Conditions.next(
                previous,
                CONFLICT,
                "False",
                REASON_NO_CONFLICT,
                "No selected workload is claimed by another team.",
                generation,
                now)
            : Conditions.next(
                previous,
                CONFLICT,
                "True",
                REASON_CONFLICT,
                conflicts.size()
                    + (conflicts.size() == 1 ? " selected workload is" : " selected workloads are")
                    + " claimed by another team; see status.conflicts.",
                generation,
                now);
    status.setConditions(List.of(ready, conflict, teamKnown));
    return status;
  }

  /** What the conflict means for this ServiceOwnership, or null when it is not part of it. */
  private static String conflictMessage(String name, Resolution r) {
    boolean winner = name.equals(r.source() == null ? null : r.source().serviceOwnershipName());
    if (winner) return r.conflicts().isEmpty() ? null : r.conflictSummary();
    for (OwnershipConflict c : r.conflicts()) {
      if (name.equals(c.overruledClaim())) return c.message();
    }
    return null;
  }
}
