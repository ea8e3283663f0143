package dev.ownership.operator.metrics;

import dev.ownership.operator.controller.ClusterCache;
import dev.ownership.operator.controller.TeamReconciler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code ownership_team_review_due{team}}: 1 when a Team's review is due (reviewedAt missing or
 * older than --team-review-period), 0 when not; no series for a Team that is gone.
 */
public final class TeamReviewGauges
    implements TeamReconciler.ReviewListener, ClusterCache.Listener {
  static final String NAME = "ownership.team.review.due";

  private static final class Series {
    volatile int due;
    Gauge gauge;
  }

  private final MeterRegistry registry;
  private final ClusterCache cache;
  private final Map<String, Series> byTeam = new HashMap<>();

  public TeamReviewGauges(MeterRegistry registry, ClusterCache cache) {
    this.registry = Objects.requireNonNull(registry);
    this.cache = cache;
  }

  @Override
  public synchronized void reviewDue(String team, boolean due) {
    if (cache.team(team) == null) return;
    Series series = byTeam.get(team);
    if (series == null) {
      series = new Series();
      series.gauge =
          Gauge.builder(NAME, series, s -> s.due)
              .description("1 when the team's review is due, else 0")
              .tag("team", team)
              .strongReference(true)
              .register(registry);
      byTeam.put(team, series);
    }
    series.due = due ? 1 : 0;
  }

  @Override
  public synchronized void teamsChanged(Set<String> values, boolean inUseChanged) {
    byTeam
        .entrySet()
        .removeIf(
            e -> {
              if (cache.team(e.getKey()) != null) return false;
              registry.remove(e.getValue().gauge);
              return true;
            });
  }
}
