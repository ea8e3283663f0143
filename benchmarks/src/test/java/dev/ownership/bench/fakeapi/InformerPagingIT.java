package dev.ownership.bench.fakeapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ownership.bench.fixtures.DeploymentTemplate;
import dev.ownership.bench.process.JavaProcess;
import dev.ownership.bench.process.OperatorJar;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar's informers (its own caches and the operator framework's) list in pages, and the
 * cache ends up complete across pages: 1,234 Deployments served by the fake API server, which
 * records every list request with its {@code limit} and {@code continue}.
 */
class InformerPagingIT {
  private static final int DEPLOYMENTS = 1_234;
  private static final String PAGE = "500";

  @TempDir Path work;
  private final FakeApiServer server = new FakeApiServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void everyInformerListsInPagesAndTheCacheHoldsEveryPage() throws Exception {
    try (var crd = getClass().getResourceAsStream(OperatorJar.CRD_RESOURCE)) {
      server.seed(
          "apiextensions.k8s.io/v1",
          "customresourcedefinitions",
          (ObjectNode) new YAMLMapper().readTree(crd));
    }
    for (String ns : List.of("default", "ownership-system", "bench-0", "bench-1")) {
      server.seed("v1", "namespaces", FakeApiMain.namespace(ns, Map.of()));
    }
    Map<String, String> marks = Map.of(ResourceStore.STATUS_LABEL, "unowned");
    for (int i = 0; i < DEPLOYMENTS; i++) {
      server.seed(
          "apps/v1",
          "deployments",
          DeploymentTemplate.deployment("bench-" + (i % 2), "svc-" + i, i, marks));
    }
    int apiPort = server.start(0);
    Path kubeconfig = OperatorJar.writeKubeconfig(work.resolve("kubeconfig"), apiPort);
    int metricsPort;
    try (ServerSocket s = new ServerSocket(0)) {
      metricsPort = s.getLocalPort();
    }
    try (JavaProcess operator =
        OperatorJar.start(
            kubeconfig,
            List.of(),
            OperatorJar.runArguments(metricsPort, 4, 100, null, null, 0),
            work.resolve("operator.log"))) {
      long deadline = System.nanoTime() + 180_000_000_000L;
      while (!OperatorJar.ready(metricsPort) && System.nanoTime() < deadline) {
        assertThat(operator.isAlive()).as(operator.output()).isTrue();
        Thread.sleep(100);
      }
      assertThat(OperatorJar.ready(metricsPort)).as(operator.output()).isTrue();
      // The framework's informers may list just after /readyz: wait for both of each kind.
      while (System.nanoTime() < deadline
          && (lists("teams.ownership.dev") < 2 || lists("serviceownerships.ownership.dev") < 2)) {
        Thread.sleep(100);
      }
      String log = operator.output();

      List<FakeApiServer.ListRequest> lists = server.listRequests();
      assertThat(lists)
          .as("every list request of every informer carries limit=" + PAGE)
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.limit()).as(r.toString()).isEqualTo(PAGE));
      // The operator's own caches, the framework's ServiceOwnership and Team informers: all listed.
      assertThat(lists.stream().map(FakeApiServer.ListRequest::collection).collect(toSet()))
          .contains(
              "namespaces",
              "serviceownerships.ownership.dev",
              "teams.ownership.dev",
              "deployments.apps",
              "statefulsets.apps");
      assertThat(lists.stream().filter(r -> r.collection().equals("teams.ownership.dev")).count())
          .as("the cache's and the Team reconciler's informers")
          .isGreaterThanOrEqualTo(2);
      assertThat(lists("serviceownerships.ownership.dev"))
          .as("the cache's and the ServiceOwnership reconciler's informers")
          .isGreaterThanOrEqualTo(2);

      List<FakeApiServer.ListRequest> deployments =
          lists.stream().filter(r -> r.collection().equals("deployments.apps")).toList();
      assertThat(deployments).extracting(FakeApiServer.ListRequest::items).contains(500, 500, 234);
      assertThat(deployments.stream().filter(r -> r.continueToken() != null).count())
          .as("the later pages are asked for with the previous page's continue token")
          .isGreaterThanOrEqualTo(2);
      assertThat(log)
          .as("the cache holds the workloads of every page")
          .contains(
              "Caches synced: 4 namespaces, 0 ServiceOwnerships, " + DEPLOYMENTS + " workloads");
    }
  }

  private long lists(String collection) {
    return server.listRequests().stream().filter(r -> r.collection().equals(collection)).count();
  }

  private static <T> java.util.stream.Collector<T, ?, Set<T>> toSet() {
    return Collectors.toSet();
  }
}
