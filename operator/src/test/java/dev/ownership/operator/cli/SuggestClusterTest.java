package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownership.operator.testing.MockCluster;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code suggest --cluster} against the CRUD mock API server: live objects carry what manifests
 * rarely do (Helm's and Argo CD's own annotations), and nothing is ever written.
 */
@EnableKubernetesMockClient(crud = true)
class SuggestClusterTest {
  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void suggestsFromWhatTheToolsWroteOnLiveObjectsAndWritesNothing(@TempDir Path dir)
      throws Exception {
    Map<String, String> helm =
        Map.of("meta.helm.sh/release-name", "shop", "meta.helm.sh/release-namespace", "shop");
    client
        .apps()
        .deployments()
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace("shop")
                .withLabels(Map.of("team", "storefront"))
                .withAnnotations(helm)
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("web")
                .withImage("ghcr.io/acme/shop:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    client
        .batch()
        .v1()
        .cronjobs()
        .resource(
            new CronJobBuilder()
                .withNewMetadata()
                .withName("cleanup")
                .withNamespace("shop")
                .withAnnotations(helm)
                .endMetadata()
                .withNewSpec()
                .withSchedule("0 1 * * *")
                .endSpec()
                .build())
        .create();
    while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {} // the seeding above

    MockCluster.CliRun run = MockCluster.runCli(client, dir, "suggest", "--cluster", "-o", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode suggestion = new ObjectMapper().readTree(run.out()).at("/suggestions/0");
    assertThat(suggestion.path("name").asText()).isEqualTo("cleanup");
    assertThat(suggestion.path("team").asText()).isEqualTo("storefront");
    assertThat(suggestion.path("confidence").asText()).isEqualTo("high");
    assertThat(suggestion.at("/evidence/0/message").asText())
        .isEqualTo("same Helm release \"shop\" as Deployment shop/web (owned by storefront)");
    assertThat(suggestion.path("origin").asText()).isEqualTo("cluster CronJob shop/cleanup");
    assertThat(run.err())
        .endsWith("1 unowned workload: 1 with a suggestion (1 high, 0 medium, 0 low), 0 without\n");
    RecordedRequest request;
    while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      assertThat(request.getMethod()).as(request.getPath()).isEqualTo("GET");
    }
  }
}
