package dev.ownership.operator.audit;

import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.WorkloadKind;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of an audit: every workload with its resolution (sorted), the input errors and the
 * notices. {@link #exitCode()} is what the command returns.
 */
public record AuditReport(
    List<AuditedWorkload> workloads, List<AuditProblem> problems, List<AuditProblem> notices) {
  public static final int ALL_OWNED = 0;
  public static final int SOME_UNOWNED_OR_IN_CONFLICT = 1;
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

  /**
   * 2 on any input error (the report still lists what could be read); else 1 if anything lacks a
   * single owner; else 0.
   */
  public int exitCode() {
    if (!problems.isEmpty()) return BAD_INPUT;
    return count(OwnershipStatus.OWNED) == workloads.size()
        ? ALL_OWNED
        : SOME_UNOWNED_OR_IN_CONFLICT;
  }

  public long count(OwnershipStatus status) {
    return workloads.stream().filter(w -> w.resolution().status() == status).count();
  }

  public Map<WorkloadKind, Long> countByKind() {
    Map<WorkloadKind, Long> counts = new EnumMap<>(WorkloadKind.class);
    workloads.forEach(w -> counts.merge(w.ref().kind(), 1L, Long::sum));
    return counts;
  }

  /**
   * One line for humans, e.g. {@code 12 workloads: 7 owned, 3 unowned, 2 in conflict; 1 input
   * error}.
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
            + " in conflict";
    if (!problems.isEmpty())
      line += "; " + problems.size() + (problems.size() == 1 ? " input error" : " input errors");
    return line;
  }
}
