package dev.ownership.operator.controller;

import static dev.ownership.operator.ownership.OwnershipKeys.SOURCE_ANNOTATION;
import static dev.ownership.operator.ownership.OwnershipKeys.STATUS_LABEL;
import static dev.ownership.operator.ownership.OwnershipKeys.TEAM_ANNOTATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ownership.operator.OwnershipOperator;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.api.TeamStatus;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.testing.MockApiServer;
import dev.ownership.operator.testing.MockCluster;
import dev.ownership.operator.testing.TestSettings;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry in the running controller (INTERFACE §8), on the CRUD mock: a Team change
 * re-resolves only the workloads that named one of its names, Team status and conditions, {@code
 * TeamKnown}, {@code UnknownTeam} Events once, and nothing written again on a restart.
 */
@MockApiServer
class TeamRegistryControllerTest {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final WorkloadKind DEPLOYMENT = WorkloadKind.DEPLOYMENT;
  static final int UNRELATED = 20;

  KubernetesMockServer server;
  KubernetesClient client;
  MockCluster cluster;
  OwnershipOperator operator;

  @BeforeEach
  void setUp() throws Exception {
    cluster = new MockCluster(server, client).withCrd();
    create(Manifests.namespace("shop", Map.of()));
    create(Manifests.namespace("other", Map.of()));
  }

  @AfterEach
  void tearDown() {
    if (operator != null) operator.close();
  }

  void start(TeamRegistryMode mode) throws Exception {
    operator = OwnershipOperator.start(TestSettings.withTeamRegistry(mode), client, false);
    await().atMost(WAIT).until(() -> operator.controller().isSynced());
    awaitSettled();
  }

  void awaitSettled() {
    await().atMost(WAIT).until(() -> operator.controller().isIdle());
  }

  void create(HasMetadata resource) {
    client.resource(resource).create();
  }

  void deployment(String ns, String name, String team) {
    create(Manifests.deployment(ns, name, Map.of("team", team), Map.of("app", name)));
  }

  Team team(String name) {
    return client.resources(Team.class).withName(name).get();
  }

  /** The Team's status, failing (so that an await retries) while it has none. */
  TeamStatus teamStatus(String name) {
    Team team = team(name);
    assertThat(team).isNotNull();
    assertThat(team.getStatus()).as("status of Team " + name).isNotNull();
    return team.getStatus();
  }

  List<Condition> conditions(String team) {
    return teamStatus(team).getConditions();
  }

  void editTeam(String name, UnaryOperator<Team> edit) {
    client.resources(Team.class).withName(name).edit(edit);
  }

  Map<String, String> annotations(String ns, String name) {
    return cluster.annotations(DEPLOYMENT, ns, name);
  }

  String status(String ns, String name) {
    return cluster.labels(DEPLOYMENT, ns, name).get(STATUS_LABEL);
  }

  List<Event> unknownTeamEvents(String name) {
    return client.v1().events().inAnyNamespace().list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .filter(e -> WorkloadEventRecorder.REASON_UNKNOWN_TEAM.equals(e.getReason()))
        .toList();
  }

  static Condition condition(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }

  /** Workload PATCHes since the last drain; the drain also forgets older requests. */
  long workloadPatches() throws InterruptedException {
    return MockCluster.workloadPatches(cluster.drainRequests()).size();
  }

  @Test
  void aTeamChangeReResolvesOnlyTheWorkloadsThatNamedIt() throws Exception {
    // The registry is in use from the start (one Team), so no change below is "the first Team".
    create(Manifests.team("platform"));
    deployment("shop", "cart", "payments");
    deployment("shop", "pay-api", "pay");
    deployment("shop", "web-1", "web");
    deployment("shop", "web-2", "web");
    deployment("shop", "web-3", "web");
    for (int i = 0; i < UNRELATED; i++) deployment("other", "search-" + i, "search");
    start(TeamRegistryMode.WARN);

    // warn: unknown teams still own, and each is reported once with its closest names.
    assertThat(status("shop", "cart")).isEqualTo("owned");
    assertThat(annotations("shop", "pay-api")).containsEntry(TEAM_ANNOTATION, "pay");
    await().atMost(WAIT).untilAsserted(() -> assertThat(unknownTeamEvents("cart")).hasSize(1));
    assertThat(unknownTeamEvents("cart").get(0).getMessage())
        .isEqualTo(
            "Deployment shop/cart: team payments (label team) is not a registered Team; no"
                + " registered team is close");
    assertThat(unknownTeamEvents("cart").get(0).getType()).isEqualTo("Warning");

    // A new Team "web": exactly the three workloads that name it are resolved again, and since
    // their marks do not change (warn mode), nothing is written.
    workloadPatches();
    long before = operator.controller().resolutions();
    create(Manifests.team("web"));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(teamStatus("web").getWorkloads()).isEqualTo(3));
    awaitSettled();
    assertThat(operator.controller().resolutions() - before).isEqualTo(3);
    assertThat(workloadPatches()).isZero();
    assertThat(teamStatus("web").getNamespaces()).containsExactly("shop");

    // Team "payments", then the alias "pay": pay-api's team is written canonically. Re-resolved:
    // the workloads naming payments or pay (2), plus pay-api once more when its own write comes
    // back through the watch — never the 20 unrelated ones.
    create(Manifests.team("payments"));
    awaitSettled();
    before = operator.controller().resolutions();
    workloadPatches();
    editTeam(
        "payments",
        t -> {
          t.getSpec().setAliases(List.of("pay"));
          return t;
        });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(annotations("shop", "pay-api"))
                    .containsEntry(TEAM_ANNOTATION, "payments")
                    .containsEntry(SOURCE_ANNOTATION, "label"));
    awaitSettled();
    assertThat(operator.controller().resolutions() - before).isBetween(2L, 3L);
    assertThat(workloadPatches()).isEqualTo(1);
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(teamStatus("payments").getWorkloads()).isEqualTo(2));

    // A status-only change of a Team re-resolves nothing.
    before = operator.controller().resolutions();
    editTeam(
        "web",
        t -> {
          t.getSpec().setDescription("The storefront");
          return t;
        });
    await()
        .atMost(WAIT)
        .until(
            () -> "The storefront".equals(operator.cache().team("web").getSpec().getDescription()));
    awaitSettled();
    assertThat(operator.controller().resolutions() - before).isZero();

    // The Team goes (warn): pay-api is "pay" again, unknown again — but the Event that reported
    // it is the same one, not a second.
    editTeam(
        "payments",
        t -> {
          t.getSpec().setAliases(List.of());
          return t;
        });
    client.resources(Team.class).withName("payments").delete();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(annotations("shop", "pay-api")).containsEntry(TEAM_ANNOTATION, "pay"));
    awaitSettled();
    assertThat(unknownTeamEvents("pay-api")).hasSize(1);
    assertThat(unknownTeamEvents("cart")).hasSize(1);

    // A restart with nothing changed writes nothing: no workload patch, no new Event.
    int events = client.v1().events().inAnyNamespace().list().getItems().size();
    operator.close();
    workloadPatches();
    start(TeamRegistryMode.WARN);
    List<RecordedRequest> afterRestart = cluster.drainRequests();
    assertThat(MockCluster.workloadPatches(afterRestart)).isEmpty();
    assertThat(afterRestart)
        .filteredOn(r -> r.getMethod().equals("PATCH") && r.getPath().contains("/teams/"))
        .as("Team status patches after a restart with nothing changed")
        .isEmpty();
    assertThat(client.v1().events().inAnyNamespace().list().getItems()).hasSize(events);
  }

  @Test
  void enforcedUnknownTeamsOwnNothingAndDeletingATeamFallsThroughVisibly() throws Exception {
    create(Manifests.team("payments"));
    create(Manifests.team("shop-team", "shop"));
    client
        .namespaces()
        .withName("shop")
        .edit(
            ns -> {
              ns.getMetadata().setLabels(Map.of("ownership.dev/team", "shop"));
              return ns;
            });
    deployment("shop", "cart", "payments");
    deployment("shop", "typo", "paymnts");
    create(Manifests.serviceOwnership("shop", "ghost", "ghost-team", Map.of("app", "ghosted")));
    create(Manifests.deployment("shop", "ghosted", Map.of(), Map.of("app", "ghosted")));
    create(Manifests.namespace("loose", Map.of("ownership.dev/team", "nobody")));
    create(Manifests.deployment("loose", "stray", Map.of(), Map.of("app", "stray")));
    start(TeamRegistryMode.ENFORCE);

    assertThat(annotations("shop", "cart"))
        .containsEntry(TEAM_ANNOTATION, "payments")
        .containsEntry(SOURCE_ANNOTATION, "label");
    // The typo owns nothing: the workload falls through to its namespace's team, by its alias.
    assertThat(annotations("shop", "typo"))
        .containsEntry(TEAM_ANNOTATION, "shop-team")
        .containsEntry(SOURCE_ANNOTATION, "namespace");
    assertThat(unknownTeamEvents("typo"))
        .singleElement()
        .satisfies(
            e -> assertThat(e.getMessage()).contains("paymnts").contains("did you mean payments?"));
    // A ServiceOwnership naming no Team owns nothing, and says why.
    assertThat(annotations("shop", "ghosted")).containsEntry(SOURCE_ANNOTATION, "namespace");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ServiceOwnership ghost =
                  client
                      .resources(ServiceOwnership.class)
                      .inNamespace("shop")
                      .withName("ghost")
                      .get();
              assertThat(ghost.getStatus()).as("status of ServiceOwnership ghost").isNotNull();
              Condition ready = condition(ghost.getStatus().getConditions(), "Ready");
              assertThat(ready.getStatus()).isEqualTo("False");
              assertThat(ready.getReason()).isEqualTo("UnknownTeam");
              Condition known = condition(ghost.getStatus().getConditions(), TeamCheck.CONDITION);
              assertThat(known.getStatus()).isEqualTo("False");
              assertThat(known.getMessage())
                  .contains("ghost-team")
                  .contains("The registry is enforced: this resource owns nothing.");
            });
    // A namespace label naming no Team is ignored.
    assertThat(status("loose", "stray")).isEqualTo("unowned");

    // Deleting an enforced Team: its workloads fall through, visibly.
    client.resources(Team.class).withName("payments").delete();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(annotations("shop", "cart"))
                    .containsEntry(TEAM_ANNOTATION, "shop-team")
                    .containsEntry(SOURCE_ANNOTATION, "namespace"));
    await().atMost(WAIT).untilAsserted(() -> assertThat(unknownTeamEvents("cart")).hasSize(1));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(teamStatus("shop-team").getWorkloads()).isEqualTo(3));
  }

  @Test
  void teamStatusReportsAliasConflictsBadParentsAndTheReviewState() throws Exception {
    String recent = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    Team a = Manifests.team("team-a", "shared");
    a.getSpec().setReviewedAt(recent);
    create(a);
    create(Manifests.team("team-b", "shared"));
    Team orphan = Manifests.team("orphan");
    orphan.getSpec().setParent("commerce");
    orphan.getSpec().setReviewedAt("2020-01-15");
    create(orphan);
    deployment("shop", "shared-api", "shared");
    start(TeamRegistryMode.WARN);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (String name : List.of("team-a", "team-b")) {
                Condition ready = condition(conditions(name), "Ready");
                assertThat(ready.getStatus()).isEqualTo("False");
                assertThat(ready.getReason()).isEqualTo(TeamStatusBuilder.REASON_ALIAS_CONFLICT);
                assertThat(ready.getMessage()).contains("shared");
              }
              Condition ready = condition(conditions("orphan"), "Ready");
              assertThat(ready.getReason()).isEqualTo(TeamStatusBuilder.REASON_INVALID_SPEC);
              assertThat(ready.getMessage()).isEqualTo("parent commerce is not a Team");
            });
    // The contested alias resolves to neither team.
    assertThat(annotations("shop", "shared-api")).containsEntry(TEAM_ANNOTATION, "shared");
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(unknownTeamEvents("shared-api")).hasSize(1));
    assertThat(teamStatus("team-a").getWorkloads()).isZero();

    Condition dueA = condition(conditions("team-a"), "ReviewDue");
    assertThat(dueA.getStatus()).isEqualTo("False");
    assertThat(dueA.getReason()).isEqualTo("Reviewed");
    Condition dueB = condition(conditions("team-b"), "ReviewDue");
    assertThat(dueB.getStatus()).isEqualTo("True");
    assertThat(dueB.getReason()).isEqualTo("NeverReviewed");
    Condition dueOrphan = condition(conditions("orphan"), "ReviewDue");
    assertThat(dueOrphan.getStatus()).isEqualTo("True");
    assertThat(dueOrphan.getReason()).isEqualTo("Overdue");
    assertThat(teamStatus("orphan").getObservedGeneration())
        .isEqualTo(team("orphan").getMetadata().getGeneration());

    // Resolving the conflict: team-b drops the alias; team-a gets it and its workload.
    editTeam(
        "team-b",
        t -> {
          t.getSpec().setAliases(List.of());
          return t;
        });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(annotations("shop", "shared-api"))
                  .containsEntry(TEAM_ANNOTATION, "team-a");
              assertThat(condition(conditions("team-a"), "Ready").getStatus()).isEqualTo("True");
              assertThat(teamStatus("team-a").getWorkloads()).isEqualTo(1);
            });
  }
}
