package dev.ownership.operator.metrics;

import dev.ownership.operator.controller.ResolutionListener;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ownership gauges kept up to date from the controller's resolution changes, so that a scrape only
 * reads numbers that are already there and never touches the API:
 *
 * <ul>
 *   <li>{@code ownership_workloads{namespace,kind,status}} — for every kind a namespace holds, one
 *       series per status (zero included);
 *   <li>{@code ownership_coverage_ratio{namespace}} — (owned + conflict) / all;
 *   <li>{@code ownership_cluster_coverage_ratio} — the same over every watched namespace;
 *   <li>{@code ownership_team_workloads{team}} — workloads resolved to each team.
 *   <li>{@code ownership_unregistered_team_workloads{namespace}} — workloads whose team is not
 *       registered ({@link Resolution#unregistered()}: the same workloads in warn and enforce).
 * </ul>
 *
 * A namespace (or kind within it, or team) without workloads has no series at all: they are removed
 * from the registry, not left at a stale value. The cluster ratio is absent while there are no
 * workloads.
 *
 * <p>Writes come from one controller thread at a time; scrapes run concurrently. Every gauge reads
 * an immutable {@link WorkloadTally} through a volatile field, so a ratio is never computed from
 * two different moments and reading costs no lock.
 *
 * <p>They keep no per-workload state: the {@code before} of each change comes from the {@code
 * OwnershipLedger}, the one record of every workload's resolution, which tells them exactly what
 * changed.
 */
public final class OwnershipGauges implements ResolutionListener {
  static final String WORKLOADS = "ownership.workloads";
  static final String COVERAGE = "ownership.coverage.ratio";
  static final String CLUSTER_COVERAGE = "ownership.cluster.coverage.ratio";
  static final String TEAM_WORKLOADS = "ownership.team.workloads";
  static final String UNREGISTERED = "ownership.unregistered.team.workloads";

  /** What one workload contributes: its status and, when owned, its team. */
  private record Counted(OwnershipStatus status, String team, boolean unregistered) {
    static Counted of(Resolution resolution) {
      Objects.requireNonNull(resolution, "resolution");
      return new Counted(
          resolution.status(),
          resolution.isOwned() ? resolution.team() : null,
          resolution.unregistered());
    }
  }

  /** The series of one namespace; gauges read {@code tally}, the writer replaces it. */
  private static final class NamespaceSeries {
    volatile WorkloadTally tally = WorkloadTally.EMPTY;
    volatile int unregistered;
    Gauge unregisteredGauge;
    Gauge coverage;
    final Map<WorkloadKind, List<Meter>> byKind = new EnumMap<>(WorkloadKind.class);
  }

  private static final class TeamSeries {
    volatile int workloads;
    Gauge gauge;
  }

  private final MeterRegistry registry;
  // Touched only by the writer, under this object's lock.
  private final Map<String, NamespaceSeries> namespaces = new HashMap<>();
  private final Map<String, TeamSeries> teams = new HashMap<>();
  private volatile WorkloadTally cluster = WorkloadTally.EMPTY;
  private Gauge clusterCoverage;

  public OwnershipGauges(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public synchronized void resolved(WorkloadRef workload, Resolution before, Resolution after) {
    Counted previous = before == null ? null : Counted.of(before);
    Counted next = Counted.of(after);
    if (!next.equals(previous)) move(workload, previous, next);
  }

  @Override
  public synchronized void removed(WorkloadRef workload, Resolution before) {
    move(workload, Counted.of(before), null);
  }

  /** One workload changes from {@code from} to {@code to}; either may be null (new, gone). */
  private void move(WorkloadRef workload, Counted from, Counted to) {
    WorkloadKind kind = workload.kind();
    NamespaceSeries series = namespaces.get(workload.namespace());
    WorkloadTally namespaceTally =
        shift(series == null ? WorkloadTally.EMPTY : series.tally, kind, from, to);
    publishNamespace(workload.namespace(), series, namespaceTally);
    int delta =
        (to != null && to.unregistered() ? 1 : 0) - (from != null && from.unregistered() ? 1 : 0);
    NamespaceSeries now = namespaces.get(workload.namespace());
    if (delta != 0 && now != null) now.unregistered = Math.max(0, now.unregistered + delta);
    publishCluster(shift(cluster, kind, from, to));

    String oldTeam = from == null ? null : from.team();
    String newTeam = to == null ? null : to.team();
    if (!Objects.equals(oldTeam, newTeam)) {
      if (oldTeam != null) adjustTeam(oldTeam, -1);
      if (newTeam != null) adjustTeam(newTeam, 1);
    }
  }

  private static WorkloadTally shift(
      WorkloadTally tally, WorkloadKind kind, Counted from, Counted to) {
    WorkloadTally next = from == null ? tally : tally.minus(kind, from.status());
    return to == null ? next : next.plus(kind, to.status());
  }

  private void publishNamespace(String namespace, NamespaceSeries existing, WorkloadTally tally) {
    if (tally.isEmpty()) {
      if (existing != null) {
        existing.byKind.values().forEach(this::removeAll);
        registry.remove(existing.coverage);
        registry.remove(existing.unregisteredGauge);
        namespaces.remove(namespace);
      }
      return;
    }
    NamespaceSeries series = existing;
    if (series == null) {
      series = new NamespaceSeries();
      series.tally = tally;
      series.coverage =
          Gauge.builder(COVERAGE, series, s -> s.tally.coverage())
              .description(
                  "Share of the namespace's workloads that have an owner (owned + conflict) / all")
              .tag("namespace", namespace)
              .strongReference(true)
              .register(registry);
      series.unregisteredGauge =
          Gauge.builder(UNREGISTERED, series, s -> s.unregistered)
              .description("Workloads whose team value names no registered Team nor alias")
              .tag("namespace", namespace)
              .strongReference(true)
              .register(registry);
      namespaces.put(namespace, series);
    }
    // New tally first, then new kinds' gauges: a gauge never reads a tally older than itself.
    series.tally = tally;
    for (WorkloadKind kind : WorkloadKind.values()) {
      boolean present = tally.has(kind);
      if (present && !series.byKind.containsKey(kind)) {
        series.byKind.put(kind, registerKind(namespace, kind, series));
      } else if (!present && series.byKind.containsKey(kind)) {
        removeAll(series.byKind.remove(kind));
      }
    }
  }

  private List<Meter> registerKind(String namespace, WorkloadKind kind, NamespaceSeries series) {
    List<Meter> meters = new ArrayList<>();
    for (OwnershipStatus status : OwnershipStatus.values()) {
      meters.add(
          Gauge.builder(WORKLOADS, series, s -> s.tally.count(kind, status))
              .description("Workloads by namespace, kind and ownership status")
              .tags("namespace", namespace, "kind", kind.kind(), "status", status.value())
              .strongReference(true)
              .register(registry));
    }
    return meters;
  }

  private void publishCluster(WorkloadTally tally) {
    cluster = tally;
    if (tally.isEmpty() && clusterCoverage != null) {
      registry.remove(clusterCoverage);
      clusterCoverage = null;
    } else if (!tally.isEmpty() && clusterCoverage == null) {
      clusterCoverage =
          Gauge.builder(CLUSTER_COVERAGE, this, g -> g.cluster.coverage())
              .description(
                  "Share of all watched workloads that have an owner (owned + conflict) / all")
              .strongReference(true)
              .register(registry);
    }
  }

  private void adjustTeam(String team, int delta) {
    TeamSeries series = teams.get(team);
    int next = (series == null ? 0 : series.workloads) + delta;
    if (next <= 0) {
      if (series != null) {
        registry.remove(series.gauge);
        teams.remove(team);
      }
      return;
    }
    if (series == null) {
      series = new TeamSeries();
      series.workloads = next;
      series.gauge =
          Gauge.builder(TEAM_WORKLOADS, series, s -> s.workloads)
              .description("Workloads resolved to each team (owned or in conflict)")
              .tag("team", team)
              .strongReference(true)
              .register(registry);
      teams.put(team, series);
    }
    series.workloads = next;
  }

  private void removeAll(List<Meter> meters) {
    meters.forEach(registry::remove);
  }
}
