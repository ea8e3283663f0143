package dev.ownership.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.api.TeamSpec;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.testing.MockApiServer;
import dev.ownership.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit --cluster} lists the cluster's Teams and judges team values by them (§8). */
@MockApiServer
class ClusterTeamsAuditTest {
  KubernetesMockServer server;
  KubernetesClient client;

  @BeforeEach
  void seed() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("shop")
                .withLabels(Map.of("ownership.dev/team", "payments"))
                .endMetadata()
                .build())
        .create();
    deployment("checkout", "pay");
    deployment("refunds", "paymnts");
  }

  private void deployment(String name, String team) {
    client
        .apps()
        .deployments()
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("shop")
                .withLabels(Map.of("team", team))
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .build())
        .create();
  }

  private void registerPayments() {
    Team team = new Team();
    team.setMetadata(new ObjectMetaBuilder().withName("payments").build());
    TeamSpec spec = new TeamSpec();
    spec.setAliases(List.of("pay"));
    team.setSpec(spec);
    client.resources(Team.class).resource(team).create();
  }

  private List<String> rows(TeamRegistryMode mode) {
    ManifestReader.Result input = ClusterManifests.read(client, 2);
    ManifestInventory inventory = ManifestInventory.of(input.documents(), "default", false, mode);
    AuditReport report =
        new Auditor(new OwnerResolver(OwnerLabelKeys.DEFAULT))
            .audit(inventory, input.problems(), input.notices());
    return report.workloads().stream()
        .map(
            w ->
                w.ref()
                    + " "
                    + w.resolution().team()
                    + " "
                    + w.resolution().source().annotationValue()
                    + " "
                    + ReportWriter.registryCell(w, report.teams()))
        .toList();
  }

  @Test
  void theClustersTeamsCanonicaliseAliasesAndCatchTypos() throws Exception {
    registerPayments();
    assertThat(rows(TeamRegistryMode.WARN))
        .containsExactly(
            "Deployment shop/checkout payments label alias pay",
            "Deployment shop/refunds paymnts label unknown paymnts (did you mean payments?)");
    // Enforced: the typo owns nothing, the namespace's team does.
    assertThat(rows(TeamRegistryMode.ENFORCE))
        .containsExactly(
            "Deployment shop/checkout payments label alias pay",
            "Deployment shop/refunds payments namespace unknown paymnts (did you mean payments?)");

    List<String> lists = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      if (request.getMethod().equals("GET")) lists.add(request.getPath());
    }
    // Cluster-scoped, page by page like the rest.
    assertThat(lists).contains("/apis/ownership.dev/v1alpha1/teams?limit=2");
  }

  @Test
  void noTeamInTheClusterMeansNoRegistry() {
    assertThat(rows(TeamRegistryMode.ENFORCE))
        .containsExactly(
            "Deployment shop/checkout pay label -", "Deployment shop/refunds paymnts label -");
  }

  @Test
  void theCommandWithTeamRegistryEnforce(@TempDir Path dir) throws Exception {
    registerPayments();
    MockCluster.CliRun run =
        MockCluster.runCli(
            client, dir, "audit", "--cluster", "-o", "json", "--team-registry", "enforce");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.at("/summary/teamRegistry/mode").asText()).isEqualTo("enforce");
    assertThat(json.at("/summary/teamRegistry/teams").asInt()).isEqualTo(1);
    JsonNode refunds = json.at("/workloads/1");
    assertThat(refunds.path("name").asText()).isEqualTo("refunds");
    assertThat(refunds.path("team").asText()).isEqualTo("payments");
    assertThat(refunds.path("source").asText()).isEqualTo("namespace");
    assertThat(refunds.at("/unknownTeams/0/didYouMean/0").asText()).isEqualTo("payments");
    assertThat(refunds.at("/findings/0/rule").asText()).isEqualTo("unknown-team");
    assertThat(refunds.at("/findings/0/hint").asText())
        .endsWith("the registry is enforced, so until then label team owns nothing");
    assertThat(json.at("/workloads/0/aliases/pay").asText()).isEqualTo("payments");
  }
}
