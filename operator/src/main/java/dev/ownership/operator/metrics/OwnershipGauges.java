package dev.ownership.operator.metrics;

import dev.ownership.operator.controller.ResolutionListener;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.WorkloadRef;
import io.micrometer.core.instrument.MeterRegistry;

// SKELETON: the metrics issue fills this in (ownership_workloads, coverage ratios, team workloads).
public final class OwnershipGauges implements ResolutionListener {
  public OwnershipGauges(MeterRegistry registry) {}

  @Override
  public void resolved(WorkloadRef workload, Resolution before, Resolution after) {}

  @Override
  public void removed(WorkloadRef workload, Resolution before) {}
}
