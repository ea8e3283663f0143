package dev.ownership.operator.audit;

import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves every workload of an inventory with the same {@link OwnerResolver} the controller uses.
 */
public final class Auditor {
  private final OwnerResolver resolver;

  public Auditor(OwnerResolver resolver) {
    this.resolver = resolver;
  }

  public AuditReport audit(
      ManifestInventory inventory,
      List<AuditProblem> readProblems,
      List<AuditProblem> readNotices) {
    List<AuditedWorkload> rows = new ArrayList<>();
    for (ManifestInventory.WorkloadManifest manifest : inventory.workloads()) {
      Workload workload = manifest.workload();
      String namespace = workload.ref().namespace();
      rows.add(
          new AuditedWorkload(
              workload.ref(),
              resolver.resolve(workload, inventory.labels(namespace), inventory.claims(namespace)),
              manifest.origin()));
    }
    List<AuditProblem> problems = new ArrayList<>(readProblems);
    problems.addAll(inventory.problems());
    List<AuditProblem> notices = new ArrayList<>(readNotices);
    notices.addAll(inventory.notices());
    return new AuditReport(rows, problems, notices);
  }
}
