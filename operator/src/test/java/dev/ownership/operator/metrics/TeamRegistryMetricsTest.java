package dev.ownership.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ownership.operator.OwnershipOperator;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.testing.MockApiServer;
import dev.ownership.operator.testing.MockCluster;
import dev.ownership.operator.testing.TestSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The registry's two metrics from the running operator on the CRUD mock, wired as in production:
 * {@code ownership_unregistered_team_workloads{namespace}} follows Team changes (an alias added
 * later brings it to zero) and {@code ownership_team_review_due{team}} follows each Team's review
 * state and disappears with the Team.
 */
@MockApiServer
class TeamRegistryMetricsTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  KubernetesMockServer server;
  KubernetesClient client;
  OwnershipOperator operator;

  @AfterEach
  void stop() {
    if (operator != null) operator.close();
  }

  void seedAndStart(TeamRegistryMode mode) throws Exception {
    new MockCluster(server, client).withCrd();
    client.resource(Manifests.namespace("shop", Map.of())).create();
    client.resource(Manifests.namespace("data", Map.of())).create();
    Team payments = Manifests.team("payments");
    payments.getSpec().setReviewedAt(LocalDate.now(ZoneOffset.UTC).minusDays(10).toString());
    client.resource(payments).create();
    client.resource(Manifests.team("dba")).create(); // never reviewed: due
    client
        .resource(
            Manifests.deployment(
                "shop", "checkout", Map.of("team", "payments"), Map.of("app", "checkout")))
        .create();
    client
        .resource(
            Manifests.deployment("shop", "cart", Map.of("team", "paymnts"), Map.of("app", "cart")))
        .create();
    client
        .resource(
            Manifests.deployment("data", "postgres", Map.of("team", "dba"), Map.of("app", "pg")))
        .create();
    operator = OwnershipOperator.start(TestSettings.withTeamRegistry(mode), client, false);
  }

  /**
   * A merge patch without a resourceVersion: the operator writes the Team's status meanwhile, so an
   * edit (read, change, replace) could meet a conflict.
   */
  void patchSpec(String team, String json) {
    client.resources(Team.class).withName(team).patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }

  Map<String, Double> series(String name, String label) {
    Map<String, Double> values = new LinkedHashMap<>();
    PrometheusSamples.parse(operator.registry().scrape())
        .named(name)
        .forEach(s -> values.put(s.labels().get(label), s.value()));
    return values;
  }

  void awaitSeries(String name, String label, Map<String, Double> expected) {
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(series(name, label)).as(name).isEqualTo(expected));
  }

  @ParameterizedTest
  @EnumSource(
      value = TeamRegistryMode.class,
      names = {"WARN", "ENFORCE"})
  void aTypoCountsUntilTheTeamLearnsItAsAnAlias(TeamRegistryMode mode) throws Exception {
    seedAndStart(mode);
    awaitSeries(
        "ownership_unregistered_team_workloads", "namespace", Map.of("shop", 1.0, "data", 0.0));

    patchSpec("payments", "{\"spec\":{\"aliases\":[\"paymnts\"]}}");
    awaitSeries(
        "ownership_unregistered_team_workloads", "namespace", Map.of("shop", 0.0, "data", 0.0));
    awaitSeries("ownership_team_workloads", "team", Map.of("payments", 2.0, "dba", 1.0));
  }

  @Test
  void reviewDueIsOneForATeamNeverReviewedZeroForARecentReviewAndGoneWithTheTeam()
      throws Exception {
    seedAndStart(TeamRegistryMode.WARN);
    awaitSeries("ownership_team_review_due", "team", Map.of("payments", 0.0, "dba", 1.0));

    patchSpec("dba", "{\"spec\":{\"reviewedAt\":\"" + LocalDate.now(ZoneOffset.UTC) + "\"}}");
    awaitSeries("ownership_team_review_due", "team", Map.of("payments", 0.0, "dba", 0.0));

    client.resources(Team.class).withName("dba").delete();
    awaitSeries("ownership_team_review_due", "team", Map.of("payments", 0.0));
    // Deleting dba makes postgres's team unregistered.
    awaitSeries(
        "ownership_unregistered_team_workloads", "namespace", Map.of("shop", 1.0, "data", 1.0));
  }
}
