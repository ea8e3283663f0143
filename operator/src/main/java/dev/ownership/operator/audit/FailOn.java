package dev.ownership.operator.audit;

import dev.ownership.operator.admission.AdmissionDecision;
import dev.ownership.operator.admission.Verdict;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.OwnershipStatus;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code --fail-on}: which workloads make {@code audit} exit 1. The default, {@link #ENFORCE}, is
 * the cluster's own answer, so a green gate means the webhook would admit every workload. The
 * levels are cumulative, each failing on all the one before it does and more: enforce, then warn,
 * then unowned, so no stricter-sounding level passes what a laxer one fails.
 */
public enum FailOn {
  /** The webhook would refuse it (an {@code enforce} namespace). */
  ENFORCE,
  /**
   * The webhook would refuse it or answer with a warning (kubectl prints {@code Warning:}); a team
   * the registry does not know is one where the webhook judges (an {@code enforce} or {@code warn}
   * namespace): it warns about it (INTERFACE §8).
   */
  WARN,
  /**
   * What {@link #WARN} fails, and every workload that is unowned or in conflict whatever its
   * namespace's mode: "everything has one owner", ahead of enforcing.
   */
  UNOWNED;

  public boolean fails(AuditedWorkload workload) {
    return switch (this) {
      case ENFORCE -> !workload.verdict().allowed();
      case WARN ->
          !workload.verdict().allowed()
              || !workload.verdict().warnings().isEmpty()
              || (workload.hasUnknownTeam() && judged(workload.verdict()));
      case UNOWNED ->
          WARN.fails(workload) || workload.resolution().status() != OwnershipStatus.OWNED;
    };
  }

  /** The webhook complains in this namespace: not exempt, mode enforce or warn. */
  private static boolean judged(Verdict verdict) {
    return verdict.decision() != AdmissionDecision.EXEMPT
        && (verdict.mode() == EnforcementMode.ENFORCE || verdict.mode() == EnforcementMode.WARN);
  }

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<FailOn> parse(String text) {
    for (FailOn failOn : values()) {
      if (failOn.value().equals(text.trim().toLowerCase(Locale.ROOT))) return Optional.of(failOn);
    }
    return Optional.empty();
  }
}
