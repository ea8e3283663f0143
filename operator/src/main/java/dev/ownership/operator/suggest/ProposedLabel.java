package dev.ownership.operator.suggest;

import dev.ownership.operator.ownership.WorkloadRef;

/** An owner label to add to a workload that no selector can claim without grabbing others. */
public record ProposedLabel(WorkloadRef workload, String team, Confidence confidence) {}
