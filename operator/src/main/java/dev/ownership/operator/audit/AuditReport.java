package dev.ownership.operator.audit;

import dev.ownership.operator.admission.AdmissionDecision;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.WorkloadKind;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of an audit: every workload with its resolution and verdict (sorted), the input
 * errors, the notices, the gate and the Team registry the input made. {@link #exitCode()} is what
 * the command returns.
 */
public record AuditReport(
    List<AuditedWorkload> workloads,
    List<AuditProblem> problems,
    List<AuditProblem> notices,
    FailOn failOn,
    TeamRegistry teams) {
  /** The gate passed: no workload fails {@code --fail-on}. */
  public static final int ALL_OWNED = 0;

  /**
   * The gate failed: some workload fails {@code --fail-on} (by default: the webhook refuses it).
   */
  public static final int SOME_UNOWNED_OR_IN_CONFLICT = 1;

  /** No verdict: bad input, no input, a bad flag, an unreadable cluster, an internal error. */
  public static final int BAD_INPUT = 2;

  private static final Comparator<AuditProblem> BY_ORIGIN =
      Comparator.comparing((AuditProblem p) -> p.origin().source())
          .thenComparingInt(p -> p.origin().document())
          .thenComparingInt(p -> p.origin().item());

  public AuditReport {
    workloads = workloads.stream().sorted(AuditedWorkload.ORDER).toList();
    problems = problems.stream().sorted(BY_ORIGIN).toList();
    notices = List.copyOf(notices);
  }

  /** 2 on any input error (the report still lists what could be read); else 1 if the gate fails. */
  public int exitCode() {
    if (!problems.isEmpty()) return BAD_INPUT;
    return failing() > 0 ? SOME_UNOWNED_OR_IN_CONFLICT : ALL_OWNED;
  }

  /** Workloads that fail the gate. */
  public long failing() {
    return workloads.stream().filter(failOn::fails).count();
  }

  public long count(OwnershipStatus status) {
    return workloads.stream().filter(w -> w.resolution().status() == status).count();
  }

  public long count(AdmissionDecision decision) {
    return workloads.stream().filter(w -> w.verdict().decision() == decision).count();
  }

  /** Workloads with a team value the registry does not know. */
  public long unknownTeams() {
    return workloads.stream().filter(AuditedWorkload::hasUnknownTeam).count();
  }

  public Map<WorkloadKind, Long> countByKind() {
    Map<WorkloadKind, Long> counts = new EnumMap<>(WorkloadKind.class);
    workloads.forEach(w -> counts.merge(w.ref().kind(), 1L, Long::sum));
    return counts;
  }

  /** E.g. {@code ; 6 Teams (registry warn): 1 with an unknown team}; empty when not in use. */
  private String registry() {
    if (!teams.inUse()) return "";
    return "; "
        + teams.size()
        + (teams.size() == 1 ? " Team" : " Teams")
        + " (registry "
        + teams.mode().value()
        + "): "
        + unknownTeams()
        + " with an unknown team";
  }

  /**
   * One line for humans, e.g. {@code 12 workloads: 7 owned, 3 unowned, 2 in conflict; the webhook
   * would deny 1, warn 2, audit 1, allow 6, exempt 2; --fail-on enforce: 1 fails}, with the
   * registry's count of unknown teams before the gate when Teams are in the input.
   */
  public String summary() {
    String line =
        workloads.size()
            + (workloads.size() == 1 ? " workload: " : " workloads: ")
            + count(OwnershipStatus.OWNED)
            + " owned, "
            + count(OwnershipStatus.UNOWNED)
            + " unowned, "
            + count(OwnershipStatus.CONFLICT)
            + " in conflict; the webhook would deny "
            + count(AdmissionDecision.DENIED)
            + ", warn "
            + count(AdmissionDecision.WARNED)
            + ", audit "
            + count(AdmissionDecision.AUDITED)
            + ", allow "
            + count(AdmissionDecision.ALLOWED)
            + ", exempt "
            + count(AdmissionDecision.EXEMPT)
            + registry()
            + "; --fail-on "
            + failOn.value()
            + ": ";
    if (!problems.isEmpty()) {
      return line
          + "no verdict, "
          + problems.size()
          + (problems.size() == 1 ? " input error" : " input errors");
    }
    return line + (failing() == 0 ? "passed" : failing() + " failing");
  }
}
