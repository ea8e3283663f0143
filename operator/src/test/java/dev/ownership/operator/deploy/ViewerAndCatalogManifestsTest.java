package dev.ownership.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.deploy.Kustomize.Rendered;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Controllers;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.testing.MockCluster;
import dev.ownership.operator.testing.NeedsTool;
import dev.ownership.operator.who.ClusterReader;
import dev.ownership.operator.who.OwnerCards;
import dev.ownership.operator.who.SuggestionSource;
import dev.ownership.operator.who.Target;
import dev.ownership.operator.who.TeamDirectory;
import dev.ownership.operator.who.WhoLookup;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ClusterRole ownership-viewer (aggregated into view) and the Service ownership-catalog, as
 * rendered: the role grants read access to exactly what who and the catalog read — and covers every
 * request who really makes — and the Service reaches the port `run` serves the catalog on.
 */
@EnableKubernetesMockClient(crud = true)
@NeedsTool({"kubectl"})
class ViewerAndCatalogManifestsTest {
  static final Set<String> ENTRY_POINTS =
      Set.of("deploy/base", "deploy/default", "deploy/overlays/cert-manager");
  static Map<String, Rendered> rendered = new java.util.HashMap<>();

  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeAll
  static void render() throws Exception {
    for (String entryPoint : ENTRY_POINTS) rendered.put(entryPoint, Kustomize.render(entryPoint));
  }

  /** (group, resource, verb) the viewer role grants. */
  static Set<List<String>> viewerGrants(Rendered r) {
    JsonNode role = r.get("ClusterRole", "ownership-viewer");
    Set<List<String>> grants = new HashSet<>();
    for (JsonNode rule : role.path("rules")) {
      assertThat(rule.has("resourceNames")).isFalse();
      assertThat(rule.has("nonResourceURLs")).isFalse();
      for (String group : DeployManifestsTest.texts(rule.path("apiGroups")))
        for (String resource : DeployManifestsTest.texts(rule.path("resources")))
          for (String verb : DeployManifestsTest.texts(rule.path("verbs")))
            grants.add(List.of(group, resource, verb));
    }
    return grants;
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy/base", "deploy/default", "deploy/overlays/cert-manager"})
  void viewerReadsExactlyWhatWhoAndTheCatalogReadAndAggregatesIntoView(String entryPoint) {
    Rendered r = rendered.get(entryPoint);
    JsonNode role = r.get("ClusterRole", "ownership-viewer");
    assertThat(role.at("/metadata/labels/rbac.authorization.k8s.io~1aggregate-to-view").asText())
        .isEqualTo("true");
    Set<List<String>> expected = new HashSet<>();
    Map<String, List<String>> read =
        Map.of(
            "", List.of("pods", "services", "namespaces"),
            "apps", List.of("replicasets", "deployments", "statefulsets", "daemonsets"),
            "batch", List.of("jobs", "cronjobs"),
            "ownership.dev", List.of("serviceownerships", "teams"));
    read.forEach(
        (group, resources) -> {
          for (String resource : resources)
            for (String verb : List.of("get", "list", "watch"))
              expected.add(List.of(group, resource, verb));
        });
    assertThat(viewerGrants(r)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(viewerGrants(r)).noneMatch(g -> g.get(1).equals("secrets") || g.contains("*"));
    // Nobody is bound to it here: aggregation hands it to whoever holds view.
    for (JsonNode binding : r.ofKind("ClusterRoleBinding"))
      assertThat(binding.at("/roleRef/name").asText()).isNotEqualTo("ownership-viewer");
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy/base", "deploy/default", "deploy/overlays/cert-manager"})
  void catalogServiceReachesTheCatalogPortOfEveryReplica(String entryPoint) {
    Rendered r = rendered.get(entryPoint);
    JsonNode deployment = r.get("Deployment", DeployManifestsTest.APP);
    JsonNode service = r.get("Service", "ownership-catalog");
    assertThat(service.at("/metadata/namespace").asText()).isEqualTo(DeployManifestsTest.NS);
    JsonNode port = service.at("/spec/ports/0");
    assertThat(port.path("port").asInt()).isEqualTo(8081);
    int catalogPort = DeployManifestsTest.settingsOf(deployment).catalogPort();
    assertThat(catalogPort).isEqualTo(8081);
    assertThat(
            DeployManifestsTest.containerPort(
                DeployManifestsTest.onlyContainer(deployment), port.path("targetPort")))
        .isEqualTo(catalogPort);
    assertThat(DeployManifestsTest.selects(service.at("/spec/selector"), deployment)).isTrue();
  }

  @Test
  void everyRequestWhoMakesIsGrantedByTheViewer() throws Exception {
    MockCluster cluster = new MockCluster(server, client).withCrd();
    Controllers controllers = new Controllers(client);
    controllers.create(Manifests.namespace("shop", Map.of()));
    controllers.create(
        Manifests.serviceOwnership("shop", "checkout", "payments", Map.of("app", "checkout")));
    HasMetadata deployment =
        controllers.create(
            Manifests.deployment("shop", "checkout", Map.of(), Map.of("app", "checkout")));
    ReplicaSet rs =
        controllers.replicaSet("shop", "checkout-1", deployment, Map.of("app", "checkout"));
    controllers.pod("shop", "checkout-1-a", rs, Map.of("app", "checkout"));
    HasMetadata cronJob =
        controllers.create(
            Manifests.workload(
                WorkloadKind.CRONJOB, "shop", "nightly", Map.of(), Map.of("app", "n")));
    Job job = controllers.job("shop", "nightly-1", cronJob, Map.of("app", "n"));
    controllers.pod("shop", "nightly-1-a", job, Map.of("app", "n"));
    controllers.service("shop", "checkout", Map.of("app", "checkout"));
    cluster.drainRequests();

    WhoLookup who =
        new WhoLookup(
            new ClusterReader(client),
            new OwnerResolver(OwnerLabelKeys.DEFAULT),
            new OwnerCards(OwnerLabelKeys.DEFAULT, TeamDirectory.NONE, SuggestionSource.NONE));
    for (String target :
        List.of("pod/checkout-1-a", "pod/nightly-1-a", "svc/checkout", "deploy/checkout")) {
      assertThat(who.lookup(Target.parse(List.of(target)), "shop").cards()).isNotEmpty();
    }
    assertThat(who.team("payments", "shop").cards()).hasSize(1);

    Set<List<String>> granted = viewerGrants(rendered.get("deploy/base"));
    List<PermissionsUsedTest.ApiRequest> requests =
        cluster.drainRequests().stream().map(PermissionsUsedTest.ApiRequest::of).toList();
    assertThat(requests).isNotEmpty();
    for (PermissionsUsedTest.ApiRequest request : requests) {
      assertThat(granted)
          .as("the viewer grants %s", request)
          .contains(List.of(request.apiGroup(), request.resource(), request.verb()));
    }
    assertThat(requests.stream().map(PermissionsUsedTest.ApiRequest::verb).distinct())
        .containsExactlyInAnyOrder("get", "list");
  }
}
