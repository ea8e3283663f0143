package dev.ownership.bench.process;

import java.util.Arrays;

/** Exact percentiles of recorded latencies (sorted copy; no histogram approximation). */
public final class Percentiles {
  private final long[] sorted;

  public Percentiles(long[] values, int count) {
    sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
  }

  public int count() {
    return sorted.length;
  }

  /** The nearest-rank percentile, e.g. 99.0; 0 when nothing was recorded. */
  public long at(double percentile) {
    if (sorted.length == 0) return 0;
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  public long max() {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
  }
}
