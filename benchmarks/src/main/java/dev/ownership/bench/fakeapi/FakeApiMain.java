package dev.ownership.bench.fakeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ownership.bench.fixtures.DeploymentTemplate;
import dev.ownership.bench.process.OperatorJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link FakeApiServer} as its own process, seeded:
 *
 * <pre>
 * java -Xmx4g -cp benchmarks.jar dev.ownership.bench.fakeapi.FakeApiMain \
 *     [--port 0] [--port-file FILE] [--deployments N] [--namespaces M] [--marked unowned] \
 *     [--namespace NAME[,key=value...]]...
 * </pre>
 *
 * Deployments {@code svc-0..N-1} from {@link DeploymentTemplate} go round-robin into namespaces
 * {@code bench-0..M-1}; {@code --marked} gives each the {@code ownership.dev/status} label the
 * operator would have written (as after an earlier run). The ServiceOwnership CRD is always
 * installed (the copy in the operator's jar). Prints {@code FAKE-API port=P} when serving and
 * writes the port to {@code --port-file}.
 */
public final class FakeApiMain {
  private FakeApiMain() {}

  public static void main(String[] args) throws Exception {
    int port = 0;
    Path portFile = null;
    int deployments = 0;
    int namespaces = 1;
    String marked = null;
    Map<String, Map<String, String>> extraNamespaces = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value);
        case "--port-file" -> portFile = Path.of(value);
        case "--deployments" -> deployments = Integer.parseInt(value);
        case "--namespaces" -> namespaces = Integer.parseInt(value);
        case "--marked" -> marked = value;
        case "--namespace" -> {
          String[] parts = value.split(",");
          Map<String, String> labels = new LinkedHashMap<>();
          for (int p = 1; p < parts.length; p++) {
            String[] kv = parts[p].split("=", 2);
            labels.put(kv[0], kv[1]);
          }
          extraNamespaces.put(parts[0], labels);
        }
        default -> {
          System.err.println("unknown option " + args[i]);
          System.exit(2);
        }
      }
      i++;
    }
    FakeApiServer server = new FakeApiServer();
    long started = System.nanoTime();
    try (var crd = FakeApiMain.class.getResourceAsStream(OperatorJar.CRD_RESOURCE)) {
      server.seed(
          "apiextensions.k8s.io/v1",
          "customresourcedefinitions",
          (ObjectNode) new YAMLMapper().readTree(crd));
    }
    for (String ns : List.of("default", "kube-system", "ownership-system")) {
      extraNamespaces.putIfAbsent(ns, Map.of());
    }
    for (int n = 0; n < namespaces && deployments > 0; n++) {
      extraNamespaces.putIfAbsent("bench-" + n, Map.of());
    }
    extraNamespaces.forEach(
        (name, labels) -> server.seed("v1", "namespaces", namespace(name, labels)));
    Map<String, String> marks =
        marked == null ? Map.of() : Map.of(ResourceStore.STATUS_LABEL, marked);
    for (int i = 0; i < deployments; i++) {
      server.seed(
          "apps/v1",
          "deployments",
          DeploymentTemplate.deployment("bench-" + (i % namespaces), "svc-" + i, i, marks));
    }
    int bound = server.start(port);
    System.out.printf(
        "FAKE-API port=%d deployments=%d namespaces=%d seeded in %d ms%n",
        bound, deployments, extraNamespaces.size(), (System.nanoTime() - started) / 1_000_000);
    System.out.flush();
    if (portFile != null) {
      Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
      Files.writeString(tmp, String.valueOf(bound));
      Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }

  static ObjectNode namespace(String name, Map<String, String> labels) {
    ObjectNode ns = ResourceStore.JSON.createObjectNode();
    ns.put("apiVersion", "v1");
    ns.put("kind", "Namespace");
    ObjectNode meta = ns.putObject("metadata");
    meta.put("name", name);
    meta.put("uid", java.util.UUID.nameUUIDFromBytes(name.getBytes()).toString());
    meta.put("creationTimestamp", "2025-01-01T00:00:00Z");
    ObjectNode l = meta.putObject("labels");
    l.put("kubernetes.io/metadata.name", name);
    labels.forEach(l::put);
    ns.putObject("spec").putArray("finalizers").add("kubernetes");
    ns.putObject("status").put("phase", "Active");
    return ns;
  }
}
