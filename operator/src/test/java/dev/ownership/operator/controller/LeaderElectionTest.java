package dev.ownership.operator.controller;

import static dev.ownership.operator.ownership.OwnershipKeys.STATUS_LABEL;
import static dev.ownership.operator.ownership.OwnershipKeys.TEAM_ANNOTATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ownership.operator.OwnershipOperator;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.testing.MockApiServer;
import dev.ownership.operator.testing.MockCluster;
import dev.ownership.operator.testing.TestSettings;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas against one API server: only the holder of the Lease writes, and when it goes away
 * the other one takes over. Each replica talks through its own client with its own User-Agent, so
 * every request the mock server records can be attributed to a replica.
 */
@MockApiServer
class LeaderElectionTest {
  static final String LEASE_NAMESPACE = "ownership-system";
  static final String LEASE_NAME = "ownership-operator-leader";
  static final String LEASES_PATH =
      "/apis/coordination.k8s.io/v1/namespaces/" + LEASE_NAMESPACE + "/leases";
  // The Lease lasts 15 s and is not released on shutdown (JOSDK builds the elector with
  // releaseOnCancel=false), so a takeover takes up to 15 s plus a 2 s retry period.
  static final Duration TAKEOVER = Duration.ofSeconds(35);
  static final Duration WAIT = Duration.ofSeconds(20);

  KubernetesMockServer server;
  KubernetesClient client;
  MockCluster cluster;
  final List<RecordedRequest> requests = new ArrayList<>();
  final List<Replica> replicas = new ArrayList<>();

  record Replica(String userAgent, KubernetesClient client, OwnershipOperator operator) {
    double leaderGauge() {
      return operator.registry().get("ownership.leader").gauge().value();
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    cluster =
        new MockCluster(server, client).withCrd().answeringRulesReviews(MockCluster.leaseRules());
    client.namespaces().resource(Manifests.namespace(LEASE_NAMESPACE, Map.of())).create();
    client.namespaces().resource(Manifests.namespace("shop", Map.of())).create();
    client
        .resource(
            Manifests.deployment("shop", "cart", Map.of("team", "payments"), Map.of("app", "cart")))
        .create();
    client
        .resource(
            Manifests.workload(
                WorkloadKind.CRONJOB,
                "shop",
                "report",
                Map.of("team", "finance"),
                Map.of("app", "report")))
        .create();
  }

  @AfterEach
  void tearDown() {
    replicas.forEach(
        r -> {
          r.operator().close();
          r.client().close();
        });
  }

  Replica start(String userAgent) throws Exception {
    KubernetesClient own =
        server.createClient(b -> b.editOrNewConfig().withUserAgent(userAgent).endConfig());
    Replica replica =
        new Replica(
            userAgent, own, OwnershipOperator.start(TestSettings.leaderElected(), own, false));
    replicas.add(replica);
    return replica;
  }

  List<RecordedRequest> recorded() throws InterruptedException {
    requests.addAll(cluster.drainRequests());
    return requests;
  }

  /** How often {@code replica} has read the leader Lease so far. */
  long leaseReadsBy(Replica replica) throws InterruptedException {
    return recorded().stream()
        .filter(r -> r.getMethod().equals("GET"))
        .filter(r -> r.getPath().startsWith(LEASES_PATH + "/" + LEASE_NAME))
        .filter(r -> replica.userAgent().equals(r.getHeader("User-Agent")))
        .count();
  }

  Set<String> userAgents(List<RecordedRequest> requests) {
    return requests.stream().map(r -> r.getHeader("User-Agent")).collect(Collectors.toSet());
  }

  List<RecordedRequest> leaseWrites() throws InterruptedException {
    return recorded().stream()
        .filter(r -> r.getPath().startsWith(LEASES_PATH))
        .filter(r -> Set.of("POST", "PUT", "PATCH").contains(r.getMethod()))
        .toList();
  }

  /** Workload PATCH requests, except the test's own edits. */
  List<RecordedRequest> replicaPatches() throws InterruptedException {
    String testAgent = client.getConfiguration().getUserAgent();
    return MockCluster.workloadPatches(recorded()).stream()
        .filter(r -> !testAgent.equals(r.getHeader("User-Agent")))
        .toList();
  }

  String holder() {
    Lease lease = client.leases().inNamespace(LEASE_NAMESPACE).withName(LEASE_NAME).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }

  String status(String name) {
    return cluster.labels(WorkloadKind.DEPLOYMENT, "shop", name).get(STATUS_LABEL);
  }

  @Test
  void onlyTheLeaseHolderWritesAndTheOtherReplicaTakesOver() throws Exception {
    Replica a = start("ownership-replica-a");
    Replica b = start("ownership-replica-b");

    await().atMost(WAIT).until(() -> a.leaderGauge() + b.leaderGauge() == 1);
    Replica leader = a.leaderGauge() == 1 ? a : b;
    Replica follower = leader == a ? b : a;

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(status("cart")).isEqualTo("owned");
              assertThat(cluster.labels(WorkloadKind.CRONJOB, "shop", "report"))
                  .containsEntry(STATUS_LABEL, "owned");
            });
    client
        .resource(Manifests.deployment("shop", "orphan", Map.of(), Map.of("app", "orphan")))
        .create();
    await().atMost(WAIT).untilAsserted(() -> assertThat(status("orphan")).isEqualTo("unowned"));
    await().atMost(WAIT).until(() -> leader.operator().controller().isIdle());
    // Let the follower's elector retry (every 2 s) twice more: it must stay a follower.
    long readsSoFar = leaseReadsBy(follower);
    await().atMost(WAIT).until(() -> leaseReadsBy(follower) >= readsSoFar + 2);

    assertThat(follower.leaderGauge()).isZero();
    assertThat(leader.leaderGauge()).isEqualTo(1);
    String leaderIdentity = holder();
    assertThat(leaderIdentity).isNotBlank();
    // Every write of the Lease (create, then renewals) is the leader's.
    assertThat(leaseWrites())
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(r -> assertThat(r.getHeader("User-Agent")).isEqualTo(leader.userAgent()));
    // The follower did read the Lease (so it did take part in the election) but never wrote
    // anything.
    assertThat(recorded())
        .anySatisfy(
            r -> {
              assertThat(r.getHeader("User-Agent")).isEqualTo(follower.userAgent());
              assertThat(r.getPath()).startsWith(LEASES_PATH + "/" + LEASE_NAME);
            });
    List<RecordedRequest> patches = replicaPatches();
    assertThat(patches).hasSizeGreaterThanOrEqualTo(3);
    assertThat(userAgents(patches)).containsExactly(leader.userAgent());
    assertThat(writesBy(follower.userAgent(), recorded())).isEmpty();
    assertThat(leader.operator().writer().patchesSent()).isGreaterThanOrEqualTo(3);
    assertThat(follower.operator().writer().patchesSent()).isZero();

    // The leader goes away. The 3-argument start never exits the JVM when leadership ends (if it
    // did, surefire would report the forked VM as crashed here).
    leader.operator().close();
    assertThat(holder())
        .as("a replica that shuts down releases the Lease instead of letting it expire")
        .isNotEqualTo(leaderIdentity);
    leader.client().close();
    requests.clear();
    cluster.drainRequests();

    await().atMost(TAKEOVER).until(() -> follower.leaderGauge() == 1);
    assertThat(holder()).isNotBlank().isNotEqualTo(leaderIdentity);
    client
        .resource(
            Manifests.deployment(
                "shop", "after-failover", Map.of("team", "search"), Map.of("app", "search")))
        .create();
    client
        .apps()
        .deployments()
        .inNamespace("shop")
        .withName("cart")
        .edit(
            d -> {
              d.getMetadata().getLabels().put("team", "checkout");
              return d;
            });
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(status("after-failover")).isEqualTo("owned");
              assertThat(cluster.annotations(WorkloadKind.DEPLOYMENT, "shop", "after-failover"))
                  .containsEntry(TEAM_ANNOTATION, "search");
              assertThat(cluster.annotations(WorkloadKind.DEPLOYMENT, "shop", "cart"))
                  .containsEntry(TEAM_ANNOTATION, "checkout");
            });
    List<RecordedRequest> patchesAfter = replicaPatches();
    assertThat(patchesAfter).hasSizeGreaterThanOrEqualTo(2);
    assertThat(userAgents(patchesAfter)).containsExactly(follower.userAgent());
    assertThat(leaseWrites())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.getHeader("User-Agent")).isEqualTo(follower.userAgent()));
    assertThat(follower.operator().writer().patchesSent()).isEqualTo(patchesAfter.size());
  }

  /** Everything but reads (and JOSDK's SelfSubjectRulesReview, which only asks what it may do). */
  static List<RecordedRequest> writesBy(String userAgent, List<RecordedRequest> requests) {
    return requests.stream()
        .filter(r -> userAgent.equals(r.getHeader("User-Agent")))
        .filter(r -> !r.getMethod().equals("GET"))
        .filter(r -> !r.getPath().startsWith("/apis/authorization.k8s.io/"))
        .toList();
  }
}
