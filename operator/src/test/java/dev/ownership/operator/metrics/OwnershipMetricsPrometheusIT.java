package dev.ownership.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.demo.InProcessApiServer;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.OwnerSource;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.testing.NeedsTool;
import dev.ownership.operator.testing.OperatorProcess;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * End to end through a real Prometheus: the packaged operator ({@code java -jar ... run}) watches a
 * CRUD mock API server seeded with known workloads; a real {@code prometheus} scrapes it every
 * second and evaluates deploy/prometheus's rules; the assertions go through Prometheus's HTTP API.
 *
 * <p>Seed: namespace {@code shop} — Deployment checkout (label team=payments), Deployments cart and
 * legacy and CronJob nightly-report (unowned); namespace {@code data} (label
 * ownership.dev/team=dba) — StatefulSet postgres; namespace {@code tools} — Deployment debug
 * (unowned). Teams: dba (never reviewed, so due) and storefront (reviewed recently); payments is
 * not registered, so checkout's team is not. The tests run in order: each later one changes the
 * cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@NeedsTool({"prometheus"})
class OwnershipMetricsPrometheusIT {
  static final Path REPO =
      Path.of(System.getProperty("ownership.repoRoot", "..")).toAbsolutePath().normalize();
  static final Path RULES = REPO.resolve("deploy/prometheus/rules/ownership-rules.yml");
  static final Path DASHBOARD = REPO.resolve("deploy/grafana/ownership-dashboard.json");
  static final String JOB = "ownership-operator-metrics";
  static final Duration PATIENCE = Duration.ofSeconds(90);
  static final String UNOWNED_BY_NAMESPACE_AND_KIND = "ownership_workloads{status=\"unowned\"}";
  static final String UNREGISTERED = "ownership_unregistered_team_workloads";
  static final String REVIEW_DUE = "ownership_team_review_due";

  // Held so that the level sticks: the in-process mock server logs every request at INFO.
  static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  Path work;
  InProcessApiServer api;
  KubernetesClient client;
  OperatorProcess operator;
  int metricsPort;
  PrometheusProcess prometheus;

  @BeforeAll
  void startClusterOperatorAndPrometheus() throws Exception {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    work = Files.createTempDirectory("ownership-metrics-it");
    api = InProcessApiServer.start();
    client = api.newClient();
    seed();

    metricsPort = OperatorProcess.freePort();
    operator =
        OperatorProcess.start(
            api.writeKubeconfig(work.resolve("kubeconfig")),
            Map.of(),
            "run",
            "--metrics-port",
            String.valueOf(metricsPort),
            "--webhook-port",
            String.valueOf(OperatorProcess.freePort()),
            // 8081 (the default) may be taken on a shared machine; the catalog is not tested here
            "--catalog-port",
            "0",
            "--leader-election=false",
            "--operator-namespace",
            "ownership-system");
    await("operator /readyz")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(this::operatorReady);

    prometheus =
        PrometheusProcess.start(
            work, OperatorProcess.freePort(), JOB, "127.0.0.1:" + metricsPort, List.of(RULES));
    await("prometheus /-/ready")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(prometheus::isReady);
  }

  @AfterAll
  void stopEverything() throws Exception {
    List<Exception> problems = new ArrayList<>();
    run(
        problems,
        () -> {
          if (prometheus != null) prometheus.close();
        });
    run(
        problems,
        () -> {
          if (operator != null) operator.close();
        });
    run(
        problems,
        () -> {
          if (client != null) client.close();
        });
    run(
        problems,
        () -> {
          if (api != null) api.close();
        });
    run(
        problems,
        () -> {
          if (work != null) deleteRecursively(work);
        });
    if (!problems.isEmpty()) throw problems.get(0);
  }

  @Test
  @Order(1)
  void prometheusScrapesTheExactCoverageOfTheSeededWorkloads() {
    awaitValues(
        Map.of("data", 1.0, "shop", 0.25, "tools", 0.0),
        Map.of(
            "data/StatefulSet",
            0.0,
            "shop/CronJob",
            1.0,
            "shop/Deployment",
            2.0,
            "tools/Deployment",
            1.0),
        2.0 / 6,
        Map.of("dba", 1.0, "payments", 1.0),
        Map.of("data", 0.0, "shop", 1.0, "tools", 0.0));
    await("review due")
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(prometheus.vector(REVIEW_DUE, "team"))
                    .as(REVIEW_DUE)
                    .isEqualTo(Map.of("dba", 1.0, "storefront", 0.0)));
  }

  @Test
  @Order(6)
  void theRunningOperatorExportsLeadershipAdmissionModesAndReconciliations() {
    await("leader and enforcement series")
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(prometheus.vector("ownership_leader"))
                  .as("ownership_leader")
                  .isEqualTo(Map.of("", 1.0));
              assertThat(prometheus.vector("ownership_namespace_enforcement", "namespace", "mode"))
                  .as("ownership_namespace_enforcement")
                  .isEqualTo(Map.of("data/warn", 1.0, "shop/warn", 1.0, "tools/enforce", 1.0));
              // the ServiceOwnership created by an earlier test has been reconciled by now
              assertThat(
                      prometheus.vector("count({__name__=~\"operator_sdk_reconciliations_.*\"})"))
                  .as("JOSDK reconciliation metrics")
                  .isNotEmpty();
            });
  }

  @Test
  @Order(2)
  void everyDashboardAndRuleExpressionEvaluatesAndNamesRealMetrics() throws Exception {
    Set<String> known = new LinkedHashSet<>();
    prometheus.api("/api/v1/label/__name__/values", Map.of()).forEach(n -> known.add(n.asText()));
    known.addAll(namesOurCodeExports());
    known.addAll(PromqlExpressions.recordedNames(RULES));

    List<PromqlExpressions.Expression> expressions =
        new ArrayList<>(PromqlExpressions.dashboard(DASHBOARD));
    int dashboardExpressions = expressions.size();
    expressions.addAll(PromqlExpressions.rules(RULES));
    assertThat(dashboardExpressions).as("dashboard expressions").isGreaterThanOrEqualTo(15);

    Set<String> gaugesPresent =
        Set.of(
            "ownership_workloads",
            "ownership_coverage_ratio",
            "ownership_cluster_coverage_ratio",
            "ownership_team_workloads",
            UNREGISTERED,
            REVIEW_DUE);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < expressions.size(); i++) {
      PromqlExpressions.Expression e = expressions.get(i);
      String promql = PromqlExpressions.resolveVariables(e.promql());
      try {
        JsonNode result = prometheus.query(promql).path("result");
        Set<String> names = PromqlExpressions.metricNames(promql);
        names.stream()
            .filter(n -> !known.contains(n) && !n.startsWith("operator_sdk_"))
            .forEach(n -> failures.add(e + " -> unknown metric " + n));
        // A misspelt name is no query error, just an empty answer: the ownership gauges are all
        // there now.
        if (i < dashboardExpressions
            && !names.isEmpty()
            && gaugesPresent.containsAll(names)
            && result.isEmpty()) {
          failures.add(e + " -> no data although every metric it uses is scraped");
        }
      } catch (AssertionError error) {
        failures.add(e + " -> " + error.getMessage());
      }
    }
    assertThat(failures).as("expressions that fail against Prometheus").isEmpty();
  }

  @Test
  @Order(3)
  void everyRuleLoadsAndEvaluatesWithoutError() {
    await("every rule evaluated")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              Map<String, String> health = prometheus.ruleHealth();
              assertThat(health).hasSize(PromqlExpressions.rules(RULES).size());
              assertThat(health)
                  .allSatisfy((rule, state) -> assertThat(state).as(rule).isEqualTo("ok"));
            });
    await("recording rule")
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        prometheus.vector("namespace:ownership_workloads_unowned:sum", "namespace"))
                    .isEqualTo(Map.of("data", 0.0, "shop", 3.0, "tools", 1.0)));
    await("registry recording rules")
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(
                      prometheus.vector(
                          "namespace:ownership_unregistered_team_workloads:max", "namespace"))
                  .isEqualTo(Map.of("data", 0.0, "shop", 1.0, "tools", 0.0));
              assertThat(prometheus.vector("ownership:unregistered_team_workloads:sum"))
                  .isEqualTo(Map.of("", 1.0));
              assertThat(prometheus.vector("team:ownership_team_review_due:max", "team"))
                  .isEqualTo(Map.of("dba", 1.0, "storefront", 0.0));
            });
  }

  @Test
  @Order(4)
  void claimingTheUnownedWorkloadsRaisesCoverageAtTheNextScrape() {
    ServiceOwnership claim =
        Manifests.serviceOwnership(
            "shop",
            "storefront",
            "storefront",
            new LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey("app")
                .withOperator("In")
                .withValues("cart", "legacy", "reports")
                .endMatchExpression()
                .build());
    client.resource(claim).create();

    awaitValues(
        Map.of("data", 1.0, "shop", 1.0, "tools", 0.0),
        Map.of(
            "data/StatefulSet",
            0.0,
            "shop/CronJob",
            0.0,
            "shop/Deployment",
            0.0,
            "tools/Deployment",
            1.0),
        5.0 / 6,
        Map.of("dba", 1.0, "payments", 1.0, "storefront", 3.0),
        Map.of("data", 0.0, "shop", 1.0, "tools", 0.0));
  }

  @Test
  @Order(5)
  void aNamespaceWhoseLastWorkloadGoesLeavesNoSeriesBehind() {
    client.apps().deployments().inNamespace("tools").withName("debug").delete();

    awaitValues(
        Map.of("data", 1.0, "shop", 1.0),
        Map.of("data/StatefulSet", 0.0, "shop/CronJob", 0.0, "shop/Deployment", 0.0),
        1.0,
        Map.of("dba", 1.0, "payments", 1.0, "storefront", 3.0),
        Map.of("data", 0.0, "shop", 1.0));
  }

  @Test
  @Order(7)
  void registeringTheMissingTeamBringsTheUnregisteredCountToZero() {
    client.resource(team("payments", LocalDate.now(ZoneOffset.UTC).minusDays(3))).create();

    awaitValues(
        Map.of("data", 1.0, "shop", 1.0),
        Map.of("data/StatefulSet", 0.0, "shop/CronJob", 0.0, "shop/Deployment", 0.0),
        1.0,
        Map.of("dba", 1.0, "payments", 1.0, "storefront", 3.0),
        Map.of("data", 0.0, "shop", 0.0));
    await("review due and the cluster sum")
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(prometheus.vector(REVIEW_DUE, "team"))
                  .isEqualTo(Map.of("dba", 1.0, "payments", 0.0, "storefront", 0.0));
              assertThat(prometheus.vector("ownership:unregistered_team_workloads:sum"))
                  .isEqualTo(Map.of("", 0.0));
            });
  }

  /**
   * Waits (a few scrapes at most) for Prometheus to hold exactly these values, then they are
   * asserted.
   */
  void awaitValues(
      Map<String, Double> coverage,
      Map<String, Double> unowned,
      double cluster,
      Map<String, Double> teams,
      Map<String, Double> unregistered) {
    try {
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                assertThat(prometheus.vector("ownership_coverage_ratio", "namespace"))
                    .as("ownership_coverage_ratio")
                    .isEqualTo(coverage);
                assertThat(prometheus.vector(UNOWNED_BY_NAMESPACE_AND_KIND, "namespace", "kind"))
                    .as(UNOWNED_BY_NAMESPACE_AND_KIND)
                    .isEqualTo(unowned);
                assertThat(prometheus.vector("ownership_cluster_coverage_ratio"))
                    .as("ownership_cluster_coverage_ratio")
                    .isEqualTo(Map.of("", cluster));
                assertThat(prometheus.vector("ownership_team_workloads", "team"))
                    .as("ownership_team_workloads")
                    .isEqualTo(teams);
                assertThat(prometheus.vector(UNREGISTERED, "namespace"))
                    .as(UNREGISTERED)
                    .isEqualTo(unregistered);
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          e.getMessage()
              + "\n--- operator log ---\n"
              + operatorLog()
              + "\n--- prometheus log ---\n"
              + prometheus.log(),
          e);
    }
  }

  /**
   * Every sample name the metrics package can export, whether or not this run has produced it yet.
   */
  static Set<String> namesOurCodeExports() {
    PrometheusMeterRegistry registry = MeterRegistries.prometheus();
    WorkloadRef ref = new WorkloadRef(WorkloadKind.DEPLOYMENT, "ns", "w");
    new OwnershipGauges(registry)
        .resolved(
            ref,
            null,
            new Resolution(
                OwnershipStatus.OWNED,
                "t",
                null,
                OwnerSource.namespace(),
                List.of(),
                List.of(),
                List.of()));
    new AdmissionMetrics(registry)
        .record(
            dev.ownership.operator.admission.ReviewedKind.DEPLOYMENT,
            dev.ownership.operator.admission.Operation.CREATE,
            EnforcementMode.WARN,
            dev.ownership.operator.admission.AdmissionDecision.ALLOWED,
            1);
    new LeaderGauge(registry);
    new NamespaceEnforcementGauges(registry).set("ns", EnforcementMode.WARN);
    Set<String> names = new LinkedHashSet<>();
    PrometheusSamples.parse(registry.scrape()).all().forEach(s -> names.add(s.name()));
    registry.close();
    return names;
  }

  void seed() throws IOException {
    try (InputStream in =
        Files.newInputStream(REPO.resolve("crds/serviceownerships.ownership.dev-v1.yml"))) {
      api.installCrd(client, in);
    }
    try (InputStream in = Files.newInputStream(REPO.resolve("crds/teams.ownership.dev-v1.yml"))) {
      api.installCrd(client, in);
    }
    client.resource(team("dba", null)).create();
    client.resource(team("storefront", LocalDate.now(ZoneOffset.UTC).minusDays(3))).create();
    client.resource(Manifests.namespace("shop", Map.of())).create();
    client.resource(Manifests.namespace("data", Map.of("ownership.dev/team", "dba"))).create();
    client
        .resource(Manifests.namespace("tools", Map.of("ownership.dev/enforcement", "enforce")))
        .create();
    client
        .resource(
            Manifests.deployment(
                "shop", "checkout", Map.of("team", "payments"), Map.of("app", "checkout")))
        .create();
    client.resource(Manifests.deployment("shop", "cart", Map.of(), Map.of("app", "cart"))).create();
    client
        .resource(Manifests.deployment("shop", "legacy", Map.of(), Map.of("app", "legacy")))
        .create();
    client
        .resource(
            Manifests.workload(
                WorkloadKind.CRONJOB, "shop", "nightly-report", Map.of(), Map.of("app", "reports")))
        .create();
    client
        .resource(
            Manifests.workload(
                WorkloadKind.STATEFULSET, "data", "postgres", Map.of(), Map.of("app", "postgres")))
        .create();
    client
        .resource(Manifests.deployment("tools", "debug", Map.of(), Map.of("app", "debug")))
        .create();
  }

  static Team team(String name, LocalDate reviewedAt) {
    Team team = Manifests.team(name);
    if (reviewedAt != null) team.getSpec().setReviewedAt(reviewedAt.toString());
    return team;
  }

  boolean operatorReady() {
    if (!operator.isAlive()) throw new AssertionError("the operator exited:\n" + operatorLog());
    return OperatorProcess.httpStatus("http://127.0.0.1:" + metricsPort + "/readyz") == 200;
  }

  String operatorLog() {
    return PrometheusProcess.tail(operator.output(), 6000);
  }

  interface Step {
    void run() throws Exception;
  }

  static void run(List<Exception> problems, Step step) {
    try {
      step.run();
    } catch (Exception e) {
      problems.add(e);
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
