package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.testing.MockApiServer;
import dev.ownership.operator.testing.MockCluster;
import dev.ownership.operator.testing.OperatorProcess;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production `run` process with leader election (the jar, one process per replica): it becomes
 * leader and writes; on SIGTERM it stops promptly; when another replica takes the Lease it exits,
 * so that a deposed leader never writes. JOSDK's own exit-on-stop-leading also fires when shutdown
 * cancels the election, inside the shutdown hook, where System.exit blocks forever: the pod then
 * only died from SIGKILL at the end of its grace period.
 */
@MockApiServer
class LeaderShutdownIT {
  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir Path temp;

  Path kubeconfig;
  MockCluster cluster;

  @BeforeEach
  void setUp() throws Exception {
    cluster =
        new MockCluster(server, client).withCrd().answeringRulesReviews(MockCluster.leaseRules());
    client.resource(Manifests.namespace("ownership-system", Map.of())).create();
    client.resource(Manifests.namespace("shop", Map.of())).create();
    client
        .resource(
            Manifests.deployment("shop", "cart", Map.of("team", "payments"), Map.of("app", "cart")))
        .create();
    kubeconfig =
        Files.writeString(
            temp.resolve("kubeconfig"),
            """
            apiVersion: v1
            kind: Config
            clusters:
            - name: mock
              cluster:
                server: %s
                insecure-skip-tls-verify: true
            users:
            - name: mock
              user:
                token: mock
            contexts:
            - name: mock
              context: {cluster: mock, user: mock, namespace: default}
            current-context: mock
            """
                .formatted(client.getMasterUrl()));
  }

  /**
   * Starts `run` with leader election as pod ownership-operator-0 and waits until it has written as
   * leader.
   */
  OperatorProcess startLeader() throws Exception {
    OperatorProcess operator =
        OperatorProcess.start(
            kubeconfig,
            Map.of("HOSTNAME", "ownership-operator-0"),
            "run",
            "--leader-election",
            "--operator-namespace",
            "ownership-system",
            "--metrics-port",
            String.valueOf(OperatorProcess.freePort()));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(operator.isAlive()).as(operator::output).isTrue();
              assertThat(cluster.labels(WorkloadKind.DEPLOYMENT, "shop", "cart"))
                  .containsEntry("ownership.dev/status", "owned");
            });
    assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("ownership-operator-0");
    return operator;
  }

  Lease lease() {
    return client
        .leases()
        .inNamespace("ownership-system")
        .withName("ownership-operator-leader")
        .get();
  }

  @Test
  void leaderStopsPromptlyOnSigterm() throws Exception {
    try (OperatorProcess operator = startLeader()) {
      long start = System.nanoTime();
      operator.terminate();
      boolean exited = operator.awaitExit(Duration.ofSeconds(15));
      assertThat(exited)
          .as(
              () ->
                  "still running "
                      + Duration.ofNanos(System.nanoTime() - start).toSeconds()
                      + " s after SIGTERM:\n"
                      + operator.output())
          .isTrue();
      // 128 + SIGTERM: the JVM ended through its shutdown hooks, not through an exit of its own.
      assertThat(operator.exitCode()).as(operator::output).isEqualTo(143);
    }
  }

  @Test
  void leaderThatLosesTheLeaseExits() throws Exception {
    try (OperatorProcess operator = startLeader()) {
      // Another replica's renewal wins (as after a long pause of this one).
      client
          .leases()
          .inNamespace("ownership-system")
          .withName("ownership-operator-leader")
          .edit(
              l -> {
                l.getSpec().setHolderIdentity("ownership-operator-1");
                l.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
                l.getSpec().setLeaseDurationSeconds(60);
                return l;
              });
      assertThat(operator.awaitExit(Duration.ofSeconds(30))).as(operator::output).isTrue();
      assertThat(operator.exitCode()).as(operator::output).isEqualTo(1);
      assertThat(operator.output())
          .contains("Exiting: lost the leader Lease ownership-system/ownership-operator-leader");
    }
  }
}
