package dev.ownership.operator.metrics;

import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.WorkloadKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Workload counts by kind and status, immutable. A change returns a new tally, so a scrape that
 * holds one reads counts, totals and ratios that all describe the same moment.
 */
final class WorkloadTally {
  private static final int STATUSES = OwnershipStatus.values().length;
  static final WorkloadTally EMPTY =
      new WorkloadTally(new int[WorkloadKind.values().length * STATUSES]);

  private final int[] counts;
  private final int total;
  private final int withOwner;

  private WorkloadTally(int[] counts) {
    this.counts = counts;
    int all = 0;
    int owned = 0;
    for (int i = 0; i < counts.length; i++) {
      all += counts[i];
      if (OwnershipStatus.values()[i % STATUSES].hasOwner()) owned += counts[i];
    }
    this.total = all;
    this.withOwner = owned;
  }

  WorkloadTally plus(WorkloadKind kind, OwnershipStatus status) {
    return shifted(kind, status, 1);
  }

  /** Never goes below zero: a count that is already zero stays zero. */
  WorkloadTally minus(WorkloadKind kind, OwnershipStatus status) {
    return count(kind, status) == 0 ? this : shifted(kind, status, -1);
  }

  int count(WorkloadKind kind, OwnershipStatus status) {
    return counts[index(kind, status)];
  }

  int total() {
    return total;
  }

  boolean isEmpty() {
    return total == 0;
  }

  /** Owned plus conflict, over all; NaN when there is nothing to cover. */
  double coverage() {
    return total == 0 ? Double.NaN : (double) withOwner / total;
  }

  boolean has(WorkloadKind kind) {
    for (OwnershipStatus status : OwnershipStatus.values()) {
      if (count(kind, status) > 0) return true;
    }
    return false;
  }

  Set<WorkloadKind> kinds() {
    Set<WorkloadKind> present = EnumSet.noneOf(WorkloadKind.class);
    for (WorkloadKind kind : WorkloadKind.values()) {
      if (has(kind)) present.add(kind);
    }
    return present;
  }

  private WorkloadTally shifted(WorkloadKind kind, OwnershipStatus status, int delta) {
    int[] next = Arrays.copyOf(counts, counts.length);
    next[index(kind, status)] += delta;
    return new WorkloadTally(next);
  }

  private static int index(WorkloadKind kind, OwnershipStatus status) {
    return kind.ordinal() * STATUSES + status.ordinal();
  }
}
