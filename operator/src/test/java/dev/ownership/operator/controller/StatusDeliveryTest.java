package dev.ownership.operator.controller;

import static org.awaitility.Awaitility.await;

import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.TeamRegistryMode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A status request made while the resolution loop is idle reaches the status reconciler at once. It
 * used to wait for the loop's next "caught up", which never came when the change gave the loop
 * nothing to do (a new Team no workload names yet, a ServiceOwnership that selects nothing) or the
 * loop had already drained the work the change enqueued: that status was then never written.
 */
@EnableKubernetesMockClient(crud = true)
class StatusDeliveryTest {
  KubernetesClient client;

  private final List<String> soDelivered = new CopyOnWriteArrayList<>();
  private final List<String> teamDelivered = new CopyOnWriteArrayList<>();
  private ClusterCache cache;
  private WorkloadEventRecorder events;
  private WorkloadMetadataWriter writer;
  private OwnershipController controller;

  @BeforeEach
  void startAnIdleController() throws Exception {
    cache = new ClusterCache(client, Set.of(), TeamRegistryMode.OFF);
    cache.start(Duration.ofSeconds(30));
    OwnershipLedger ledger = new OwnershipLedger();
    StatusRequests statusRequests = new StatusRequests();
    StatusRequests teamStatusRequests = new StatusRequests();
    statusRequests.deliverTo((ns, name) -> soDelivered.add(ns + "/" + name));
    teamStatusRequests.deliverTo((ns, name) -> teamDelivered.add(name));
    events = new WorkloadEventRecorder(client);
    writer =
        new WorkloadMetadataWriter(
            client,
            cache::workload,
            new TransitionEvents(cache, ledger, OwnerLabelKeys.DEFAULT, events),
            1,
            100);
    controller =
        new OwnershipController(
            cache,
            new OwnerResolver(OwnerLabelKeys.DEFAULT),
            ledger,
            statusRequests,
            teamStatusRequests,
            writer,
            events,
            Duration.ofHours(1));
    controller.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> controller.isSynced());
    await().atMost(Duration.ofSeconds(10)).until(() -> controller.isIdle());
  }

  @AfterEach
  void stop() throws Exception {
    controller.close();
    writer.close();
    events.close();
    cache.close();
  }

  @Test
  void aTeamNoWorkloadNamesGetsItsStatusRequestDelivered() {
    controller.teamsChanged(Set.of("web"), false);
    await().atMost(Duration.ofSeconds(5)).until(() -> teamDelivered.contains("web"));
  }

  @Test
  void aServiceOwnershipThatSelectsNothingGetsItsStatusRequestDelivered() {
    controller.claimChanged("shop", "nothing", null);
    await().atMost(Duration.ofSeconds(5)).until(() -> soDelivered.contains("shop/nothing"));
  }
}
