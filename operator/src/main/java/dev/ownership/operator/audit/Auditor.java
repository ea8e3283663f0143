package dev.ownership.operator.audit;

import dev.ownership.operator.admission.AdmissionPolicy;
import dev.ownership.operator.admission.Verdict;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.EnforcementRule;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Resolves every workload of an inventory with the same {@link OwnerResolver} the controller uses,
 * and judges its creation with the same {@link AdmissionPolicy} the webhook uses, so that the gate
 * and the cluster cannot disagree.
 */
public final class Auditor {
  private final OwnerResolver resolver;
  private final EnforcementRule enforcement;
  private final FailOn failOn;

  /**
   * For callers that need ownership only: verdicts as in namespaces of mode {@code off}, and the
   * gate {@link FailOn#UNOWNED}.
   */
  public Auditor(OwnerResolver resolver) {
    this(resolver, new EnforcementRule(EnforcementMode.OFF, Set.of()), FailOn.UNOWNED);
  }

  /**
   * @param enforcement the webhook's mode rule (as {@code run}'s {@code --default-enforcement} and
   *     {@code --exempt-namespaces} build it)
   * @param failOn which workloads fail the audit
   */
  public Auditor(OwnerResolver resolver, EnforcementRule enforcement, FailOn failOn) {
    this.resolver = resolver;
    this.enforcement = enforcement;
    this.failOn = failOn;
  }

  public AuditReport audit(
      ManifestInventory inventory,
      List<AuditProblem> readProblems,
      List<AuditProblem> readNotices) {
    AdmissionPolicy policy = new AdmissionPolicy(resolver, inventory, enforcement);
    List<AuditedWorkload> rows = new ArrayList<>();
    for (ManifestInventory.WorkloadManifest manifest : inventory.workloads()) {
      Workload workload = manifest.workload();
      String namespace = workload.ref().namespace();
      Resolution resolution =
          resolver.resolve(
              workload,
              inventory.labels(namespace),
              inventory.claims(namespace),
              inventory.teams());
      // A CREATE: what the webhook answers when these manifests are applied.
      Verdict verdict = policy.judge(workload, null);
      rows.add(
          new AuditedWorkload(
              workload.ref(),
              resolution,
              manifest.origin(),
              verdict,
              Findings.of(manifest, resolution, resolver.ownerLabelKeys(), inventory)));
    }
    List<AuditProblem> problems = new ArrayList<>(readProblems);
    problems.addAll(inventory.problems());
    List<AuditProblem> notices = new ArrayList<>(readNotices);
    notices.addAll(inventory.notices());
    return new AuditReport(rows, problems, notices, failOn, inventory.teams());
  }
}
