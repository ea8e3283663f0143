package dev.ownership.operator.suggest;

import dev.ownership.operator.ownership.WorkloadRef;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/**
 * A ServiceOwnership to review: its selector selects exactly the suggested workloads among the
 * namespace's workloads, apart from workloads the same team already owns.
 *
 * @param name unique among the namespace's ServiceOwnerships and the other proposals
 * @param selectorText kubectl-style, e.g. {@code app.kubernetes.io/part-of=shop}
 * @param confidence the weakest of its workloads' suggestions
 * @param evidence the distinct evidence messages of its workloads' suggestions
 */
public record ProposedClaim(
    String namespace,
    String name,
    String team,
    LabelSelector selector,
    String selectorText,
    List<WorkloadRef> workloads,
    Confidence confidence,
    List<String> evidence) {
  public ProposedClaim {
    workloads = List.copyOf(workloads);
    evidence = List.copyOf(evidence);
  }
}
