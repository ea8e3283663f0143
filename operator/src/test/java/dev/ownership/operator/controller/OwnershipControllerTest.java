package dev.ownership.operator.controller;

import static dev.ownership.operator.ownership.OwnershipKeys.SERVICE_ANNOTATION;
import static dev.ownership.operator.ownership.OwnershipKeys.SOURCE_ANNOTATION;
import static dev.ownership.operator.ownership.OwnershipKeys.STATUS_LABEL;
import static dev.ownership.operator.ownership.OwnershipKeys.TEAM_ANNOTATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ownership.operator.OwnershipOperator;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.testing.MockApiServer;
import dev.ownership.operator.testing.MockCluster;
import dev.ownership.operator.testing.TestSettings;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@MockApiServer
class OwnershipControllerTest {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final WorkloadKind DEPLOYMENT = WorkloadKind.DEPLOYMENT;

  KubernetesMockServer server;
  KubernetesClient client;
  MockCluster cluster;
  OwnershipOperator operator;

  @BeforeEach
  void setUp() throws Exception {
    cluster = new MockCluster(server, client).withCrd();
    client.namespaces().resource(Manifests.namespace("shop", Map.of())).create();
  }

  @AfterEach
  void tearDown() {
    if (operator != null) operator.close();
  }

  void startOperator() throws Exception {
    operator = OwnershipOperator.start(TestSettings.defaults(), client, false);
    await().atMost(WAIT).until(() -> operator.controller().isSynced());
  }

  void create(Object resource) {
    client.resource((io.fabric8.kubernetes.api.model.HasMetadata) resource).create();
  }

  Map<String, String> annotations(String name) {
    return cluster.annotations(DEPLOYMENT, "shop", name);
  }

  String status(String name) {
    return cluster.labels(DEPLOYMENT, "shop", name).get(STATUS_LABEL);
  }

  void awaitStatus(String name, String status) {
    await().atMost(WAIT).untilAsserted(() -> assertThat(status(name)).isEqualTo(status));
  }

  void awaitSettled() {
    await().atMost(WAIT).until(() -> operator.controller().isIdle());
  }

  ServiceOwnership so(String name) {
    return client.resources(ServiceOwnership.class).inNamespace("shop").withName(name).get();
  }

  @Test
  void labelOwnerIsWrittenAsAnnotations() throws Exception {
    create(Manifests.deployment("shop", "cart", Map.of("team", "payments"), Map.of("app", "cart")));
    startOperator();

    awaitStatus("cart", "owned");
    assertThat(annotations("cart"))
        .containsEntry(TEAM_ANNOTATION, "payments")
        .containsEntry(SOURCE_ANNOTATION, "label")
        .doesNotContainKey(SERVICE_ANNOTATION)
        .containsEntry("example.com/keep", "me");
  }

  @Test
  void podTemplateLabelsAreSelectableAndServiceOwnershipOwns() throws Exception {
    startOperator();
    create(Manifests.serviceOwnership("shop", "checkout", "payments", Map.of("app", "checkout")));
    // created after its ServiceOwnership, labelled only on the pod template
    create(Manifests.deployment("shop", "checkout-api", Map.of(), Map.of("app", "checkout")));

    awaitStatus("checkout-api", "owned");
    assertThat(annotations("checkout-api"))
        .containsEntry(TEAM_ANNOTATION, "payments")
        .containsEntry(SERVICE_ANNOTATION, "checkout")
        .containsEntry(SOURCE_ANNOTATION, "ServiceOwnership/checkout");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ServiceOwnership so = so("checkout");
              assertThat(so.getStatus()).isNotNull();
              assertThat(so.getStatus().getMatchedWorkloads()).isEqualTo(1);
              assertThat(so.getStatus().getWorkloads())
                  .extracting("kind", "name")
                  .containsExactly(
                      org.assertj.core.groups.Tuple.tuple("Deployment", "checkout-api"));
              assertThat(so.getStatus().getConditions())
                  .anySatisfy(
                      c -> {
                        assertThat(c.getType()).isEqualTo("Ready");
                        assertThat(c.getStatus()).isEqualTo("True");
                      });
              assertThat(so.getStatus().getObservedGeneration())
                  .isEqualTo(so.getMetadata().getGeneration());
              assertThat(so.getStatus().getService())
                  .as(
                      "spec.service unset: the effective service (kubectl's SERVICE column) is the"
                          + " name")
                  .isEqualTo("checkout");
            });
  }

  @Test
  void unownedWorkloadIsLabelledAndGetsOneEvent() throws Exception {
    create(Manifests.deployment("shop", "orphan", Map.of(), Map.of("app", "orphan")));
    startOperator();
    awaitStatus("orphan", "unowned");
    assertThat(annotations("orphan"))
        .doesNotContainKeys(TEAM_ANNOTATION, SOURCE_ANNOTATION, SERVICE_ANNOTATION);
    await().atMost(WAIT).untilAsserted(() -> assertThat(events("orphan", "Unowned")).hasSize(1));
    assertThat(events("orphan", "Unowned").get(0).getType()).isEqualTo("Warning");

    // An unrelated change and a full resync must not repeat the Event.
    client
        .apps()
        .deployments()
        .inNamespace("shop")
        .withName("orphan")
        .edit(
            d -> {
              d.getMetadata().getLabels().put("version", "2");
              return d;
            });
    operator.cache().allWorkloads().forEach(operator.controller()::workloadChanged);
    awaitCached(DEPLOYMENT, "orphan");
    awaitSettled();
    assertThat(events("orphan", "Unowned")).hasSize(1);
  }

  /** The operator's cache holds the workload's current version (it has seen every change to it). */
  void awaitCached(WorkloadKind kind, String name) {
    await()
        .atMost(WAIT)
        .until(
            () -> {
              GenericKubernetesResource cached =
                  operator
                      .cache()
                      .workload(
                          new dev.ownership.operator.ownership.WorkloadRef(kind, "shop", name));
              GenericKubernetesResource live = cluster.get(kind, "shop", name);
              return cached != null
                  && live != null
                  && cached
                      .getMetadata()
                      .getResourceVersion()
                      .equals(live.getMetadata().getResourceVersion());
            });
  }

  /** Event creations (the mock does not record their bodies; here only reports are expected). */
  static long invalidLabelReports(List<io.fabric8.mockwebserver.http.RecordedRequest> requests) {
    return requests.stream()
        .filter(
            r ->
                r.getMethod().equals("POST")
                    && java.net
                        .URI
                        .create(r.getPath())
                        .getPath()
                        .endsWith("/namespaces/shop/events"))
        .count();
  }

  List<Event> events(String name, String reason) {
    return client.v1().events().inAnyNamespace().list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
        .toList();
  }

  @Test
  void namespaceTeamIsTheFallbackAndARelabelReResolves() throws Exception {
    create(Manifests.deployment("shop", "web", Map.of(), Map.of("app", "web")));
    startOperator();
    awaitStatus("web", "unowned");

    client
        .namespaces()
        .withName("shop")
        .edit(
            ns -> {
              ns.getMetadata().setLabels(Map.of("ownership.dev/team", "storefront"));
              return ns;
            });
    awaitStatus("web", "owned");
    assertThat(annotations("web"))
        .containsEntry(TEAM_ANNOTATION, "storefront")
        .containsEntry(SOURCE_ANNOTATION, "namespace");

    client
        .namespaces()
        .withName("shop")
        .edit(
            ns -> {
              ns.getMetadata().setLabels(Map.of());
              return ns;
            });
    awaitStatus("web", "unowned");
    assertThat(annotations("web")).doesNotContainKeys(TEAM_ANNOTATION, SOURCE_ANNOTATION);
  }

  @Test
  void labelBeatsServiceOwnershipAndTheDisagreementIsAConflict() throws Exception {
    startOperator();
    create(Manifests.serviceOwnership("shop", "checkout", "payments", Map.of("app", "checkout")));
    create(
        Manifests.deployment(
            "shop", "checkout-worker", Map.of("team", "fulfilment"), Map.of("app", "checkout")));

    awaitStatus("checkout-worker", "conflict");
    assertThat(annotations("checkout-worker"))
        .containsEntry(TEAM_ANNOTATION, "fulfilment")
        .containsEntry(SOURCE_ANNOTATION, "label");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              ServiceOwnership so = so("checkout");
              assertThat(so.getStatus().getConflicts())
                  .singleElement()
                  .satisfies(
                      c -> {
                        assertThat(c.getName()).isEqualTo("checkout-worker");
                        assertThat(c.getMessage()).contains("fulfilment").contains("payments");
                      });
              assertThat(so.getStatus().getConditions())
                  .anySatisfy(
                      c -> {
                        assertThat(c.getType()).isEqualTo("Conflict");
                        assertThat(c.getStatus()).isEqualTo("True");
                      });
            });
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(events("checkout-worker", "OwnershipConflict")).hasSize(1));
  }

  @Test
  void olderServiceOwnershipWinsOverANewerOneWithAnotherTeam() throws Exception {
    startOperator();
    // "zeta" is created first; creation timestamps have one-second resolution.
    create(Manifests.serviceOwnership("shop", "zeta", "payments", Map.of("app", "api")));
    java.time.Instant zetaCreated =
        java.time.Instant.parse(so("zeta").getMetadata().getCreationTimestamp());
    await().atMost(WAIT).until(() -> java.time.Instant.now().isAfter(zetaCreated.plusSeconds(1)));
    create(Manifests.serviceOwnership("shop", "alpha", "search", Map.of("app", "api")));
    create(Manifests.deployment("shop", "api", Map.of(), Map.of("app", "api")));

    awaitStatus("api", "conflict");
    assertThat(annotations("api"))
        .containsEntry(TEAM_ANNOTATION, "payments")
        .containsEntry(SOURCE_ANNOTATION, "ServiceOwnership/zeta");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(so("alpha").getStatus().getMatchedWorkloads()).isZero();
              assertThat(so("alpha").getStatus().getConflicts()).hasSize(1);
              assertThat(so("zeta").getStatus().getMatchedWorkloads()).isEqualTo(1);
            });
  }

  @Test
  void selectorChangeMovesOwnershipAndTeamChangeRewrites() throws Exception {
    create(Manifests.deployment("shop", "a", Map.of(), Map.of("app", "a")));
    create(Manifests.deployment("shop", "b", Map.of(), Map.of("app", "b")));
    create(Manifests.serviceOwnership("shop", "svc", "payments", Map.of("app", "a")));
    startOperator();
    awaitStatus("a", "owned");
    awaitStatus("b", "unowned");

    client
        .resources(ServiceOwnership.class)
        .inNamespace("shop")
        .withName("svc")
        .edit(
            so -> {
              so.getSpec()
                  .setSelector(
                      new LabelSelectorBuilder().withMatchLabels(Map.of("app", "b")).build());
              return so;
            });
    awaitStatus("a", "unowned");
    awaitStatus("b", "owned");
    assertThat(annotations("a"))
        .doesNotContainKeys(TEAM_ANNOTATION, SERVICE_ANNOTATION, SOURCE_ANNOTATION);

    client
        .resources(ServiceOwnership.class)
        .inNamespace("shop")
        .withName("svc")
        .edit(
            so -> {
              so.getSpec().setTeam("checkout-team");
              return so;
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(annotations("b")).containsEntry(TEAM_ANNOTATION, "checkout-team"));
  }

  /**
   * Deployment a is owned by ServiceOwnership svc (which has its finalizer); shop's team is
   * storefront.
   */
  void startWithAWorkloadOwnedByServiceOwnershipSvcAndANamespaceTeam() throws Exception {
    client
        .namespaces()
        .withName("shop")
        .edit(
            ns -> {
              ns.getMetadata().setLabels(Map.of("ownership.dev/team", "storefront"));
              return ns;
            });
    create(Manifests.deployment("shop", "a", Map.of(), Map.of("app", "a")));
    create(Manifests.serviceOwnership("shop", "svc", "payments", Map.of("app", "a")));
    startOperator();
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(annotations("a")).containsEntry(SERVICE_ANNOTATION, "svc"));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(so("svc").getMetadata().getFinalizers()).isNotEmpty());
  }

  @Test
  void deletingAServiceOwnershipFallsBackToTheNamespaceAndCleansUp() throws Exception {
    startWithAWorkloadOwnedByServiceOwnershipSvcAndANamespaceTeam();

    client.resources(ServiceOwnership.class).inNamespace("shop").withName("svc").delete();
    await().atMost(WAIT).until(() -> so("svc") == null);
    assertThat(annotations("a"))
        .containsEntry(TEAM_ANNOTATION, "storefront")
        .containsEntry(SOURCE_ANNOTATION, "namespace")
        .doesNotContainKey(SERVICE_ANNOTATION);
    assertThat(cluster.get(DEPLOYMENT, "shop", "a"))
        .as("deleting a ServiceOwnership never deletes workloads")
        .isNotNull();
  }

  @Test
  void invalidSelectorIsReportedAndOwnsNothing() throws Exception {
    create(Manifests.deployment("shop", "a", Map.of(), Map.of("app", "a")));
    create(
        Manifests.serviceOwnership(
            "shop",
            "broken",
            "payments",
            new LabelSelectorBuilder()
                .addNewMatchExpression()
                .withKey("app")
                .withOperator("Matches")
                .withValues("a")
                .endMatchExpression()
                .build()));
    startOperator();
    awaitStatus("a", "unowned");
    awaitUnusable("broken", "InvalidSpec", WAIT, "Matches", "In, NotIn, Exists, DoesNotExist");
  }

  /** Awaits Ready=False with this reason and message, and no workload matched. */
  void awaitUnusable(String name, String reason, Duration within, String... messageParts) {
    await()
        .atMost(within)
        .untilAsserted(
            () -> {
              ServiceOwnership so = so(name);
              assertThat(so.getStatus()).isNotNull();
              assertThat(so.getStatus().getConditions())
                  .anySatisfy(
                      c -> {
                        assertThat(c.getType()).isEqualTo("Ready");
                        assertThat(c.getStatus()).isEqualTo("False");
                        assertThat(c.getReason()).isEqualTo(reason);
                        assertThat(c.getMessage()).contains(messageParts);
                      });
              assertThat(so.getStatus().getMatchedWorkloads()).isZero();
            });
  }

  /**
   * Past the per-namespace limit the operator reports instead of working harder: the
   * ServiceOwnership beyond it owns nothing and says why in its condition. Names sort after each
   * other and are created in order, so the last one is the one left out whatever timestamps the
   * mock assigns.
   */
  @Test
  void aServiceOwnershipBeyondTheNamespaceLimitIsReportedAndOwnsNothing() throws Exception {
    create(Manifests.deployment("shop", "a", Map.of(), Map.of("app", "a")));
    int limit = dev.ownership.operator.ownership.NamespaceClaims.LIMIT;
    for (int i = 0; i < limit; i++) {
      String name = String.format("so-%05d", i);
      create(Manifests.serviceOwnership("shop", name, "team-x", Map.of("app", "x" + i)));
    }
    String last = String.format("so-%05d", limit);
    create(Manifests.serviceOwnership("shop", last, "payments", Map.of("app", "a")));
    startOperator();
    awaitUnusable(last, "NamespaceLimit", Duration.ofSeconds(90), "shop", "" + limit);
    awaitStatus("a", "unowned");
    assertThat(annotations("a")).doesNotContainKey(TEAM_ANNOTATION);
  }

  @ParameterizedTest
  @EnumSource(WorkloadKind.class)
  void everyKindIsResolvedWithoutTouchingItsSpec(WorkloadKind kind) throws Exception {
    create(Manifests.workload(kind, "shop", "w", Map.of("owner", "platform"), Map.of("app", "w")));
    GenericKubernetesResource before = cluster.get(kind, "shop", "w");
    startOperator();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(cluster.labels(kind, "shop", "w")).containsEntry(STATUS_LABEL, "owned"));
    GenericKubernetesResource after = cluster.get(kind, "shop", "w");
    assertThat(after.getMetadata().getAnnotations())
        .containsEntry(TEAM_ANNOTATION, "platform")
        .containsEntry("example.com/keep", "me");
    assertThat(after.getMetadata().getLabels()).containsEntry("owner", "platform");
    var json = client.getKubernetesSerialization();
    assertThat(json.asJson(after.getAdditionalProperties().get("spec")))
        .as("spec and pod template are byte-identical")
        .isEqualTo(json.asJson(before.getAdditionalProperties().get("spec")));
  }

  @Test
  void jobsRunByACronJobAreNotSeparateWorkloads() throws Exception {
    Job job =
        (Job)
            Manifests.workload(
                WorkloadKind.JOB, "shop", "nightly-123", Map.of(), Map.of("app", "nightly"));
    job.getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion("batch/v1")
                    .withKind("CronJob")
                    .withName("nightly")
                    .withUid("u-1")
                    .withController(true)
                    .build()));
    create(job);
    create(
        Manifests.workload(WorkloadKind.JOB, "shop", "standalone", Map.of(), Map.of("app", "x")));
    startOperator();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(cluster.labels(WorkloadKind.JOB, "shop", "standalone"))
                    .containsEntry(STATUS_LABEL, "unowned"));
    awaitSettled();
    assertThat(cluster.labels(WorkloadKind.JOB, "shop", "nightly-123"))
        .doesNotContainKey(STATUS_LABEL);
  }

  @Test
  void invalidTeamLabelIsSkippedAndReported() throws Exception {
    create(
        Manifests.deployment(
            "shop",
            "bad",
            Map.of("team", "Payments_Team", "owner", "payments"),
            Map.of("app", "bad")));
    startOperator();
    awaitStatus("bad", "owned");
    assertThat(annotations("bad")).containsEntry(TEAM_ANNOTATION, "payments");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(events("bad", "InvalidOwnerLabel"))
                    .singleElement()
                    .satisfies(
                        e ->
                            assertThat(e.getMessage())
                                .contains("team=Payments_Team")
                                .contains("DNS-1123")));
  }

  @Test
  void onlyTheWatchedNamespacesAreTouched() throws Exception {
    client.namespaces().resource(Manifests.namespace("other", Map.of())).create();
    create(Manifests.deployment("shop", "a", Map.of(), Map.of("app", "a")));
    create(Manifests.deployment("other", "b", Map.of(), Map.of("app", "b")));
    operator =
        OwnershipOperator.start(
            TestSettings.withNamespaces(java.util.Set.of("shop")), client, false);
    awaitStatus("a", "unowned");
    awaitSettled();
    assertThat(cluster.labels(DEPLOYMENT, "other", "b")).doesNotContainKey(STATUS_LABEL);
    assertThat(events("b", "Unowned")).isEmpty();
  }

  @Test
  void nothingIsWrittenWhenNothingChangedAndARestartConvergesWithoutWrites() throws Exception {
    create(Manifests.deployment("shop", "a", Map.of("team", "payments"), Map.of("app", "a")));
    create(Manifests.deployment("shop", "b", Map.of(), Map.of("app", "b")));
    create(Manifests.serviceOwnership("shop", "svc", "search", Map.of("app", "b")));
    create(Manifests.deployment("shop", "c", Map.of(), Map.of("app", "c")));
    create(Manifests.deployment("shop", "bad", Map.of("owner", "Bad_Team"), Map.of("app", "bad")));
    startOperator();
    awaitStatus("a", "owned");
    awaitStatus("b", "owned");
    awaitStatus("c", "unowned");
    awaitStatus("bad", "unowned");
    await().atMost(WAIT).until(() -> events("bad", "InvalidOwnerLabel").size() == 1);
    awaitSettled();
    cluster.drainRequests();

    // A resync and an irrelevant status change write nothing.
    operator.cache().allWorkloads().forEach(operator.controller()::workloadChanged);
    client
        .apps()
        .deployments()
        .inNamespace("shop")
        .withName("a")
        .editStatus(
            d -> {
              d.setStatus(
                  new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
                      .withReplicas(2)
                      .build());
              return d;
            });
    awaitCached(DEPLOYMENT, "a");
    awaitSettled();
    assertThat(MockCluster.workloadPatches(cluster.drainRequests())).isEmpty();

    long unownedEvents = events("c", "Unowned").size();
    operator.close();
    operator = null;
    startOperator();
    for (String name : List.of("a", "b", "c", "bad")) awaitCached(DEPLOYMENT, name);
    awaitSettled();
    List<io.fabric8.mockwebserver.http.RecordedRequest> afterRestart =
        new java.util.ArrayList<>(cluster.drainRequests());
    // After a restart every invalid label is reported again (nothing is remembered), ...
    await()
        .atMost(WAIT)
        .until(
            () -> {
              afterRestart.addAll(cluster.drainRequests());
              return invalidLabelReports(afterRestart) >= 1;
            });
    assertThat(MockCluster.workloadPatches(afterRestart))
        .as("a restarted operator finds nothing to write")
        .isEmpty();
    assertThat(events("c", "Unowned")).hasSize((int) unownedEvents);
    // ... but its Event's name is derived from the report, so the API server refuses the
    // duplicate: still one Event (an in-memory "already reported" set would be empty here).
    assertThat(events("bad", "InvalidOwnerLabel"))
        .as("no second InvalidOwnerLabel Event")
        .hasSize(1);
    assertThat(events("bad", "Unowned")).hasSize(1);
    // The Event create (refused as a duplicate) names the operator, as every write does.
    assertThat(MockCluster.writesNotNamingTheOperator(afterRestart))
        .as("writes without fieldManager=ownership-operator")
        .isEmpty();
  }

  @Test
  void aWorkloadsOwnRelabelIsWrittenAgain() throws Exception {
    create(Manifests.deployment("shop", "cart", Map.of("team", "payments"), Map.of("app", "cart")));
    startOperator();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(annotations("cart")).containsEntry(TEAM_ANNOTATION, "payments"));
    client
        .apps()
        .deployments()
        .inNamespace("shop")
        .withName("cart")
        .edit(
            d -> {
              d.getMetadata().getLabels().put("team", "search");
              return d;
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(annotations("cart")).containsEntry(TEAM_ANNOTATION, "search"));
  }

  /**
   * An owner reference to another workload exempts nothing: only a Job under a CronJob is skipped.
   */
  @Test
  void aWorkloadControlledByAnotherWorkloadIsResolvedAsItself() throws Exception {
    io.fabric8.kubernetes.api.model.HasMetadata adopted =
        Manifests.deployment("shop", "adopted", Map.of(), Map.of("app", "adopted"));
    adopted
        .getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion("apps/v1")
                    .withKind("Deployment")
                    .withName("web")
                    .withUid("uid-of-web")
                    .withController(true)
                    .build()));
    create(adopted);
    startOperator();
    awaitStatus("adopted", "unowned");
    await().atMost(WAIT).untilAsserted(() -> assertThat(events("adopted", "Unowned")).hasSize(1));
  }

  /**
   * Deleting a ServiceOwnership holds its finalizer until the workloads it owned carry their
   * fallback owner: here the API server refuses the first writes, and the resource must stay.
   */
  @Test
  void theFinalizerIsHeldUntilTheFallbackWriteLands() throws Exception {
    startWithAWorkloadOwnedByServiceOwnershipSvcAndANamespaceTeam();
    server
        .expect()
        .patch()
        .withPath("/apis/apps/v1/namespaces/shop/deployments/a?fieldManager=ownership-operator")
        .andReturn(409, "{}")
        .times(3);
    cluster.drainRequests();

    client.resources(ServiceOwnership.class).inNamespace("shop").withName("svc").delete();
    List<io.fabric8.mockwebserver.http.RecordedRequest> seen = new java.util.ArrayList<>();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              seen.addAll(cluster.drainRequests());
              return MockCluster.workloadPatches(seen).size() >= 2;
            });
    assertThat(so("svc")).as("still there while its workload names it as the owner").isNotNull();
    assertThat(so("svc").getMetadata().getDeletionTimestamp()).isNotNull();

    await().atMost(WAIT).until(() -> so("svc") == null);
    assertThat(annotations("a")).containsEntry(SOURCE_ANNOTATION, "namespace");
  }

  /**
   * ServiceOwnerships that all select every workload, created one at a time: status writes stay
   * linear in the number of ServiceOwnerships (about 2.5 per ServiceOwnership here; they were about
   * 0.15·n², i.e. 135 for 30, before requests were held until the resolution loop caught up).
   */
  @Test
  void statusWritesStayLinearWhenManyServiceOwnershipsOverlap() throws Exception {
    create(Manifests.deployment("shop", "a", Map.of(), Map.of("app", "a")));
    create(Manifests.deployment("shop", "b", Map.of(), Map.of("app", "b")));
    startOperator();
    awaitSettled();
    cluster.drainRequests();
    int n = 30;
    for (int i = 0; i < n; i++) {
      create(Manifests.serviceOwnership("shop", "so-" + i, "team-" + i, Map.of()));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              for (int i = 0; i < n; i++) {
                ServiceOwnership so = so("so-" + i);
                assertThat(so.getStatus()).isNotNull();
                assertThat(so.getStatus().getObservedGeneration())
                    .isEqualTo(so.getMetadata().getGeneration());
              }
              assertThat(so("so-0").getStatus().getMatchedWorkloads()).isEqualTo(2);
              assertThat(so("so-0").getStatus().getConflicts()).hasSize(2);
            });
    awaitSettled();
    long statusWrites =
        cluster.drainRequests().stream()
            .filter(r -> r.getMethod().equals("PATCH") && r.getPath().contains("/status"))
            .count();
    assertThat(statusWrites)
        .as("status PATCHes for %d ServiceOwnerships", n)
        .isLessThanOrEqualTo(100L);
  }
}
