package dev.ownership.operator.audit;

import dev.ownership.operator.admission.Verdict;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.WorkloadRef;
import java.util.Comparator;
import java.util.List;

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

  /** Namespace, kind, name; then source and document, so that duplicates keep a stable order. */
  static final Comparator<AuditedWorkload> ORDER =
      Comparator.comparing(AuditedWorkload::ref)
          .thenComparing(w -> w.origin().source())
          .thenComparingInt(w -> w.origin().document())
          .thenComparingInt(w -> w.origin().item());
}
