package dev.ownership.operator.controller;

import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.WorkloadRef;

/** Told of every change in a workload's resolved ownership, in order, one workload at a time. */
public interface ResolutionListener {
  /**
   * {@code before} is null the first time the workload is seen. Not called when nothing changed.
   */
  void resolved(WorkloadRef workload, Resolution before, Resolution after);

  /** The workload is gone (deleted, or no longer a separate workload). */
  void removed(WorkloadRef workload, Resolution before);
}
