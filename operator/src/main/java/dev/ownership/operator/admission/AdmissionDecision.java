package dev.ownership.operator.admission;

import java.util.Locale;

/**
 * How a review was answered; the {@code decision} label of {@code
 * ownership_admission_reviews_total}.
 */
public enum AdmissionDecision {
  /** Allowed with nothing to report (owned, not a workload, mode off, not a checked operation). */
  ALLOWED,
  /** Refused: enforce mode, or an internal error with --failure-mode closed. */
  DENIED,
  /**
   * Allowed with a warning about a missing owner, a bad team label or a team the registry does not
   * know (warn mode, or a grandfathered update).
   */
  WARNED,
  /** Allowed and recorded in the audit log (audit mode). */
  AUDITED,
  /** Allowed without a look: the namespace is exempt. */
  EXEMPT,
  /** The webhook failed internally; answered according to --failure-mode. */
  ERROR;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
