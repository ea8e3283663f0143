package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
    Path kubeconfig = dir.resolve("config");
    Files.writeString(
        kubeconfig,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "current-context: mock",
            "clusters:",
            "- name: mock",
            "  cluster: {server: '" + client.getMasterUrl() + "', insecure-skip-tls-verify: true}",
            "contexts:",
            "- name: mock",
            "  context: {cluster: mock, user: tester}",
            "users:",
            "- name: tester",
            "  user: {token: secret}",
            ""));
    while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {} // the seeding above

    String previous = System.getProperty("kubeconfig");
    System.setProperty("kubeconfig", kubeconfig.toString());
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = OwnershipCli.commandLine();
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(err));
      int code = cli.execute("suggest", "--cluster", "-o", "json");
      assertThat(code).as(err.toString()).isZero();
      JsonNode suggestion = new ObjectMapper().readTree(out.toString()).at("/suggestions/0");
      assertThat(suggestion.path("name").asText()).isEqualTo("cleanup");
      assertThat(suggestion.path("team").asText()).isEqualTo("storefront");
      assertThat(suggestion.path("confidence").asText()).isEqualTo("high");
      assertThat(suggestion.at("/evidence/0/message").asText())
          .isEqualTo("same Helm release \"shop\" as Deployment shop/web (owned by storefront)");
      assertThat(suggestion.path("origin").asText()).isEqualTo("cluster CronJob shop/cleanup");
      assertThat(err.toString())
          .endsWith(
              "1 unowned workload: 1 with a suggestion (1 high, 0 medium, 0 low), 0 without\n");
    } finally {
      if (previous == null) System.clearProperty("kubeconfig");
      else System.setProperty("kubeconfig", previous);
    }
    RecordedRequest request;
    while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      assertThat(request.getMethod()).as(request.getPath()).isEqualTo("GET");
    }
  }
}
