package dev.ownership.operator.audit;

import dev.ownership.operator.admission.Verdict;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.WorkloadRef;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the report: a workload, who owns it, what the webhook would answer to its creation,
 * what to fix, and where it was read from.
 */
public record AuditedWorkload(
    WorkloadRef ref,
    Resolution resolution,
    DocumentOrigin origin,
    Verdict verdict,
    List<Finding> findings) {
  public AuditedWorkload {
    findings = List.copyOf(findings);
  }

  /** A team value it consults names no registered Team (INTERFACE §8). */
  public boolean hasUnknownTeam() {
    return !resolution.unknownTeams().isEmpty();
  }

  /**
   * The aliases among the team values it consults, each with the Team's name it stands for (what
   * {@code ownership.dev/team} carries instead), in the order resolution consulted them.
   */
  public Map<String, String> aliases(TeamRegistry teams) {
    Map<String, String> aliases = new LinkedHashMap<>();
    if (!teams.inUse()) return aliases;
    for (String value : resolution.teamValues()) {
      teams
          .canonical(value)
          .filter(name -> !name.equals(value))
          .ifPresent(name -> aliases.putIfAbsent(value, name));
    }
    return aliases;
  }

  /** Namespace, kind, name; then source and document, so that duplicates keep a stable order. */
  static final Comparator<AuditedWorkload> ORDER =
      Comparator.comparing(AuditedWorkload::ref)
          .thenComparing(w -> w.origin().source())
          .thenComparingInt(w -> w.origin().document())
          .thenComparingInt(w -> w.origin().item());
}
