package dev.ownership.operator.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code ownership_leader}: 1 on the replica that holds the leader Lease, 0 on the others (and on a
 * replica that lost it). {@code max(ownership_leader) < 1} means no replica is writing.
 */
public final class LeaderGauge {
  static final String NAME = "ownership.leader";

  private volatile boolean leader;

  public LeaderGauge(MeterRegistry registry) {
    Gauge.builder(NAME, this, g -> g.leader ? 1 : 0)
        .description("1 when this replica holds the leader Lease, else 0")
        .strongReference(true)
        .register(registry);
  }

  public void set(boolean leader) {
    this.leader = leader;
  }
}
