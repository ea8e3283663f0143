package dev.ownership.operator.audit;

import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.WorkloadRef;
import java.util.Comparator;

/** One row of the report: a workload, who owns it and where it was read from. */
public record AuditedWorkload(WorkloadRef ref, Resolution resolution, DocumentOrigin origin) {
  /** Namespace, kind, name; then source and document, so that duplicates keep a stable order. */
  static final Comparator<AuditedWorkload> ORDER =
      Comparator.comparing(AuditedWorkload::ref)
          .thenComparing(w -> w.origin().source())
          .thenComparingInt(w -> w.origin().document())
          .thenComparingInt(w -> w.origin().item());
}
