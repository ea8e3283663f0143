package dev.ownership.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ownership.bench.fakeapi.FakeApiServer;
import dev.ownership.bench.fixtures.DeploymentTemplate;
import dev.ownership.bench.process.JavaProcess;
import dev.ownership.bench.process.OperatorJar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real jar behind {@link FaultProxy}: 20 % of its API requests fail (500, 429 with Retry-After,
 * 409, resets before and after the server acted, delays) and every watch is cut after 2–6 s, while
 * ServiceOwnerships are created and deleted and workloads relabelled, and the operator is killed
 * with SIGKILL in the middle of it and started again. After the faults stop: every workload carries
 * the marks the rules give (an oracle written here from INTERFACE §2, not the operator's code), no
 * deleted ServiceOwnership is left in deletion, no transition was reported twice, and a fresh
 * operator on the healthy server finds nothing to write — the state is what a from-scratch
 * resolution gives.
 *
 * <p>The fake API server, unlike fabric8's CRUD mock, resumes a cut watch from its resourceVersion
 * (or answers 410 when it is too old, and the informer lists again), as a real server does: on the
 * CRUD mock a cut watch loses the events in between, which no client could recover from.
 */
class FaultInjectionIT {
  private static final int NAMESPACES = 10;
  private static final int PER_NAMESPACE = 60;

  /**
   * The share of failed requests; {@code -Dfaults.rate=0} runs the same scenario on a healthy API
   * (the baseline of the convergence figures in BENCHMARKS.md).
   */
  private static final double FAULT_RATE =
      Double.parseDouble(System.getProperty("faults.rate", "0.2"));

  private static final int MIN_FAULTED_PATCHES = 30;
  private static final int MIN_FAULTED_POSTS = 10;
  private static final Duration FAULT_PHASE_LIMIT = Duration.ofSeconds(120);
  private static final Duration CONVERGENCE_LIMIT = Duration.ofSeconds(180);
  private static final ResourceDefinitionContext DEPLOYMENTS = context("apps", "Deployment", true);
  private static final ResourceDefinitionContext SERVICE_OWNERSHIPS =
      new ResourceDefinitionContext.Builder()
          .withGroup("ownership.dev")
          .withVersion("v1alpha1")
          .withKind("ServiceOwnership")
          .withPlural("serviceownerships")
          .withNamespaced(true)
          .build();
  private static final ResourceDefinitionContext EVENTS = context("", "Event", true);

  /** Logs stay after the run, for a look at what the operator said under faults. */
  private final Path work = Path.of("target", "fault-injection");

  private final FakeApiServer server = new FakeApiServer();
  private FaultProxy proxy;
  private KubernetesClient cluster;

  @AfterEach
  void stop() {
    if (cluster != null) cluster.close();
    if (proxy != null) proxy.close();
    server.close();
  }

  @Test
  void afterFaultsAndAKillEveryWorkloadConvergesAndNothingIsLeftOrRepeated() throws Exception {
    java.nio.file.Files.createDirectories(work);
    seed();
    int apiPort = server.start(0);
    long seed = Long.getLong("faults.seed", 20261202L);
    proxy = new FaultProxy(apiPort, seed);
    int proxyPort = proxy.start(0);
    cluster =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("http://127.0.0.1:" + apiPort)
                    .withNamespace("default")
                    .build())
            .build();
    Path faulty = OperatorJar.writeKubeconfig(work.resolve("faulty.kubeconfig"), proxyPort);
    Path healthy = OperatorJar.writeKubeconfig(work.resolve("healthy.kubeconfig"), apiPort);

    proxy.faults(FAULT_RATE, FAULT_RATE > 0);
    JavaProcess first = start(faulty, "first");
    JavaProcess second = null;
    try {
      awaitReady(first);
      // The burst: claims taken and given up while the API misbehaves.
      for (int i = 0; i < 5; i++) createClaim("f-" + i, "claim", "claim-team-" + i);
      Thread.sleep(2_000);
      for (int i = 5; i < 8; i++) deleteClaim("f-" + i, "all");
      Thread.sleep(1_500);
      first.kill(); // mid-burst: writes in flight, Events half-recorded, finalizers held
      second = start(faulty, "second");
      for (int i = 8; i < NAMESPACES; i++) {
        for (int k = 5; k < PER_NAMESPACE; k += 10) relabel("f-" + i, "svc-" + k, "relabeled");
      }
      awaitReady(second);
      // Faults last until the operator has had its share of failed writes (on a loaded machine
      // its work comes late; a fixed time would let it do everything after the faults stopped).
      long faultPhase = System.nanoTime();
      Thread.sleep(5_000);
      while (FAULT_RATE > 0
          && (proxy.faulted("PATCH") < MIN_FAULTED_PATCHES
              || proxy.faulted("POST") < MIN_FAULTED_POSTS)
          && System.nanoTime() - faultPhase < FAULT_PHASE_LIMIT.toNanos()) {
        assertThat(second.isAlive()).as(second.output()).isTrue();
        Thread.sleep(250);
      }

      proxy.faults(0, false);
      long faultsStopped = System.nanoTime();
      Map<String, Marks> expected = expected();
      List<String> wrong = List.of();
      while (System.nanoTime() - faultsStopped < CONVERGENCE_LIMIT.toNanos()) {
        wrong = differences(expected);
        if (wrong.isEmpty() && deletionsDone()) break;
        assertThat(second.isAlive()).as(second.output()).isTrue();
        Thread.sleep(250);
      }
      double convergedSeconds = (System.nanoTime() - faultsStopped) / 1e9;
      System.out.printf(
          "FAULTS rate=%.2f seed=%d converged %.1f s after the faults stopped; injected %s%n",
          FAULT_RATE, seed, convergedSeconds, proxy.counts());
      assertThat(wrong)
          .as("workloads whose marks differ from the rules', after the faults stopped")
          .isEmpty();
      assertThat(deletionsDone()).as("deleted ServiceOwnerships are gone").isTrue();
      if (FAULT_RATE > 0) {
        assertThat(proxy.counts())
            .as("the faults were injected")
            .containsKeys(
                "SERVER_ERROR", "TOO_MANY_REQUESTS", "RESET_BEFORE", "RESET_AFTER", "watch-cut");
        assertThat(proxy.faulted("PATCH"))
            .as("failed workload writes (and ServiceOwnership status or finalizer writes)")
            .isGreaterThanOrEqualTo(MIN_FAULTED_PATCHES);
        assertThat(proxy.faulted("POST"))
            .as("failed creates (Events)")
            .isGreaterThanOrEqualTo(MIN_FAULTED_POSTS);
      }
      assertNoTransitionReportedTwice();
      assertQuietUnderFaults(first);
      assertQuietUnderFaults(second);

      // A fresh operator on the healthy server: with every mark right, it writes nothing.
      second.stop(Duration.ofSeconds(20));
      server.resetRequests();
      try (JavaProcess fresh = start(healthy, "fresh")) {
        awaitReady(fresh);
        assertThat(fresh.awaitOutput("workloads resolved", Duration.ofSeconds(120)))
            .as(fresh.output())
            .isTrue();
        Thread.sleep(3_000);
        assertThat(server.requests("PATCH deployments.apps"))
            .as("a from-scratch resolution finds every workload's marks right")
            .isZero();
        assertThat(server.requests("POST events")).as("no transition is reported again").isZero();
      }
    } finally {
      first.close();
      if (second != null) second.close();
    }
  }

  // --- the cluster -------------------------------------------------------------------------

  /**
   * f-0..f-4 carry a namespace team; f-5..f-9 each have a ServiceOwnership {@code all} selecting
   * every workload; every tenth Deployment has its own {@code team} label.
   */
  private void seed() throws Exception {
    try (var crd = getClass().getResourceAsStream(OperatorJar.CRD_RESOURCE)) {
      server.seed(
          "apiextensions.k8s.io/v1",
          "customresourcedefinitions",
          (ObjectNode) new YAMLMapper().readTree(crd));
    }
    server.seed("v1", "namespaces", namespace("default", null));
    server.seed("v1", "namespaces", namespace("ownership-system", null));
    for (int i = 0; i < NAMESPACES; i++) {
      String ns = "f-" + i;
      server.seed("v1", "namespaces", namespace(ns, i < 5 ? "ns-team-" + i : null));
      if (i >= 5) {
        server.seed(
            "ownership.dev/v1alpha1",
            "serviceownerships",
            claim(ns, "all", "so-team-" + i, "2026-01-01T00:00:00Z"));
      }
      for (int k = 0; k < PER_NAMESPACE; k++) {
        Map<String, String> labels = k % 10 == 0 ? Map.of("team", "label-team") : Map.of();
        server.seed(
            "apps/v1",
            "deployments",
            DeploymentTemplate.deployment(ns, "svc-" + k, i * PER_NAMESPACE + k, labels));
      }
    }
  }

  private static ObjectNode namespace(String name, String team) {
    ObjectNode ns = DeploymentTemplate.JSON.createObjectNode();
    ns.put("apiVersion", "v1").put("kind", "Namespace");
    ObjectNode meta = ns.putObject("metadata");
    meta.put("name", name)
        .put("uid", java.util.UUID.nameUUIDFromBytes(name.getBytes()).toString())
        .put("creationTimestamp", "2025-01-01T00:00:00Z");
    ObjectNode labels = meta.putObject("labels");
    labels.put("kubernetes.io/metadata.name", name);
    if (team != null) labels.put("ownership.dev/team", team);
    return ns;
  }

  private static ObjectNode claim(String ns, String name, String team, String created) {
    ObjectNode so = DeploymentTemplate.JSON.createObjectNode();
    so.put("apiVersion", "ownership.dev/v1alpha1").put("kind", "ServiceOwnership");
    ObjectNode meta = so.putObject("metadata");
    meta.put("name", name).put("namespace", ns);
    if (created != null) {
      meta.put("uid", java.util.UUID.nameUUIDFromBytes((ns + "/" + name).getBytes()).toString())
          .put("creationTimestamp", created)
          .put("generation", 1);
    }
    ObjectNode spec = so.putObject("spec");
    spec.put("team", team);
    spec.putObject("selector");
    spec.putArray("contacts").addObject().put("type", "slack").put("value", "#" + team);
    return so;
  }

  private void createClaim(String ns, String name, String team) {
    GenericKubernetesResource so =
        DeploymentTemplate.JSON.convertValue(
            claim(ns, name, team, null), GenericKubernetesResource.class);
    cluster.genericKubernetesResources(SERVICE_OWNERSHIPS).inNamespace(ns).resource(so).create();
  }

  private void deleteClaim(String ns, String name) {
    cluster.genericKubernetesResources(SERVICE_OWNERSHIPS).inNamespace(ns).withName(name).delete();
  }

  private void relabel(String ns, String name, String team) {
    cluster
        .genericKubernetesResources(DEPLOYMENTS)
        .inNamespace(ns)
        .withName(name)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"labels\":{\"team\":\"" + team + "\"}}}");
  }

  // --- the oracle --------------------------------------------------------------------------

  /** The marks INTERFACE §2 and §3 give a workload: team, service, source, status. */
  private record Marks(String team, String service, String source, String status) {}

  /**
   * After the burst: f-0..f-4 are claimed by {@code claim} (over their namespace team), f-5..f-7
   * lost {@code all}, f-8 and f-9 keep it; a workload's own team label wins and, where it names
   * another team than a selecting ServiceOwnership, is a conflict.
   */
  private static Map<String, Marks> expected() {
    Map<String, Marks> expected = new HashMap<>();
    for (int i = 0; i < NAMESPACES; i++) {
      String soName = i < 5 ? "claim" : i >= 8 ? "all" : null;
      String soTeam = i < 5 ? "claim-team-" + i : i >= 8 ? "so-team-" + i : null;
      String nsTeam = i < 5 ? "ns-team-" + i : null;
      for (int k = 0; k < PER_NAMESPACE; k++) {
        String label = k % 10 == 0 ? "label-team" : i >= 8 && k % 10 == 5 ? "relabeled" : null;
        Marks e;
        if (label != null) {
          e =
              new Marks(
                  label,
                  null,
                  "label",
                  soTeam != null && !soTeam.equals(label) ? "conflict" : "owned");
        } else if (soTeam != null) {
          e = new Marks(soTeam, soName, "ServiceOwnership/" + soName, "owned");
        } else if (nsTeam != null) {
          e = new Marks(nsTeam, null, "namespace", "owned");
        } else {
          e = new Marks(null, null, null, "unowned");
        }
        expected.put("f-" + i + "/svc-" + k, e);
      }
    }
    return expected;
  }

  private List<String> differences(Map<String, Marks> expected) {
    List<String> wrong = new ArrayList<>();
    List<GenericKubernetesResource> all =
        cluster.genericKubernetesResources(DEPLOYMENTS).inAnyNamespace().list().getItems();
    for (GenericKubernetesResource d : all) {
      String key = d.getMetadata().getNamespace() + "/" + d.getMetadata().getName();
      Map<String, String> a = orEmpty(d.getMetadata().getAnnotations());
      Map<String, String> l = orEmpty(d.getMetadata().getLabels());
      Marks actual =
          new Marks(
              a.get("ownership.dev/team"),
              a.get("ownership.dev/service"),
              a.get("ownership.dev/source"),
              l.get("ownership.dev/status"));
      if (!actual.equals(expected.get(key))) {
        wrong.add(key + ": " + actual + " but the rules say " + expected.get(key));
      }
    }
    if (all.size() != expected.size()) wrong.add("Deployments: " + all.size());
    return wrong.size() > 10 ? wrong.subList(0, 10) : wrong;
  }

  private boolean deletionsDone() {
    for (int i = 5; i < 8; i++) {
      if (cluster
              .genericKubernetesResources(SERVICE_OWNERSHIPS)
              .inNamespace("f-" + i)
              .withName("all")
              .get()
          != null) return false;
    }
    return true;
  }

  /** One Event per workload, reason and message: a transition is reported once. */
  private void assertNoTransitionReportedTwice() {
    List<GenericKubernetesResource> events =
        cluster.genericKubernetesResources(EVENTS).inAnyNamespace().list().getItems();
    Map<String, Long> byTransition =
        events.stream()
            .collect(
                Collectors.groupingBy(
                    e -> {
                      Map<String, Object> involved = e.get("involvedObject");
                      return involved.get("namespace")
                          + "/"
                          + involved.get("name")
                          + " "
                          + e.get("reason")
                          + ": "
                          + e.get("message");
                    },
                    TreeMap::new,
                    Collectors.counting()));
    assertThat(events).as("the operator reported transitions").isNotEmpty();
    assertThat(byTransition.entrySet().stream().filter(e -> e.getValue() > 1).toList())
        .as("transitions reported more than once")
        .isEmpty();
  }

  /**
   * Transient API errors are one WARN line per object with the reason: no ERROR line, no stack
   * trace (those only at DEBUG).
   */
  private static void assertQuietUnderFaults(JavaProcess operator) {
    List<String> loud = new ArrayList<>();
    boolean blockedThreadReport = false;
    for (String line : operator.output().lines().toList()) {
      // Vert.x's blocked-thread checker prints where a loop was stuck for long: a report of the
      // machine's load, not of an API error, and the stack is the point of it.
      if (line.contains("BlockedThreadChecker")) blockedThreadReport = true;
      else if (!line.startsWith("\tat ") && !line.startsWith("io.vertx.core.VertxException"))
        blockedThreadReport = false;
      boolean stack = line.startsWith("\tat ") || line.startsWith("Caused by");
      if (line.contains(" ERROR ") || (stack && !blockedThreadReport)) loud.add(line);
    }
    assertThat(loud.stream().limit(20).toList())
        .as("ERROR lines and stack traces in the operator's log under faults")
        .isEmpty();
  }

  // --- the operator ------------------------------------------------------------------------

  private JavaProcess start(Path kubeconfig, String name) throws Exception {
    int metricsPort;
    try (ServerSocket s = new ServerSocket(0)) {
      metricsPort = s.getLocalPort();
    }
    List<String> args =
        new ArrayList<>(OperatorJar.runArguments(metricsPort, 4, 200, null, null, 0));
    JavaProcess process =
        OperatorJar.start(kubeconfig, List.of("-Xmx256m"), args, work.resolve(name + ".log"));
    ports.put(process, metricsPort);
    return process;
  }

  private final Map<JavaProcess, Integer> ports = new HashMap<>();

  private void awaitReady(JavaProcess operator) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (!OperatorJar.ready(ports.get(operator)) && System.nanoTime() < deadline) {
      assertThat(operator.isAlive()).as(operator.output()).isTrue();
      Thread.sleep(100);
    }
    assertThat(OperatorJar.ready(ports.get(operator))).as(operator.output()).isTrue();
  }

  private static ResourceDefinitionContext context(String group, String kind, boolean namespaced) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion("v1")
        .withKind(kind)
        .withPlural(kind.toLowerCase(java.util.Locale.ROOT) + "s")
        .withNamespaced(namespaced)
        .build();
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
