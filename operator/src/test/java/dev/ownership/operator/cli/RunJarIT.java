package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ownership.operator.api.Team;
import dev.ownership.operator.demo.InProcessApiServer;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.testing.MockCluster;
import dev.ownership.operator.testing.OperatorProcess;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, started as its own process with `run`, against an API server reached through a
 * kubeconfig file.
 */
class RunJarIT {
  @TempDir Path temp;

  @Test
  void runAnnotatesADeploymentAndServesProbes() throws Exception {
    try (InProcessApiServer api = InProcessApiServer.start();
        KubernetesClient client = api.newClient()) {
      installCrds(api, client, "crds/serviceownerships.ownership.dev-v1.yml");
      client.resource(Manifests.namespace("shop", Map.of())).create();
      client
          .resource(
              Manifests.serviceOwnership("shop", "checkout", "payments", Map.of("app", "checkout")))
          .create();
      client
          .resource(Manifests.deployment("shop", "checkout", Map.of(), Map.of("app", "checkout")))
          .create();

      int metricsPort = OperatorProcess.freePort();
      try (OperatorProcess operator =
          run(api, Map.of("OWNERSHIP_METRICS_PORT", String.valueOf(metricsPort)))) {
        MockCluster cluster = new MockCluster(null, client);
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  assertThat(operator.isAlive()).as(operator::output).isTrue();
                  assertThat(cluster.annotations(WorkloadKind.DEPLOYMENT, "shop", "checkout"))
                      .containsEntry("ownership.dev/team", "payments")
                      .containsEntry("ownership.dev/source", "ServiceOwnership/checkout");
                });
        assertThat(cluster.labels(WorkloadKind.DEPLOYMENT, "shop", "checkout"))
            .containsEntry("ownership.dev/status", "owned");
        assertThat(OperatorProcess.httpStatus("http://127.0.0.1:" + metricsPort + "/healthz"))
            .isEqualTo(200);
        assertThat(OperatorProcess.httpStatus("http://127.0.0.1:" + metricsPort + "/readyz"))
            .isEqualTo(200);
      }
    }
  }

  /**
   * The jar with the registry enforced: an alias is written as the canonical team, a typo owns
   * nothing and is reported with its did-you-mean, and the Team's status counts its workload.
   */
  @Test
  void runWithAnEnforcedRegistryCanonicalisesAliasesAndCatchesTypos() throws Exception {
    try (InProcessApiServer api = InProcessApiServer.start();
        KubernetesClient client = api.newClient()) {
      installCrds(
          api,
          client,
          "crds/serviceownerships.ownership.dev-v1.yml",
          "crds/teams.ownership.dev-v1.yml");
      client.resource(Manifests.team("payments", "pay")).create();
      client.resource(Manifests.namespace("shop", Map.of())).create();
      client
          .resource(Manifests.deployment("shop", "checkout", Map.of("team", "pay"), Map.of()))
          .create();
      client
          .resource(Manifests.deployment("shop", "refunds", Map.of("team", "paymnts"), Map.of()))
          .create();

      try (OperatorProcess operator =
          run(
              api,
              Map.of(
                  "OWNERSHIP_METRICS_PORT",
                  String.valueOf(OperatorProcess.freePort()),
                  "OWNERSHIP_TEAM_REGISTRY",
                  "enforce"))) {
        MockCluster cluster = new MockCluster(null, client);
        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  assertThat(operator.isAlive()).as(operator::output).isTrue();
                  assertThat(cluster.annotations(WorkloadKind.DEPLOYMENT, "shop", "checkout"))
                      .containsEntry("ownership.dev/team", "payments")
                      .containsEntry("ownership.dev/source", "label");
                  assertThat(cluster.labels(WorkloadKind.DEPLOYMENT, "shop", "refunds"))
                      .containsEntry("ownership.dev/status", "unowned");
                  Team team = client.resources(Team.class).withName("payments").get();
                  assertThat(team.getStatus()).isNotNull();
                  assertThat(team.getStatus().getWorkloads()).isEqualTo(1);
                  assertThat(
                          client.v1().events().inNamespace("shop").list().getItems().stream()
                              .filter(e -> "UnknownTeam".equals(e.getReason()))
                              .map(Event::getMessage))
                      .singleElement(InstanceOfAssertFactories.STRING)
                      .contains("paymnts")
                      .contains("did you mean payments");
                });
        assertThat(cluster.annotations(WorkloadKind.DEPLOYMENT, "shop", "refunds"))
            .doesNotContainKey("ownership.dev/team");
      }
    }
  }

  @Test
  void badFlagsExitWithAUsageError() throws Exception {
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), "");
    try (OperatorProcess operator =
        OperatorProcess.start(kubeconfig, Map.of(), "run", "--default-enforcement=block")) {
      await().atMost(Duration.ofSeconds(30)).until(() -> !operator.isAlive());
      assertThat(operator.output())
          .contains("--default-enforcement: 'block' is not one of enforce, warn, audit, off");
    }
  }

  /**
   * The committed CRD files (paths from the repository root), as `kubectl apply -f crds/` would.
   */
  private static void installCrds(InProcessApiServer api, KubernetesClient client, String... files)
      throws Exception {
    for (String file : files) {
      try (var in = Files.newInputStream(MockCluster.repoRoot().resolve(file))) {
        api.installCrd(client, in);
      }
    }
  }

  /**
   * The jar's `run` against {@code api}; flags through the environment, as a Deployment sets them.
   */
  private OperatorProcess run(InProcessApiServer api, Map<String, String> environment)
      throws Exception {
    Path kubeconfig = api.writeKubeconfig(temp.resolve("kubeconfig"));
    return OperatorProcess.start(kubeconfig, environment, "run", "--leader-election=false");
  }
}
