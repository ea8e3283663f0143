package dev.ownership.operator.admission;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/**
 * The kinds this webhook judges: the workload kinds of INTERFACE §2 and ServiceOwnership (§8). The
 * {@code kind} label of {@code ownership_admission_reviews_total}; a closed set, so a request can
 * never add a series.
 */
public enum ReviewedKind {
  DEPLOYMENT(WorkloadKind.DEPLOYMENT),
  STATEFULSET(WorkloadKind.STATEFULSET),
  DAEMONSET(WorkloadKind.DAEMONSET),
  JOB(WorkloadKind.JOB),
  CRONJOB(WorkloadKind.CRONJOB),
  SERVICE_OWNERSHIP(null);

  /** {@code ownership.dev}, as the ServiceOwnership CRD serves it. */
  public static final String SERVICE_OWNERSHIP_GROUP = ServiceOwnership.GROUP;

  public static final String SERVICE_OWNERSHIP_KIND = HasMetadata.getKind(ServiceOwnership.class);

  private final WorkloadKind workload;

  ReviewedKind(WorkloadKind workload) {
    this.workload = workload;
  }

  /** The Kubernetes kind, e.g. {@code Deployment} or {@code ServiceOwnership}. */
  public String kind() {
    return workload == null ? SERVICE_OWNERSHIP_KIND : workload.kind();
  }

  /** The workload kind; empty for ServiceOwnership. */
  public Optional<WorkloadKind> workload() {
    return Optional.ofNullable(workload);
  }

  public static ReviewedKind of(WorkloadKind kind) {
    return valueOf(kind.name());
  }
}
