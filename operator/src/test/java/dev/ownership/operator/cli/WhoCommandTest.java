package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownership.operator.api.Contact;
import dev.ownership.operator.api.ContactType;
import dev.ownership.operator.api.Lifecycle;
import dev.ownership.operator.api.Link;
import dev.ownership.operator.api.Objective;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Controllers;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code who} against the CRUD mock: every kind it starts from, every chain it follows, and what it
 * prints and returns. Nothing here runs the operator, so no workload carries an ownership
 * annotation: every answer comes from resolving what who read.
 */
@EnableKubernetesMockClient(crud = true)
class WhoCommandTest {
  static final String NS = "shop";

  KubernetesMockServer server;
  KubernetesClient client;
  Controllers controllers;

  record Run(int exitCode, String out, String err) {
    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(out);
    }
  }

  Run who(String... args) {
    return who(client, args);
  }

  /** The real top-level command line, with who reading through the test's client. */
  static Run who(KubernetesClient client, String... args) {
    CommandLine cli =
        new CommandLine(
            new OwnershipCli(),
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> type) throws Exception {
                if (type == WhoCommand.class) return type.cast(new WhoCommand(client));
                return CommandLine.defaultFactory().create(type);
              }
            });
    cli.setExitCodeExceptionMapper(e -> 2);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] whoArgs = new String[args.length + 1];
    whoArgs[0] = "who";
    System.arraycopy(args, 0, whoArgs, 1, args.length);
    int code = cli.execute(whoArgs);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void seed() throws Exception {
    new MockCluster(server, client).withCrd();
    controllers = new Controllers(client);
    controllers.create(Manifests.namespace(NS, Map.of()));
    controllers.create(Manifests.namespace("payments", Map.of("ownership.dev/team", "payments")));
    ServiceOwnership checkout =
        Manifests.serviceOwnership(NS, "checkout", "payments", Map.of("app", "checkout"));
    checkout.getSpec().setService("checkout-api");
    checkout.getSpec().setDescription("Turns carts into orders");
    checkout.getSpec().setTier(1);
    checkout.getSpec().setLifecycle(Lifecycle.PRODUCTION);
    checkout
        .getSpec()
        .setContacts(
            List.of(
                new Contact(ContactType.SLACK, "#payments-oncall", null),
                new Contact(ContactType.PAGERDUTY, "PCHK001", "Checkout rota"),
                new Contact(ContactType.EMAIL, "payments@example.com", "Payments team")));
    checkout
        .getSpec()
        .setLinks(
            List.of(
                new Link("dashboard", "https://grafana.example.com/d/checkout"),
                new Link("runbook", "https://runbooks.example.com/checkout")));
    checkout
        .getSpec()
        .setObjectives(List.of(new Objective("availability", 99.9, "30d", "non-5xx / all")));
    controllers.create(checkout);
  }

  HasMetadata workload(
      WorkloadKind kind,
      String ns,
      String name,
      Map<String, String> own,
      Map<String, String> template) {
    return controllers.create(Manifests.workload(kind, ns, name, own, template));
  }

  @Test
  void podOfAReplicaSetOfADeploymentGetsTheServiceOwnershipsCard() throws Exception {
    HasMetadata deployment =
        workload(WorkloadKind.DEPLOYMENT, NS, "checkout", Map.of(), Map.of("app", "checkout"));
    ReplicaSet rs =
        controllers.replicaSet(NS, "checkout-7d4b9c", deployment, Map.of("app", "checkout"));
    controllers.pod(NS, "checkout-7d4b9c-x2k4p", rs, Map.of("app", "checkout"));

    Run run = who("pod/checkout-7d4b9c-x2k4p", "-n", NS);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines())
        .containsExactly(
            "Deployment shop/checkout",
            "  chain       pod/checkout-7d4b9c-x2k4p -> replicaset/checkout-7d4b9c ->"
                + " deployment/checkout",
            "  status      owned",
            "  team        payments",
            "  source      ServiceOwnership/checkout",
            "  service     checkout-api: Turns carts into orders",
            "  tier        1",
            "  lifecycle   production",
            "  on-call     pagerduty  PCHK001 (Checkout rota)",
            "  contact     slack      #payments-oncall",
            "  contact     email      payments@example.com (Payments team)",
            "  runbook     https://runbooks.example.com/checkout",
            "  link        dashboard  https://grafana.example.com/d/checkout",
            "  objective   availability 99.9% over 30d (non-5xx / all)");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void podOfAJobOfACronJobLeadsToTheCronJob() {
    HasMetadata cronJob =
        workload(WorkloadKind.CRONJOB, "payments", "settlement", Map.of(), Map.of("app", "settle"));
    Job job = controllers.job("payments", "settlement-29001", cronJob, Map.of("app", "settle"));
    controllers.pod("payments", "settlement-29001-abcde", job, Map.of("app", "settle"));

    Run run = who("po", "settlement-29001-abcde", "-n", "payments");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("CronJob payments/settlement\n")
        .contains(
            "  chain       pod/settlement-29001-abcde -> job/settlement-29001 ->"
                + " cronjob/settlement\n")
        .contains("  team        payments\n")
        .contains("  source      namespace\n");
  }

  @Test
  void aJobOfACronJobNamedDirectlyAlsoLeadsToTheCronJob() {
    HasMetadata cronJob =
        workload(WorkloadKind.CRONJOB, "payments", "settlement", Map.of(), Map.of("app", "settle"));
    controllers.job("payments", "settlement-29001", cronJob, Map.of("app", "settle"));

    Run run = who("job/settlement-29001", "-n", "payments");

    assertThat(run.out()).contains("  chain       job/settlement-29001 -> cronjob/settlement\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"STATEFULSET", "DAEMONSET", "JOB"})
  void podOfAStatefulSetDaemonSetOrBareJobLeadsToIt(String kindName) {
    WorkloadKind kind = WorkloadKind.valueOf(kindName);
    HasMetadata owner = workload(kind, NS, "db", Map.of("team", "data"), Map.of("app", "db"));
    controllers.pod(NS, "db-0", owner, Map.of("app", "db"));

    Run run = who("pod/db-0", "-n", NS);

    assertThat(run.exitCode()).as(run.err()).isZero();
    String slash = kind.kind().toLowerCase(java.util.Locale.ROOT) + "/db";
    assertThat(run.out())
        .startsWith(kind.kind() + " shop/db\n")
        .contains("  chain       pod/db-0 -> " + slash + "\n")
        .contains("  team        data\n")
        .contains("  source      label\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "deployment/api",
        "deploy/api",
        "deployments/api",
        "Deployment/api",
        "deployments.apps/api"
      })
  void workloadsAreNamedTheWayKubectlNamesThem(String target) {
    workload(WorkloadKind.DEPLOYMENT, NS, "api", Map.of("team", "web"), Map.of("app", "api"));
    Run run = who(target, "-n", NS);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("Deployment shop/api\n").doesNotContain("chain");
  }

  @Test
  void shortNamesOfEveryKindWork() {
    workload(WorkloadKind.STATEFULSET, NS, "db", Map.of("team", "data"), Map.of("app", "db"));
    workload(WorkloadKind.DAEMONSET, NS, "agent", Map.of("team", "infra"), Map.of("app", "agent"));
    workload(WorkloadKind.CRONJOB, NS, "nightly", Map.of("team", "data"), Map.of("app", "nightly"));
    workload(WorkloadKind.JOB, NS, "once", Map.of("team", "data"), Map.of("app", "once"));
    ReplicaSet rs = controllers.replicaSet(NS, "web-1", null, Map.of("app", "web"));
    controllers.service(NS, "db", Map.of("app", "db"));

    assertThat(who("sts/db", "-n", NS).out()).startsWith("StatefulSet shop/db\n");
    assertThat(who("ds/agent", "-n", NS).out()).startsWith("DaemonSet shop/agent\n");
    assertThat(who("cj/nightly", "-n", NS).out()).startsWith("CronJob shop/nightly\n");
    assertThat(who("jobs/once", "-n", NS).out()).startsWith("Job shop/once\n");
    assertThat(who("svc/db", "-n", NS).out()).startsWith("StatefulSet shop/db\n");
    assertThat(who("rs/" + rs.getMetadata().getName(), "-n", NS).out())
        .startsWith("replicaset/web-1 has no controller");
  }

  @Test
  void aBareReplicaSetHasNoOwnerAndSaysWhy() {
    controllers.replicaSet(NS, "legacy", null, Map.of("app", "legacy", "team", "web"));

    Run run = who("replicaset/legacy", "-n", NS);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .isEqualTo(
            "replicaset/legacy has no controller, so no workload owns it (owners belong to"
                + " Deployments, StatefulSets, DaemonSets, Jobs and CronJobs).\n");
  }

  @Test
  void anOrphanedPodGetsOneLineAndExitCodeOne() throws Exception {
    controllers.pod(NS, "debug", null, Map.of("app", "debug"));

    Run run = who("pod/debug", "-n", NS);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().lines()).hasSize(1);
    assertThat(run.out()).startsWith("pod/debug has no controller, so no workload owns it");
    Run json = who("pod/debug", "-n", NS, "-o", "json");
    assertThat(json.json().path("workloads")).isEmpty();
    assertThat(json.json().path("message").asText()).startsWith("pod/debug has no controller");
    assertThat(json.json().path("exitCode").asInt()).isEqualTo(1);
  }

  @Test
  void aPodControlledBySomethingElseNamesItsController() {
    // Only its ownerReference matters: who never reads kinds it does not track.
    HasMetadata rollout =
        new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
            .withApiVersion("argoproj.io/v1alpha1")
            .withKind("Rollout")
            .withNewMetadata()
            .withNamespace(NS)
            .withName("canary")
            .withUid("rollout-uid")
            .endMetadata()
            .build();
    controllers.pod(NS, "canary-abc", rollout, Map.of("app", "canary"));

    Run run = who("pod/canary-abc", "-n", NS);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("pod/canary-abc is controlled by Rollout/canary (argoproj.io/v1alpha1)");
  }

  @Test
  void aServiceLeadsToEveryWorkloadItsSelectorMatchesEachWithItsOwnOwner() throws Exception {
    // Both pod templates carry app=storefront; their owners differ.
    workload(
        WorkloadKind.DEPLOYMENT, NS, "web", Map.of(), Map.of("app", "storefront", "team", "web"));
    workload(
        WorkloadKind.DEPLOYMENT,
        NS,
        "checkout",
        Map.of(),
        Map.of("app", "storefront", "part", "checkout"));
    ServiceOwnership part =
        Manifests.serviceOwnership(NS, "checkout-part", "payments", Map.of("part", "checkout"));
    controllers.create(part);
    // Own labels do not count for a Service: its pods carry only the template's.
    workload(WorkloadKind.DEPLOYMENT, NS, "other", Map.of("app", "storefront"), Map.of("app", "x"));
    controllers.service(NS, "storefront", Map.of("app", "storefront"));

    Run run = who("service/storefront", "-n", NS, "-o", "json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode workloads = run.json().path("workloads");
    assertThat(workloads).hasSize(2);
    assertThat(workloads.get(0).path("name").asText()).isEqualTo("checkout");
    assertThat(workloads.get(0).at("/team/name").asText()).isEqualTo("payments");
    assertThat(workloads.get(0).path("source").asText())
        .isEqualTo("ServiceOwnership/checkout-part");
    assertThat(workloads.get(0).path("chain").toString())
        .isEqualTo("[\"service/storefront\",\"deployment/checkout\"]");
    assertThat(workloads.get(1).path("name").asText()).isEqualTo("web");
    assertThat(workloads.get(1).at("/team/name").asText()).isEqualTo("web");
    assertThat(workloads.get(1).path("source").asText()).isEqualTo("label");
  }

  @Test
  void aServiceThatReachesAnUnownedWorkloadExitsOne() {
    workload(WorkloadKind.DEPLOYMENT, NS, "web", Map.of(), Map.of("app", "web", "team", "web"));
    workload(WorkloadKind.DEPLOYMENT, NS, "web-legacy", Map.of(), Map.of("app", "web"));
    controllers.service(NS, "web", Map.of("app", "web"));

    Run run = who("svc/web", "-n", NS);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("Deployment shop/web\n")
        .contains("Deployment shop/web-legacy\n");
  }

  @Test
  void anUnownedWorkloadSaysHowToFixIt() {
    workload(WorkloadKind.DEPLOYMENT, NS, "scratch", Map.of(), Map.of("app", "scratch"));

    Run run = who("deploy/scratch", "-n", NS);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().lines())
        .containsExactly(
            "Deployment shop/scratch",
            "  status      unowned",
            "  fix         Deployment shop/scratch has no owner. Add label"
                + " ownership.dev/team=<team>, or make a ServiceOwnership in namespace shop select"
                + " it (existing: checkout selects app=checkout).");
  }

  @Test
  void aConflictIsShownAndExitsOne() {
    workload(
        WorkloadKind.DEPLOYMENT,
        NS,
        "checkout-canary",
        Map.of(),
        Map.of("app", "checkout", "team", "growth"));

    Run run = who("deploy/checkout-canary", "-n", NS);

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("  status      conflict\n")
        .contains("  team        growth\n")
        .contains(
            "  conflict    label team=growth overrides ServiceOwnership checkout (team"
                + " payments)\n");
    // The losing ServiceOwnership names another team: its contacts are not this team's.
    assertThat(run.out()).doesNotContain("#payments-oncall");
  }

  @Test
  void resolvesFromWhatItReadsNotFromStaleAnnotations() {
    HasMetadata stale = Manifests.deployment(NS, "checkout", Map.of(), Map.of("app", "checkout"));
    stale.getMetadata().setAnnotations(Map.of("ownership.dev/team", "someone-else"));
    stale.getMetadata().setLabels(Map.of("ownership.dev/status", "unowned"));
    controllers.create(stale);

    Run run = who("deploy/checkout", "-n", NS);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("  team        payments\n").doesNotContain("someone-else");
  }

  @Test
  void aMissingObjectOrControllerIsOneLineAndExitCodeTwo() {
    Run run = who("pod/nope", "-n", NS);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("error: pod/nope not found in namespace shop\n");

    HasMetadata gone = Manifests.deployment(NS, "gone", Map.of(), Map.of("app", "gone"));
    gone.getMetadata().setUid("uid-of-the-deleted-one");
    ReplicaSet rs = controllers.replicaSet(NS, "gone-1", gone, Map.of("app", "gone"));
    Run orphaned = who("rs/" + rs.getMetadata().getName(), "-n", NS);
    assertThat(orphaned.exitCode()).isEqualTo(2);
    assertThat(orphaned.err())
        .isEqualTo(
            "error: deployment/gone, the controller of replicaset/gone-1, not found in namespace"
                + " shop\n");
  }

  @Test
  void theNamespaceDefaultsToTheKubeconfigContexts() {
    String contextNamespace = client.getConfiguration().getNamespace();
    assertThat(contextNamespace).isNotBlank();
    controllers.create(Manifests.namespace(contextNamespace, Map.of("ownership.dev/team", "ctx")));
    workload(WorkloadKind.DEPLOYMENT, contextNamespace, "here", Map.of(), Map.of("app", "here"));

    Run run = who("deploy/here");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("Deployment " + contextNamespace + "/here\n");
  }

  @Test
  void jsonCarriesTheWholeCard() throws Exception {
    HasMetadata deployment =
        workload(WorkloadKind.DEPLOYMENT, NS, "checkout", Map.of(), Map.of("app", "checkout"));
    ReplicaSet rs = controllers.replicaSet(NS, "checkout-1", deployment, Map.of("app", "checkout"));
    controllers.pod(NS, "checkout-1-a", rs, Map.of("app", "checkout"));

    Run run = who("pod/checkout-1-a", "-n", NS, "-o", "json");

    JsonNode root = run.json();
    assertThat(root.path("target").asText()).isEqualTo("pod/checkout-1-a");
    assertThat(root.path("namespace").asText()).isEqualTo(NS);
    assertThat(root.path("exitCode").asInt()).isZero();
    assertThat(root.has("message")).isFalse();
    JsonNode card = root.path("workloads").get(0);
    assertThat(fieldNames(card))
        .containsExactly(
            "kind",
            "namespace",
            "name",
            "chain",
            "status",
            "team",
            "source",
            "service",
            "onCall",
            "contacts",
            "links",
            "objectives",
            "conflicts",
            "invalidLabels",
            "unknownTeams",
            "fix",
            "suggestion");
    assertThat(card.path("kind").asText()).isEqualTo("Deployment");
    assertThat(card.path("status").asText()).isEqualTo("owned");
    assertThat(card.path("team").toString())
        .isEqualTo("{\"name\":\"payments\",\"registered\":false}");
    assertThat(card.path("service").toString())
        .isEqualTo(
            "{\"namespace\":\"shop\",\"serviceOwnership\":\"checkout\",\"name\":\"checkout-api\","
                + "\"description\":\"Turns"
                + " carts into orders\",\"tier\":1,\"lifecycle\":\"production\"}");
    assertThat(card.path("onCall").toString())
        .isEqualTo(
            "[{\"type\":\"pagerduty\",\"value\":\"PCHK001\",\"name\":\"Checkout rota\","
                + "\"from\":\"ServiceOwnership/checkout\"}]");
    assertThat(card.path("contacts")).hasSize(2);
    assertThat(card.at("/links/0/name").asText()).isEqualTo("runbook");
    assertThat(card.at("/objectives/0").toString())
        .isEqualTo(
            "{\"name\":\"availability\",\"target\":99.9,\"window\":\"30d\",\"description\":\"non-5xx"
                + " / all\"}");
    assertThat(card.path("fix").isNull()).isTrue();
    assertThat(card.path("suggestion").isNull()).isTrue();
  }

  @Test
  void teamListsWhatItOwnsAcrossNamespaces() throws Exception {
    workload(WorkloadKind.DEPLOYMENT, NS, "checkout", Map.of(), Map.of("app", "checkout"));
    workload(WorkloadKind.DEPLOYMENT, "payments", "ledger", Map.of(), Map.of("app", "ledger"));
    workload(WorkloadKind.DEPLOYMENT, NS, "cart", Map.of("team", "web"), Map.of("app", "cart"));

    Run run = who("--team", "payments");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Team payments: 2 workload(s), 1 ServiceOwnership(s)")
        .containsPattern("payments\\s+Deployment\\s+ledger\\s+owned\\s+-\\s+namespace")
        .containsPattern(
            "shop\\s+Deployment\\s+checkout\\s+owned\\s+checkout-api\\s+ServiceOwnership/checkout")
        .doesNotContain("cart");
    JsonNode json = who("--team", "payments", "-o", "json").json();
    assertThat(json.at("/team/name").asText()).isEqualTo("payments");
    assertThat(json.path("workloads")).hasSize(2);
    assertThat(json.at("/services/0/serviceOwnership").asText()).isEqualTo("checkout");

    Run unknown = who("--team", "nobody");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("error: team nobody owns nothing");
  }

  @Test
  void badArgumentsAreUsageErrorsWithExitCodeTwo() {
    assertThat(who().exitCode()).isEqualTo(2);
    Run badKind = who("configmap/x");
    assertThat(badKind.exitCode()).isEqualTo(2);
    assertThat(badKind.err()).contains("'configmap' is not a kind who knows; use one of pod (po)");
    assertThat(who("pod/x", "-o", "yaml").err())
        .contains("--output: 'yaml' is not one of text, json");
    assertThat(who("--team", "Not_A_Team").err()).contains("--team: 'Not_A_Team' is not");
    assertThat(who("pod/x", "--team", "a").err()).contains("give either TARGET or --team");
    assertThat(who("pod/Bad\u001b[31m").err()).contains("\\u001b").doesNotContain("\u001b");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
