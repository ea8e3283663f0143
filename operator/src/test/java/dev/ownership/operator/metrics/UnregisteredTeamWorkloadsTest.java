package dev.ownership.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ownership.operator.api.Team;
import dev.ownership.operator.controller.OwnershipLedger;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.testing.Manifests;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code ownership_unregistered_team_workloads{namespace}} from real resolutions: the resolver with
 * a registry, the ledger that records them, and the gauges the ledger tells — as the controller
 * wires them.
 *
 * <p>Cluster: {@code shop} — checkout (team=pay, an alias of payments), cart (team=paymnts, a
 * typo), legacy (no team); {@code data} (namespace label ownership.dev/team=dba, no such Team) —
 * postgres and redis.
 */
class UnregisteredTeamWorkloadsTest {
  static final String NAME = "ownership_unregistered_team_workloads";
  static final OwnerResolver RESOLVER = new OwnerResolver(OwnerLabelKeys.DEFAULT);

  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final OwnershipLedger ledger = new OwnershipLedger();
  final Map<WorkloadRef, Map<String, String>> workloads = new LinkedHashMap<>();
  final Map<String, Map<String, String>> namespaceLabels =
      Map.of("shop", Map.of(), "data", Map.of("ownership.dev/team", "dba"));

  UnregisteredTeamWorkloadsTest() {
    ledger.addListener(new OwnershipGauges(registry));
    workload("shop", "checkout", Map.of("team", "pay"));
    workload("shop", "cart", Map.of("team", "paymnts"));
    workload("shop", "legacy", Map.of());
    workload("data", "postgres", Map.of());
    workload("data", "redis", Map.of());
  }

  void workload(String namespace, String name, Map<String, String> labels) {
    workloads.put(new WorkloadRef(WorkloadKind.DEPLOYMENT, namespace, name), labels);
  }

  static TeamRegistry teams(TeamRegistryMode mode, String... names) {
    List<Team> teams = new ArrayList<>();
    for (String name : names) {
      teams.add(name.equals("payments") ? Manifests.team(name, "pay") : Manifests.team(name));
    }
    return TeamRegistry.of(teams, mode);
  }

  /** What the controller does after a change: resolve every workload again and record it. */
  void resolveAll(TeamRegistry teams) {
    workloads.forEach(
        (ref, labels) ->
            ledger.record(
                ref,
                RESOLVER.resolve(
                    new Workload(ref, labels, List.of()),
                    namespaceLabels.get(ref.namespace()),
                    NamespaceClaims.NONE,
                    teams)));
  }

  Map<String, Double> unregistered() {
    Map<String, Double> byNamespace = new LinkedHashMap<>();
    PrometheusSamples.parse(registry.scrape()).named(NAME).stream()
        .forEach(s -> byNamespace.put(s.labels().get("namespace"), s.value()));
    return byNamespace;
  }

  @ParameterizedTest
  @EnumSource(
      value = TeamRegistryMode.class,
      names = {"WARN", "ENFORCE"})
  void countsPerNamespaceTheWorkloadsWhoseTeamIsNoTeamAndNotAnAlias(TeamRegistryMode mode) {
    resolveAll(teams(mode, "payments"));

    // checkout names an alias (registered); legacy has no team at all: neither counts.
    assertThat(unregistered()).containsOnly(entry("shop", 1.0), entry("data", 2.0));
    assertThat(registry.scrape()).doesNotContain("cart").doesNotContain("postgres");
  }

  @Test
  void enforceCountsTheWorkloadsThatFellThroughPastTheirUnknownTeam() {
    resolveAll(teams(TeamRegistryMode.ENFORCE, "payments"));

    PrometheusSamples samples = PrometheusSamples.parse(registry.scrape());
    // The same two namespaces count, although cart and the data workloads now have no owner.
    assertThat(samples.value(NAME, "namespace", "shop")).contains(1.0);
    assertThat(samples.value(NAME, "namespace", "data")).contains(2.0);
    assertThat(samples.value("ownership_coverage_ratio", "namespace", "data")).contains(0.0);
    assertThat(samples.value("ownership_coverage_ratio", "namespace", "shop")).contains(1.0 / 3);
  }

  @Test
  void registeringTheTeamsLaterBringsTheCountsToZero() {
    resolveAll(teams(TeamRegistryMode.WARN, "payments"));
    assertThat(unregistered()).containsOnly(entry("shop", 1.0), entry("data", 2.0));

    resolveAll(teams(TeamRegistryMode.WARN, "payments", "dba"));
    assertThat(unregistered()).containsOnly(entry("shop", 1.0), entry("data", 0.0));

    // Or the registry goes out of use (off): nothing is unregistered then.
    resolveAll(teams(TeamRegistryMode.OFF, "payments", "dba"));
    assertThat(unregistered()).containsOnly(entry("shop", 0.0), entry("data", 0.0));
  }

  @Test
  void aWorkloadThatGoesAwayIsNoLongerCountedAndANamespaceWithoutWorkloadsHasNoSeries() {
    resolveAll(teams(TeamRegistryMode.ENFORCE, "payments"));
    WorkloadRef cart = new WorkloadRef(WorkloadKind.DEPLOYMENT, "shop", "cart");
    ledger.forget(cart);
    workloads.remove(cart);
    assertThat(unregistered()).containsOnly(entry("shop", 0.0), entry("data", 2.0));

    for (String name : List.of("postgres", "redis")) {
      ledger.forget(new WorkloadRef(WorkloadKind.DEPLOYMENT, "data", name));
    }
    assertThat(unregistered()).containsOnly(entry("shop", 0.0));
  }

  @Test
  void withoutTheRegistryInUseEveryNamespaceWithWorkloadsShowsZero() {
    resolveAll(TeamRegistry.NONE);
    assertThat(unregistered()).containsOnly(entry("shop", 0.0), entry("data", 0.0));
    resolveAll(teams(TeamRegistryMode.ENFORCE));
    assertThat(unregistered())
        .as("no Team yet: not in use")
        .containsOnly(entry("shop", 0.0), entry("data", 0.0));
  }
}
