package dev.ownership.operator.catalog;

import dev.ownership.operator.ownership.OwnershipStatus;

/** Workloads counted by status; coverage is (owned + conflict) / all, as the metrics define it. */
public record Tally(int owned, int unowned, int conflict) {
  public static final Tally ZERO = new Tally(0, 0, 0);

  public Tally plus(OwnershipStatus status) {
    return switch (status) {
      case OWNED -> new Tally(owned + 1, unowned, conflict);
      case UNOWNED -> new Tally(owned, unowned + 1, conflict);
      case CONFLICT -> new Tally(owned, unowned, conflict + 1);
    };
  }

  public int total() {
    return owned + unowned + conflict;
  }

  /** Null when there is nothing to cover. */
  public Double coverage() {
    return total() == 0 ? null : (owned + conflict) / (double) total();
  }

  /** e.g. 75.0% — or "-" with no workloads. */
  public String coverageText() {
    Double c = coverage();
    return c == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f%%", c * 100);
  }
}
