package dev.ownership.operator.deploy;

import static dev.ownership.operator.ownership.OwnershipKeys.STATUS_LABEL;
import static dev.ownership.operator.ownership.OwnershipKeys.TEAM_ANNOTATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ownership.operator.OwnershipOperator;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.deploy.OperatorPermissions.Grant;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.testing.MockApiServer;
import dev.ownership.operator.testing.MockCluster;
import dev.ownership.operator.testing.NeedsTool;
import dev.ownership.operator.testing.TestSettings;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-checks {@link OperatorPermissions#TABLE} (which the rendered RBAC must equal) against the
 * requests the operator really makes. The whole `run` wiring — controller, ServiceOwnership
 * reconciler, Events, webhook with managed certificates, leader election — goes through a realistic
 * scenario on the CRUD mock; every request the operator's client sent (told apart by its
 * User-Agent) is mapped to an RBAC (apiGroup, resource, verb) and must be granted. The other way
 * round, a granted verb the scenario never used must be one the code can use, named below.
 */
@MockApiServer
@NeedsTool({"kubectl"})
class PermissionsUsedTest {
  static final String OPERATOR_AGENT = "ownership-operator/permissions-test";
  static final String TEST_AGENT = "permissions-test/admin";
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String NS = OperatorPermissions.OWN_NAMESPACE;

  /**
   * Granted, not used by this scenario, but used by the code in a path the scenario cannot reach.
   * Every entry names that path. A grant that is neither used nor listed here fails the test.
   */
  static final Map<Grant, String> USED_ELSEWHERE =
      Map.of(
          new Grant(NS, "coordination.k8s.io", "leases", "ownership-operator-leader", "update"),
          "JOSDK LeaderElectionManager.checkLeaseAccess: refuses to start unless a"
              + " SelfSubjectRulesReview shows get, create and update on leases (fabric8's"
              + " LeaseLock renews with PATCH, never PUT)",
          new Grant(NS, "", "secrets", "ownership-webhook-tls", "update"),
          "WebhookCertificateManager.reconcile: renewal of an expiring or incomplete certificate,"
              + " update() with the resourceVersion read (WebhookCertificateManagerTest covers it)",
          new Grant(OperatorPermissions.CLUSTER, "ownership.dev", "serviceownerships", "", "get"),
          "JOSDK ReconciliationDispatcher: a finalizer add/remove patch that gets 409 reads the"
              + " ServiceOwnership again");

  KubernetesMockServer server;
  KubernetesClient client;
  KubernetesClient admin;
  KubernetesClient operatorClient;
  MockCluster cluster;
  OwnershipOperator operator;

  @TempDir Path tls;

  @BeforeEach
  void setUp() throws Exception {
    // The injected client (default User-Agent) stays unused, so that every request is attributed.
    admin = server.createClient(b -> b.editOrNewConfig().withUserAgent(TEST_AGENT).endConfig());
    operatorClient =
        server.createClient(b -> b.editOrNewConfig().withUserAgent(OPERATOR_AGENT).endConfig());
    cluster = new MockCluster(server, admin).withCrd().answeringRulesReviews(grantedRules());
    admin.resource(Manifests.namespace(NS, Map.of())).create();
    admin.resource(Manifests.namespace("shop", Map.of())).create();
    admin
        .resource(Manifests.namespace("storefront", Map.of("ownership.dev/team", "storefront")))
        .create();
    admin.resource(renderedWebhookConfiguration()).create();
  }

  @AfterEach
  void tearDown() {
    if (operator != null) operator.close();
    operatorClient.close();
    admin.close();
  }

  /** What a SelfSubjectRulesReview in the operator's namespace answers for the granted table. */
  static List<ResourceRule> grantedRules() {
    return OperatorPermissions.TABLE.stream()
        .map(
            row ->
                new ResourceRuleBuilder()
                    .withApiGroups(row.apiGroup())
                    .withResources(row.resources())
                    .withResourceNames(row.resourceNames())
                    .withVerbs(row.verbs())
                    .build())
        .toList();
  }

  ValidatingWebhookConfiguration renderedWebhookConfiguration() throws Exception {
    var rendered =
        Kustomize.render("deploy/default")
            .get("ValidatingWebhookConfiguration", "ownership-operator");
    return admin
        .getKubernetesSerialization()
        .convertValue(rendered, ValidatingWebhookConfiguration.class);
  }

  void create(HasMetadata resource) {
    admin.resource(resource).create();
  }

  ServiceOwnership so(String ns, String name) {
    return admin.resources(ServiceOwnership.class).inNamespace(ns).withName(name).get();
  }

  Map<String, String> labels(WorkloadKind kind, String ns, String name) {
    return cluster.labels(kind, ns, name);
  }

  List<Event> events(String ns, String reason) {
    return admin.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  @Test
  void everyRequestIsGrantedAndEveryGrantIsUsed() throws Exception {
    // Workloads that exist before the operator starts: the initial resolution writes them.
    for (WorkloadKind kind : WorkloadKind.values()) {
      create(
          Manifests.workload(
              kind,
              "shop",
              "labelled-" + kind.plural(),
              Map.of("team", "payments"),
              Map.of("app", "labelled")));
    }
    create(Manifests.deployment("storefront", "web", Map.of(), Map.of("app", "web")));

    operator =
        OwnershipOperator.start(
            TestSettings.leaderElectedWithWebhook(
                tls.resolve("tls.crt"), tls.resolve("tls.key"), true),
            operatorClient,
            false);
    await()
        .atMost(WAIT)
        .until(() -> operator.registry().get("ownership.leader").gauge().value() == 1);
    await().atMost(WAIT).until(() -> operator.controller().isSynced());
    assertThat(Files.readString(tls.resolve("tls.crt"))).contains("BEGIN CERTIFICATE");
    assertThat(admin.secrets().inNamespace(NS).withName("ownership-webhook-tls").get()).isNotNull();
    assertThat(
            admin
                .admissionRegistration()
                .v1()
                .validatingWebhookConfigurations()
                .withName("ownership-operator")
                .get()
                .getWebhooks()
                .get(0)
                .getClientConfig()
                .getCaBundle())
        .isNotBlank();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (WorkloadKind kind : WorkloadKind.values()) {
                assertThat(labels(kind, "shop", "labelled-" + kind.plural()))
                    .containsEntry(STATUS_LABEL, "owned");
              }
              assertThat(labels(WorkloadKind.DEPLOYMENT, "storefront", "web"))
                  .containsEntry(STATUS_LABEL, "owned");
            });

    // A Team: the registry's informer reads it, its reconciler patches its status.
    create(Manifests.team("payments", "pay"));
    // The first Team puts the registry in use and re-resolves every workload before the Team's
    // status can count them. Once, in the full suite, no status arrived within WAIT (cause not
    // found; it passes alone in under 10 s), so this step gets three times as long.
    await()
        .atMost(WAIT.multipliedBy(3))
        .untilAsserted(
            () -> {
              Team team = admin.resources(Team.class).withName("payments").get();
              assertThat(team.getStatus()).isNotNull();
              assertThat(team.getStatus().getWorkloads()).isPositive();
            });

    // A ServiceOwnership, workloads it owns, one in conflict with it, one nobody owns, one with an
    // invalid owner label, and a Job of a CronJob (not a workload of its own).
    create(Manifests.serviceOwnership("shop", "checkout", "payments", Map.of("app", "checkout")));
    create(Manifests.deployment("shop", "checkout-api", Map.of(), Map.of("app", "checkout")));
    create(
        Manifests.workload(
            WorkloadKind.STATEFULSET, "shop", "checkout-db", Map.of(), Map.of("app", "checkout")));
    create(
        Manifests.deployment(
            "shop", "checkout-worker", Map.of("team", "fulfilment"), Map.of("app", "checkout")));
    create(Manifests.deployment("shop", "orphan", Map.of(), Map.of("app", "orphan")));
    create(Manifests.deployment("shop", "odd", Map.of("team", "Not_A_Team"), Map.of("app", "odd")));
    Job child =
        (Job)
            Manifests.workload(
                WorkloadKind.JOB,
                "shop",
                "labelled-cronjobs-1",
                Map.of(),
                Map.of("app", "labelled"));
    child
        .getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion("batch/v1")
                    .withKind("CronJob")
                    .withName("labelled-cronjobs")
                    .withUid("uid-cron")
                    .withController(true)
                    .build()));
    create(child);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(labels(WorkloadKind.DEPLOYMENT, "shop", "checkout-api"))
                  .containsEntry(STATUS_LABEL, "owned");
              assertThat(labels(WorkloadKind.STATEFULSET, "shop", "checkout-db"))
                  .containsEntry(STATUS_LABEL, "owned");
              assertThat(labels(WorkloadKind.DEPLOYMENT, "shop", "checkout-worker"))
                  .containsEntry(STATUS_LABEL, "conflict");
              assertThat(labels(WorkloadKind.DEPLOYMENT, "shop", "orphan"))
                  .containsEntry(STATUS_LABEL, "unowned");
              assertThat(events("shop", "Unowned")).isNotEmpty();
              assertThat(events("shop", "OwnershipConflict")).isNotEmpty();
              assertThat(events("shop", "InvalidOwnerLabel")).isNotEmpty();
              ServiceOwnership so = so("shop", "checkout");
              assertThat(so.getMetadata().getFinalizers()).isNotEmpty();
              assertThat(so.getStatus()).isNotNull();
              assertThat(so.getStatus().getMatchedWorkloads()).isEqualTo(2);
              assertThat(so.getStatus().getConflicts()).hasSize(1);
            });

    // The ServiceOwnership changes team: annotations and status follow.
    admin
        .resources(ServiceOwnership.class)
        .inNamespace("shop")
        .withName("checkout")
        .edit(
            so -> {
              so.getSpec().setTeam("checkout-team");
              return so;
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(cluster.annotations(WorkloadKind.DEPLOYMENT, "shop", "checkout-api"))
                  .containsEntry(TEAM_ANNOTATION, "checkout-team");
              assertThat(so("shop", "checkout").getStatus().getObservedGeneration())
                  .isEqualTo(so("shop", "checkout").getMetadata().getGeneration());
            });

    // The namespace gets a team: unowned workloads fall back to it.
    admin
        .namespaces()
        .withName("shop")
        .edit(
            ns -> {
              ns.getMetadata().setLabels(Map.of("ownership.dev/team", "shop-team"));
              return ns;
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(labels(WorkloadKind.DEPLOYMENT, "shop", "orphan"))
                    .containsEntry(STATUS_LABEL, "owned"));

    // The ServiceOwnership is deleted: the finalizer runs, its workloads fall back to the
    // namespace.
    admin.resources(ServiceOwnership.class).inNamespace("shop").withName("checkout").delete();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(so("shop", "checkout")).isNull();
              assertThat(cluster.annotations(WorkloadKind.DEPLOYMENT, "shop", "checkout-api"))
                  .containsEntry(TEAM_ANNOTATION, "shop-team")
                  .containsEntry("ownership.dev/source", "namespace");
            });
    await().atMost(WAIT).until(() -> operator.controller().isIdle());

    List<RecordedRequest> requests = cluster.drainRequests();
    Set<String> agents =
        requests.stream()
            .map(r -> r.getHeader("User-Agent"))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(agents)
        .as("every request is the test's or the operator's")
        .containsExactlyInAnyOrder(TEST_AGENT, OPERATOR_AGENT);

    List<ApiRequest> used =
        requests.stream()
            .filter(r -> OPERATOR_AGENT.equals(r.getHeader("User-Agent")))
            .map(ApiRequest::of)
            .toList();
    Set<Grant> granted = OperatorPermissions.expected(true);

    // Every API version the operator called (the framework's too) is a supported one.
    Set<String> apiVersions =
        used.stream().map(ApiRequest::apiVersion).collect(Collectors.toCollection(TreeSet::new));
    assertThat(apiVersions).contains("coordination.k8s.io/v1", "authorization.k8s.io/v1");
    assertThat(SupportedKubernetesVersionsTest.documented())
        .as("docs/install.md lists the API versions the operator called")
        .containsAll(apiVersions);

    // Every authenticated user may create SelfSubjectRulesReviews (ClusterRole system:basic-user):
    // JOSDK asks one before leader election; it needs no grant of ours.
    assertThat(used).anyMatch(ApiRequest::isRulesReview);
    List<String> ungranted =
        used.stream()
            .filter(u -> !u.isRulesReview() && granted.stream().noneMatch(u::grantedBy))
            .map(ApiRequest::toString)
            .distinct()
            .sorted()
            .toList();
    assertThat(ungranted).as("requests the operator made that the RBAC does not grant").isEmpty();

    // managedFields credit the operator for every write: its own (Secret, caBundle, Events,
    // workload patches) and the ones JOSDK and fabric8's leader elector send for it (status and
    // finalizer patches, Lease create and renewals, the rules review).
    List<String> unnamed =
        MockCluster.writesNotNamingTheOperator(
            requests.stream()
                .filter(r -> OPERATOR_AGENT.equals(r.getHeader("User-Agent")))
                .toList());
    assertThat(used).anyMatch(u -> u.resource().equals("leases") && !u.verb().equals("get"));
    assertThat(used).anyMatch(u -> u.resource().endsWith("/status"));
    assertThat(unnamed)
        .as("writes that do not name the field manager ownership-operator")
        .isEmpty();

    assertThat(granted)
        .as("USED_ELSEWHERE names only granted verbs")
        .containsAll(USED_ELSEWHERE.keySet());
    Map<String, String> unused = new TreeMap<>();
    for (Grant grant : granted) {
      if (used.stream().noneMatch(u -> u.grantedBy(grant)) && !USED_ELSEWHERE.containsKey(grant)) {
        unused.put(grant.toString(), "granted but neither used nor named in USED_ELSEWHERE");
      }
    }
    assertThat(unused).as("granted verbs the operator's code never uses").isEmpty();
  }

  /** One request as RBAC sees it. */
  record ApiRequest(
      String method,
      String path,
      String namespace,
      String apiGroup,
      String resource,
      String name,
      String verb) {
    static ApiRequest of(RecordedRequest request) {
      URI uri = URI.create(request.getPath());
      List<String> segments =
          Arrays.stream(uri.getPath().split("/")).filter(s -> !s.isEmpty()).toList();
      // /api/v1/... or /apis/<group>/<version>/...
      boolean core = segments.get(0).equals("api");
      String group = core ? "" : segments.get(1);
      List<String> rest = new ArrayList<>(segments.subList(core ? 2 : 3, segments.size()));
      String namespace = "";
      if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
        namespace = rest.get(1);
        rest = rest.subList(2, rest.size());
      }
      String resource = rest.get(0) + (rest.size() >= 3 ? "/" + rest.get(2) : "");
      String name = rest.size() >= 2 ? rest.get(1) : "";
      String query = uri.getQuery() == null ? "" : uri.getQuery();
      String verb =
          switch (request.getMethod()) {
            case "GET" -> !name.isEmpty() ? "get" : query.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name.isEmpty() ? "deletecollection" : "delete";
            default -> throw new AssertionError("unexpected method " + request.getRequestLine());
          };
      return new ApiRequest(
          request.getMethod(), uri.getPath(), namespace, group, resource, name, verb);
    }

    /** {@code v1} for the core group, else {@code group/version}, as in an object's apiVersion. */
    String apiVersion() {
      List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
      return segments.get(0).equals("api")
          ? segments.get(1)
          : segments.get(1) + "/" + segments.get(2);
    }

    boolean isRulesReview() {
      return apiGroup.equals("authorization.k8s.io")
          && resource.equals("selfsubjectrulesreviews")
          && verb.equals("create");
    }

    /**
     * A cluster-wide grant (ClusterRole) covers every namespace; a namespaced one (Role) only its
     * own.
     */
    boolean grantedBy(Grant grant) {
      return grant.apiGroup().equals(apiGroup)
          && grant.resource().equals(resource)
          && grant.verb().equals(verb)
          && (grant.namespace().isEmpty() || grant.namespace().equals(namespace))
          && (grant.resourceName().isEmpty() || grant.resourceName().equals(name));
    }

    @Override
    public String toString() {
      return verb
          + " "
          + (apiGroup.isEmpty() ? "core" : apiGroup)
          + " "
          + resource
          + (name.isEmpty() ? "" : " " + name)
          + (namespace.isEmpty() ? "" : " in " + namespace)
          + " ("
          + method
          + " "
          + path
          + ")";
    }
  }
}
