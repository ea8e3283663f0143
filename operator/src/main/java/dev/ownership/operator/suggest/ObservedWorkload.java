package dev.ownership.operator.suggest;

import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadRef;
import java.util.Objects;

/** A workload as the suggestion engine sees it: resolution input, signals and resolution. */
public record ObservedWorkload(Workload workload, WorkloadSignals signals, Resolution resolution) {
  public ObservedWorkload {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(resolution, "resolution");
    signals = signals == null ? WorkloadSignals.NONE : signals;
  }

  public WorkloadRef ref() {
    return workload.ref();
  }
}
