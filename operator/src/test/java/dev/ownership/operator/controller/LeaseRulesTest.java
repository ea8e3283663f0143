package dev.ownership.operator.controller;

import static org.awaitility.Awaitility.await;

import dev.ownership.operator.OwnershipOperator;
import dev.ownership.operator.testing.MockApiServer;
import dev.ownership.operator.testing.MockCluster;
import dev.ownership.operator.testing.TestSettings;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/ grants {@code create} on Leases without a name and {@code get, update, patch} only on
 * {@code ownership-operator-leader}: the framework's pre-flight check must accept that split.
 */
@MockApiServer
class LeaseRulesTest {
  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void leaderElectionStartsWithTheRulesLimitedToTheLeaseName() throws Exception {
    new MockCluster(server, client)
        .withCrd()
        .answeringRulesReviews(
            List.of(
                new ResourceRuleBuilder()
                    .withApiGroups("coordination.k8s.io")
                    .withResources("leases")
                    .withVerbs("create")
                    .build(),
                new ResourceRuleBuilder()
                    .withApiGroups("coordination.k8s.io")
                    .withResources("leases")
                    .withResourceNames("ownership-operator-leader")
                    .withVerbs("get", "update", "patch")
                    .build()));
    try (OwnershipOperator operator =
        OwnershipOperator.start(TestSettings.leaderElected(), client, false)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> operator.controller().isStarted() && operator.controller().isSynced());
    }
  }
}
