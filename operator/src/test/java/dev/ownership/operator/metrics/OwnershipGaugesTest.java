package dev.ownership.operator.metrics;

import static dev.ownership.operator.ownership.WorkloadKind.CRONJOB;
import static dev.ownership.operator.ownership.WorkloadKind.DEPLOYMENT;
import static dev.ownership.operator.ownership.WorkloadKind.STATEFULSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.ownership.operator.controller.OwnershipLedger;
import dev.ownership.operator.ownership.OwnerSource;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OwnershipGaugesTest {
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final OwnershipGauges gauges = new OwnershipGauges(registry);

  static Resolution owned(String team) {
    return new Resolution(
        OwnershipStatus.OWNED,
        team,
        null,
        OwnerSource.label("team"),
        List.of(),
        List.of(),
        List.of());
  }

  static Resolution conflict(String team) {
    return new Resolution(
        OwnershipStatus.CONFLICT,
        team,
        null,
        OwnerSource.label("team"),
        List.of(),
        List.of(),
        List.of());
  }

  static Resolution unowned() {
    return new Resolution(
        OwnershipStatus.UNOWNED, null, null, null, List.of(), List.of(), List.of());
  }

  static WorkloadRef ref(WorkloadKind kind, String namespace, String name) {
    return new WorkloadRef(kind, namespace, name);
  }

  PrometheusSamples scrape() {
    return PrometheusSamples.parse(registry.scrape());
  }

  /**
   * shop: 3 Deployments (1 owned, 2 unowned) and a CronJob in conflict; data: one owned
   * StatefulSet.
   */
  void resolveShopAndData() {
    gauges.resolved(ref(DEPLOYMENT, "shop", "checkout"), null, owned("payments"));
    gauges.resolved(ref(DEPLOYMENT, "shop", "cart"), null, unowned());
    gauges.resolved(ref(DEPLOYMENT, "shop", "legacy"), null, unowned());
    gauges.resolved(ref(CRONJOB, "shop", "nightly"), null, conflict("payments"));
    gauges.resolved(ref(STATEFULSET, "data", "postgres"), null, owned("dba"));
  }

  @Test
  void countsWorkloadsByNamespaceKindAndStatusWithZeroesForEveryStatusOfAPresentKind() {
    resolveShopAndData();

    assertThat(scrape().series("ownership_workloads"))
        .containsOnly(
            entry("kind=Deployment,namespace=shop,status=owned", 1.0),
            entry("kind=Deployment,namespace=shop,status=unowned", 2.0),
            entry("kind=Deployment,namespace=shop,status=conflict", 0.0),
            entry("kind=CronJob,namespace=shop,status=owned", 0.0),
            entry("kind=CronJob,namespace=shop,status=unowned", 0.0),
            entry("kind=CronJob,namespace=shop,status=conflict", 1.0),
            entry("kind=StatefulSet,namespace=data,status=owned", 1.0),
            entry("kind=StatefulSet,namespace=data,status=unowned", 0.0),
            entry("kind=StatefulSet,namespace=data,status=conflict", 0.0));
  }

  @Test
  void coverageCountsConflictsAsOwnedPerNamespaceAndForTheCluster() {
    resolveShopAndData();

    PrometheusSamples samples = scrape();
    assertThat(samples.series("ownership_coverage_ratio"))
        .containsOnly(entry("namespace=shop", 0.5), entry("namespace=data", 1.0));
    assertThat(samples.value("ownership_cluster_coverage_ratio")).contains(3.0 / 5);
    assertThat(samples.series("ownership_team_workloads"))
        .containsOnly(entry("team=payments", 2.0), entry("team=dba", 1.0));
  }

  @Test
  void aChangeMovesTheWorkloadBetweenStatusesAndTeams() {
    WorkloadRef cart = ref(DEPLOYMENT, "shop", "cart");
    gauges.resolved(ref(DEPLOYMENT, "shop", "checkout"), null, owned("payments"));
    gauges.resolved(cart, null, unowned());
    gauges.resolved(cart, unowned(), owned("growth"));

    PrometheusSamples samples = scrape();
    assertThat(
            samples.value(
                "ownership_workloads",
                "namespace",
                "shop",
                "kind",
                "Deployment",
                "status",
                "owned"))
        .contains(2.0);
    assertThat(
            samples.value(
                "ownership_workloads",
                "namespace",
                "shop",
                "kind",
                "Deployment",
                "status",
                "unowned"))
        .contains(0.0);
    assertThat(samples.value("ownership_coverage_ratio", "namespace", "shop")).contains(1.0);
    assertThat(samples.series("ownership_team_workloads"))
        .containsOnly(entry("team=payments", 1.0), entry("team=growth", 1.0));

    gauges.resolved(cart, owned("growth"), owned("payments"));
    assertThat(scrape().series("ownership_team_workloads"))
        .containsOnly(entry("team=payments", 2.0));
  }

  @Test
  void aNamespaceWhoseLastWorkloadGoesHasNoSeriesLeft() {
    WorkloadRef checkout = ref(DEPLOYMENT, "shop", "checkout");
    WorkloadRef nightly = ref(CRONJOB, "shop", "nightly");
    gauges.resolved(checkout, null, owned("payments"));
    gauges.resolved(nightly, null, unowned());
    gauges.resolved(ref(STATEFULSET, "data", "postgres"), null, owned("dba"));

    gauges.removed(nightly, unowned());
    PrometheusSamples afterKindGone = scrape();
    assertThat(afterKindGone.named("ownership_workloads", "namespace", "shop", "kind", "CronJob"))
        .isEmpty();
    assertThat(
            afterKindGone.named("ownership_workloads", "namespace", "shop", "kind", "Deployment"))
        .hasSize(3);
    assertThat(afterKindGone.value("ownership_coverage_ratio", "namespace", "shop")).contains(1.0);

    gauges.removed(checkout, owned("payments"));
    PrometheusSamples afterNamespaceEmpty = scrape();
    assertThat(afterNamespaceEmpty.named("ownership_workloads", "namespace", "shop")).isEmpty();
    assertThat(afterNamespaceEmpty.named("ownership_coverage_ratio", "namespace", "shop"))
        .isEmpty();
    assertThat(afterNamespaceEmpty.series("ownership_team_workloads"))
        .containsOnly(entry("team=dba", 1.0));
    assertThat(afterNamespaceEmpty.value("ownership_coverage_ratio", "namespace", "data"))
        .contains(1.0);
    assertThat(registry.getMeters()).noneMatch(m -> "shop".equals(m.getId().getTag("namespace")));
  }

  @Test
  void theNamespaceComesBackWhenAWorkloadReturns() {
    WorkloadRef checkout = ref(DEPLOYMENT, "shop", "checkout");
    gauges.resolved(checkout, null, owned("payments"));
    gauges.removed(checkout, owned("payments"));
    gauges.resolved(checkout, null, unowned());

    PrometheusSamples samples = scrape();
    assertThat(samples.value("ownership_coverage_ratio", "namespace", "shop")).contains(0.0);
    assertThat(
            samples.value(
                "ownership_workloads",
                "namespace",
                "shop",
                "kind",
                "Deployment",
                "status",
                "unowned"))
        .contains(1.0);
    assertThat(samples.value("ownership_cluster_coverage_ratio")).contains(0.0);
  }

  @Test
  void withoutWorkloadsThereIsNoCoverageAtAll() {
    assertThat(scrape().named("ownership_cluster_coverage_ratio")).isEmpty();

    WorkloadRef checkout = ref(DEPLOYMENT, "shop", "checkout");
    gauges.resolved(checkout, null, owned("payments"));
    gauges.removed(checkout, owned("payments"));

    PrometheusSamples samples = scrape();
    assertThat(samples.named("ownership_cluster_coverage_ratio")).isEmpty();
    assertThat(samples.named("ownership_coverage_ratio")).isEmpty();
    assertThat(samples.named("ownership_workloads")).isEmpty();
    assertThat(samples.named("ownership_team_workloads")).isEmpty();
  }

  /**
   * The gauges keep no per-workload state: the ledger (the one record of resolutions) hands them
   * exact befores, so repeated or stale reports cannot make the counts drift.
   */
  @Test
  void repeatedOrStaleCallsDoNotMakeCountsDrift() {
    OwnershipLedger ledger = new OwnershipLedger();
    ledger.addListener(gauges);
    WorkloadRef checkout = ref(DEPLOYMENT, "shop", "checkout");
    ledger.record(checkout, unowned());
    ledger.record(checkout, owned("payments"));
    ledger.record(checkout, owned("payments")); // seen again after an informer relist
    ledger.forget(ref(DEPLOYMENT, "shop", "never-seen"));

    PrometheusSamples samples = scrape();
    assertThat(
            samples.value(
                "ownership_workloads",
                "namespace",
                "shop",
                "kind",
                "Deployment",
                "status",
                "owned"))
        .contains(1.0);
    assertThat(
            samples.value(
                "ownership_workloads",
                "namespace",
                "shop",
                "kind",
                "Deployment",
                "status",
                "unowned"))
        .contains(0.0);
    assertThat(samples.series("ownership_team_workloads"))
        .containsOnly(entry("team=payments", 1.0));

    ledger.forget(checkout);
    ledger.forget(checkout);
    assertThat(scrape().named("ownership_team_workloads")).isEmpty();
  }

  @Test
  void noLabelCarriesAWorkloadName() {
    gauges.resolved(ref(DEPLOYMENT, "shop", "zz-checkout-workload"), null, owned("payments"));
    gauges.resolved(ref(CRONJOB, "shop", "zz-nightly-workload"), null, unowned());

    String exposition = registry.scrape();
    assertThat(exposition)
        .doesNotContain("zz-checkout-workload")
        .doesNotContain("zz-nightly-workload");
    assertThat(PrometheusSamples.parse(exposition).all())
        .filteredOn(s -> s.name().startsWith("ownership_"))
        .allSatisfy(
            s -> assertThat(s.labels().keySet()).isSubsetOf("namespace", "kind", "status", "team"));
  }

  /**
   * The writer keeps flipping one of ten workloads between owned and unowned while scrapes run:
   * every scrape must see the namespace's series (never removed and re-added on a change) with a
   * ratio that belongs to one state, 9/10 or 10/10.
   */
  @Test
  void concurrentScrapesAlwaysSeeWholeStates() throws Exception {
    for (int i = 0; i < 9; i++)
      gauges.resolved(ref(DEPLOYMENT, "shop", "stable-" + i), null, owned("payments"));
    WorkloadRef flipping = ref(DEPLOYMENT, "shop", "flipping");
    gauges.resolved(flipping, null, owned("payments"));

    AtomicBoolean done = new AtomicBoolean();
    CompletableFuture<Integer> writer =
        CompletableFuture.supplyAsync(
            () -> {
              int changes = 0;
              Resolution current = owned("payments");
              while (!done.get()) {
                Resolution next = current.isOwned() ? unowned() : owned("payments");
                gauges.resolved(flipping, current, next);
                current = next;
                changes++;
              }
              return changes;
            });
    List<Double> ratios = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        PrometheusSamples samples = scrape();
        ratios.add(
            samples
                .value("ownership_coverage_ratio", "namespace", "shop")
                .orElseThrow(() -> new AssertionError("coverage series missing during a change")));
        assertThat(samples.named("ownership_workloads", "namespace", "shop")).hasSize(3);
        assertThat(samples.value("ownership_team_workloads", "team", "payments")).isPresent();
      }
    } finally {
      done.set(true);
    }
    assertThat(writer.get()).isPositive();
    assertThat(ratios).allSatisfy(r -> assertThat(r).isIn(0.9, 1.0));
  }
}
