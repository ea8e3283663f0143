package dev.ownership.operator.suggest;

import dev.ownership.operator.ownership.WorkloadRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How to make suggestions real: ServiceOwnerships where a selector can, else owner labels. */
public final class ClaimPlan {
  public static final ClaimPlan EMPTY = new ClaimPlan(List.of(), List.of());

  private final List<ProposedClaim> claims;
  private final List<ProposedLabel> labels;
  private final Map<WorkloadRef, ProposedClaim> claimByWorkload = new HashMap<>();
  private final Map<WorkloadRef, ProposedLabel> labelByWorkload = new HashMap<>();

  public ClaimPlan(List<ProposedClaim> claims, List<ProposedLabel> labels) {
    this.claims = List.copyOf(claims);
    this.labels = List.copyOf(labels);
    for (ProposedClaim claim : this.claims) {
      claim.workloads().forEach(ref -> claimByWorkload.putIfAbsent(ref, claim));
    }
    for (ProposedLabel label : this.labels) labelByWorkload.putIfAbsent(label.workload(), label);
  }

  public List<ProposedClaim> claims() {
    return claims;
  }

  public List<ProposedLabel> labels() {
    return labels;
  }

  public Optional<ProposedClaim> claimFor(WorkloadRef ref) {
    return Optional.ofNullable(claimByWorkload.get(ref));
  }

  public Optional<ProposedLabel> labelFor(WorkloadRef ref) {
    return Optional.ofNullable(labelByWorkload.get(ref));
  }
}
