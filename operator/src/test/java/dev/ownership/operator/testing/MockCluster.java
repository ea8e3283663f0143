package dev.ownership.operator.testing;

import dev.ownership.operator.cli.OwnershipCli;
import dev.ownership.operator.net.FieldManager;
import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Conveniences over the CRUD mock API server. */
public final class MockCluster {
  private final KubernetesMockServer server;
  private final KubernetesClient client;

  public MockCluster(KubernetesMockServer server, KubernetesClient client) {
    this.server = server;
    this.client = client;
  }

  public static Path repoRoot() {
    return Path.of(System.getProperty("ownership.repoRoot", "..")).toAbsolutePath().normalize();
  }

  /** Installs the committed CRD, so the mock server knows the resource is namespaced. */
  public MockCluster withCrd() throws Exception {
    for (String file :
        List.of("serviceownerships.ownership.dev-v1.yml", "teams.ownership.dev-v1.yml")) {
      try (InputStream in = Files.newInputStream(repoRoot().resolve("crds/" + file))) {
        CustomResourceDefinition crd =
            client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      }
    }
    return this;
  }

  /**
   * Makes the mock answer SelfSubjectRulesReviews (JOSDK asks one before leader election, to check
   * it may get, create and update Leases) as an API server does, with the given rules. The CRUD
   * mock would instead store the review like any object: it rejects JOSDK's, which has no metadata,
   * with 422 "metadata is required", and would echo one with metadata back without a status.
   */
  public MockCluster answeringRulesReviews(List<ResourceRule> rules) {
    SelfSubjectRulesReview answer =
        new SelfSubjectRulesReviewBuilder()
            .withNewMetadata()
            .endMetadata()
            .withNewStatus()
            .withResourceRules(rules)
            .withNonResourceRules(List.of())
            .withIncomplete(false)
            .endStatus()
            .build();
    // The operator's JOSDK client names its field manager on every write, this create included.
    for (String query : List.of("", "?fieldManager=" + FieldManager.NAME)) {
      server
          .expect()
          .post()
          .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews" + query)
          .andReturn(201, answer)
          .always();
    }
    return this;
  }

  /** Rules granting what leader election needs on Leases (and nothing else). */
  public static List<ResourceRule> leaseRules() {
    return List.of(
        new ResourceRuleBuilder()
            .withApiGroups("coordination.k8s.io")
            .withResources("leases")
            .withVerbs("get", "create", "update")
            .build());
  }

  public GenericKubernetesResource get(WorkloadKind kind, String ns, String name) {
    return client.genericKubernetesResources(context(kind)).inNamespace(ns).withName(name).get();
  }

  public Map<String, String> annotations(WorkloadKind kind, String ns, String name) {
    GenericKubernetesResource r = get(kind, ns, name);
    return r == null || r.getMetadata().getAnnotations() == null
        ? Map.of()
        : r.getMetadata().getAnnotations();
  }

  public Map<String, String> labels(WorkloadKind kind, String ns, String name) {
    GenericKubernetesResource r = get(kind, ns, name);
    return r == null || r.getMetadata().getLabels() == null
        ? Map.of()
        : r.getMetadata().getLabels();
  }

  public static ResourceDefinitionContext context(WorkloadKind kind) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(kind.group())
        .withVersion(kind.version())
        .withKind(kind.kind())
        .withPlural(kind.plural())
        .withNamespaced(true)
        .build();
  }

  /** What a command printed and returned. */
  public record CliRun(int exitCode, String out, String err) {}

  /**
   * Runs the command line as a user would against this cluster: through the current context of a
   * kubeconfig file (written in {@code dir}) that points at the mock server.
   */
  public static CliRun runCli(KubernetesClient client, Path dir, String... args) throws Exception {
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
            "  cluster:",
            "    server: " + client.getMasterUrl(),
            "    insecure-skip-tls-verify: true",
            "contexts:",
            "- name: mock",
            "  context: {cluster: mock, user: tester}",
            "users:",
            "- name: tester",
            "  user: {token: secret}",
            ""));
    String previous = System.getProperty("kubeconfig");
    System.setProperty("kubeconfig", kubeconfig.toString());
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = OwnershipCli.commandLine();
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(err));
      int code = cli.execute(args);
      return new CliRun(code, out.toString(), err.toString());
    } finally {
      if (previous == null) System.clearProperty("kubeconfig");
      else System.setProperty("kubeconfig", previous);
    }
  }

  /** Takes every request recorded since the last call. */
  public List<RecordedRequest> drainRequests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) requests.add(r);
    return requests;
  }

  /**
   * The writes (every method but GET) among {@code requests} that do not name the operator's field
   * manager, as {@code METHOD path}.
   */
  public static List<String> writesNotNamingTheOperator(List<RecordedRequest> requests) {
    return requests.stream()
        .filter(r -> !r.getMethod().equals("GET"))
        .filter(r -> !namesTheOperator(URI.create(r.getPath()).getRawQuery()))
        .map(r -> r.getMethod() + " " + r.getPath())
        .distinct()
        .toList();
  }

  private static boolean namesTheOperator(String query) {
    return query != null
        && Arrays.asList(query.split("&")).contains("fieldManager=" + FieldManager.NAME);
  }

  /** PATCH requests to workload paths among the given requests. */
  public static List<RecordedRequest> workloadPatches(List<RecordedRequest> requests) {
    return requests.stream()
        .filter(r -> r.getMethod().equals("PATCH"))
        .filter(
            r -> r.getPath().startsWith("/apis/apps/") || r.getPath().startsWith("/apis/batch/"))
        .filter(r -> !URI.create(r.getPath()).getPath().endsWith("/status"))
        .toList();
  }
}
