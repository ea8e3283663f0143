package dev.ownership.operator.controller;

import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.UnownedAdvice;
import dev.ownership.operator.ownership.WorkloadMarks;
import dev.ownership.operator.ownership.WorkloadRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Objects;

/**
 * The {@code Unowned} and {@code OwnershipConflict} Events: one each time the written {@code
 * ownership.dev/status} label changes to that status. They follow what the writer actually wrote,
 * so a resync, or a restart that finds every label right, repeats none of them.
 */
public final class TransitionEvents implements WorkloadMetadataWriter.Listener {
  private final ClusterCache cache;
  private final OwnershipLedger ledger;
  private final OwnerLabelKeys ownerLabelKeys;
  private final WorkloadEventRecorder events;

  public TransitionEvents(
      ClusterCache cache,
      OwnershipLedger ledger,
      OwnerLabelKeys ownerLabelKeys,
      WorkloadEventRecorder events) {
    this.cache = cache;
    this.ledger = ledger;
    this.ownerLabelKeys = ownerLabelKeys;
    this.events = events;
  }

  @Override
  public void written(WorkloadRef ref, WorkloadMarks before, WorkloadMarks after) {
    if (Objects.equals(before.status(), after.status())) return;
    GenericKubernetesResource cached = cache.workload(ref);
    String uid = cached == null ? null : cached.getMetadata().getUid();
    if (OwnershipStatus.UNOWNED.value().equals(after.status())) {
      events.warn(
          ref,
          uid,
          WorkloadEventRecorder.REASON_UNOWNED,
          UnownedAdvice.message(ref, ownerLabelKeys, cache.claims(ref.namespace())),
          null);
    } else if (OwnershipStatus.CONFLICT.value().equals(after.status())) {
      Resolution resolution = ledger.get(ref);
      String summary = resolution == null ? "" : resolution.conflictSummary();
      events.warn(
          ref,
          uid,
          WorkloadEventRecorder.REASON_CONFLICT,
          "Owned by team " + after.team() + " but sources disagree: " + summary,
          null);
    }
  }
}
