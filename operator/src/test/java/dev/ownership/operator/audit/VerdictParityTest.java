package dev.ownership.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ownership.operator.admission.AdmissionDecision;
import dev.ownership.operator.admission.AdmissionHandler;
import dev.ownership.operator.admission.AdmissionResult;
import dev.ownership.operator.admission.AdmissionSettings;
import dev.ownership.operator.admission.FailureMode;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.EnforcementRule;
import dev.ownership.operator.ownership.InvalidSpecException;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.NamespaceDirectory;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Corpus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * audit's verdict is the webhook's decision: for every workload, in every namespace mode and with
 * the Team registry warning and enforcing (the same mode on both sides), the audit row equals what
 * the real {@link AdmissionHandler} answers to the same object as a CREATE review (decision,
 * allowed, message, warnings). The webhook's namespaces, ServiceOwnerships and Teams come from a
 * directory built here, not from the audit's inventory.
 */
class VerdictParityTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Path REPO_ROOT =
      Path.of(System.getProperty("ownership.repoRoot", "..")).toAbsolutePath().normalize();
  private static final Set<String> EXEMPT = Set.of("kube-system", "kube-public", "kube-node-lease");

  @Test
  void examplesAndHardCasesGetTheWebhooksVerdictInEveryMode() throws Exception {
    List<JsonNode> documents = new ArrayList<>(Corpus.nodes(REPO_ROOT.resolve("deploy/examples")));
    documents.addAll(
        Corpus.nodes(Path.of(getClass().getResource("/audit/parity-cases.yaml").toURI())));
    // 12 example workloads and 9 cases, of which one Job belongs to its CronJob.
    assertThat(compareInEveryMode(documents)).isEqualTo(2 * 5 * (12 + 8));
  }

  /**
   * The corpus's real manifests, and the workloads of the peer policies' tests (Kyverno,
   * Gatekeeper, Kubewarden: the labelled and unlabelled cases they judge), with one Team so that
   * the registry is in use: their team values foo (registered), any-corp and dev-team (unknown).
   */
  @Test
  @Tag(Corpus.TAG)
  void theCorpusGetsTheWebhooksVerdictInEveryMode() {
    List<JsonNode> documents = new ArrayList<>(Corpus.nodes(Corpus.path("manifests")));
    List<JsonNode> peerWorkloads = workloadsOf(Corpus.path("peer-tests"));
    assertThat(peerWorkloads).hasSize(42);
    documents.addAll(peerWorkloads);
    documents.add(team("foo"));
    assertThat(compareInEveryMode(documents)).isEqualTo(2 * 5 * (269 + 42));
  }

  /**
   * Compares as written (default warn) and with every namespace in each mode, with the registry in
   * warn and in enforce; returns the count. The registry's mode must change some verdict, or its
   * comparison would prove nothing.
   */
  private static int compareInEveryMode(List<JsonNode> documents) {
    List<String> differences = new ArrayList<>();
    Map<TeamRegistryMode, List<String>> verdicts = new HashMap<>();
    int compared = 0;
    for (TeamRegistryMode teams : List.of(TeamRegistryMode.WARN, TeamRegistryMode.ENFORCE)) {
      List<String> seen = verdicts.computeIfAbsent(teams, t -> new ArrayList<>());
      compared += compare(documents, EnforcementMode.WARN, teams, differences, seen);
      for (EnforcementMode mode : EnforcementMode.values()) {
        compared += compare(inMode(documents, mode), mode, teams, differences, seen);
      }
    }
    assertThat(differences).as("differences between audit and the webhook").isEmpty();
    assertThat(verdicts.get(TeamRegistryMode.ENFORCE))
        .as("verdicts with the registry enforced")
        .isNotEqualTo(verdicts.get(TeamRegistryMode.WARN));
    return compared;
  }

  private static int compare(
      List<JsonNode> documents,
      EnforcementMode defaultMode,
      TeamRegistryMode teams,
      List<String> differences,
      List<String> verdicts) {
    EnforcementRule rule = new EnforcementRule(defaultMode, EXEMPT);
    OwnerResolver resolver = new OwnerResolver(OwnerLabelKeys.DEFAULT);
    StringBuilder stream = new StringBuilder();
    for (JsonNode document : documents) stream.append("---\n").append(yaml(document));
    ManifestReader.Result input = ManifestReader.readText("parity.yaml", stream.toString(), false);
    assertThat(input.problems()).isEmpty();
    AuditReport report =
        new Auditor(resolver, rule, FailOn.ENFORCE)
            .audit(
                ManifestInventory.of(input.documents(), "default", true, teams),
                input.problems(),
                input.notices());

    AtomicReference<AdmissionDecision> recorded = new AtomicReference<>();
    AdmissionHandler webhook =
        AdmissionHandler.of(
            resolver,
            directory(documents, teams),
            new AdmissionSettings(rule, FailureMode.CLOSED),
            (kind, operation, mode, decision, nanos) -> recorded.set(decision));
    Map<Integer, AuditedWorkload> byDocument = new HashMap<>();
    report.workloads().forEach(w -> byDocument.put(w.origin().document(), w));
    int compared = 0;
    for (int i = 0; i < documents.size(); i++) {
      JsonNode document = documents.get(i);
      Optional<WorkloadKind> kind =
          WorkloadKind.fromApiVersionKind(
              document.path("apiVersion").asText(""), document.path("kind").asText(""));
      if (kind.isEmpty()) continue;
      AuditedWorkload audited = byDocument.get(i + 1);
      recorded.set(null);
      AdmissionResult result = webhook.handle(review(document, kind.get()));
      assertThat(result.httpStatus()).isEqualTo(200);
      JsonNode response = parse(result.body()).path("response");
      if (audited == null) {
        // Not a workload of its own (a CronJob's Job): the webhook lets it through untouched.
        if (!recorded.get().equals(AdmissionDecision.ALLOWED) || response.has("warnings"))
          differences.add("doc " + (i + 1) + " not audited but " + recorded.get());
        continue;
      }
      compared++;
      String where = defaultMode.value() + " " + teams.value() + " " + audited.ref() + ": ";
      verdicts.add(defaultMode.value() + " " + audited.ref() + " " + audited.verdict().decision());
      if (audited.verdict().decision() != recorded.get())
        differences.add(where + audited.verdict().decision() + " vs " + recorded.get());
      if (audited.verdict().allowed() != response.path("allowed").asBoolean())
        differences.add(where + "allowed " + audited.verdict().allowed());
      String message = response.path("status").path("message").asText(null);
      if (!java.util.Objects.equals(audited.verdict().message(), message))
        differences.add(where + audited.verdict().message() + " vs " + message);
      List<String> warnings = new ArrayList<>();
      response.path("warnings").forEach(w -> warnings.add(w.asText()));
      if (!audited.verdict().warnings().equals(warnings))
        differences.add(where + audited.verdict().warnings() + " vs " + warnings);
    }
    return compared;
  }

  /** Every namespace of the documents in {@code mode}: labelled, or described anew. */
  private static List<JsonNode> inMode(List<JsonNode> documents, EnforcementMode mode) {
    List<JsonNode> changed = new ArrayList<>();
    Set<String> described = new LinkedHashSet<>();
    Set<String> used = new LinkedHashSet<>();
    for (JsonNode document : documents) {
      ObjectNode copy = document.deepCopy();
      if (isNamespace(copy)) {
        described.add(copy.path("metadata").path("name").asText());
        ((ObjectNode) copy.withObjectProperty("metadata").withObjectProperty("labels"))
            .put("ownership.dev/enforcement", mode.value());
      } else {
        used.add(namespaceOf(copy));
      }
      changed.add(copy);
    }
    used.removeAll(described);
    for (String namespace : used) {
      ObjectNode ns = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
      ns.putObject("metadata")
          .put("name", namespace)
          .putObject("labels")
          .put("ownership.dev/enforcement", mode.value());
      changed.add(ns);
    }
    return changed;
  }

  /** The webhook's view of the namespaces and ServiceOwnerships, read independently. */
  private static NamespaceDirectory directory(List<JsonNode> documents, TeamRegistryMode mode) {
    Map<String, Map<String, String>> labels = new HashMap<>();
    Map<String, List<OwnershipClaim>> claims = new HashMap<>();
    List<Team> teams = new ArrayList<>();
    for (JsonNode document : documents) {
      if (document.path("kind").asText().equals("Team")) {
        teams.add(SERIALIZATION.convertValue(document, Team.class));
      } else if (isNamespace(document)) {
        Map<String, String> map = new HashMap<>();
        document
            .path("metadata")
            .path("labels")
            .fields()
            .forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        labels.put(document.path("metadata").path("name").asText(), map);
      } else if (document.path("kind").asText().equals("ServiceOwnership")) {
        ServiceOwnership so = SERIALIZATION.convertValue(document, ServiceOwnership.class);
        if (so.getMetadata().getNamespace() == null) so.getMetadata().setNamespace("default");
        try {
          claims
              .computeIfAbsent(so.getMetadata().getNamespace(), n -> new ArrayList<>())
              .add(OwnershipClaim.of(so));
        } catch (InvalidSpecException e) {
          // the controller ignores an invalid ServiceOwnership; so does the webhook
        }
      }
    }
    // The webhook's own registry of the same Teams, in the mode audit's is in (--team-registry).
    TeamRegistry registry = TeamRegistry.of(teams, mode);
    return new NamespaceDirectory() {
      @Override
      public TeamRegistry teams() {
        return registry;
      }

      @Override
      public Map<String, String> labels(String namespace) {
        return labels.getOrDefault(namespace, Map.of());
      }

      @Override
      public NamespaceClaims claims(String namespace) {
        return NamespaceClaims.of(claims.getOrDefault(namespace, List.of()));
      }
    };
  }

  /** A CREATE review of {@code manifest} as the API server sends it. */
  private static byte[] review(JsonNode manifest, WorkloadKind kind) {
    ObjectNode object = manifest.deepCopy();
    String namespace = namespaceOf(object);
    object.withObjectProperty("metadata").put("namespace", namespace);
    ObjectNode review =
        JSON.createObjectNode()
            .put("apiVersion", "admission.k8s.io/v1")
            .put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", UUID.randomUUID().toString());
    request
        .putObject("kind")
        .put("group", kind.group())
        .put("version", manifest.path("apiVersion").asText().replaceFirst(".*/", ""))
        .put("kind", kind.kind());
    request
        .putObject("resource")
        .put("group", kind.group())
        .put("version", kind.version())
        .put("resource", kind.plural());
    request.put("name", object.path("metadata").path("name").asText(""));
    request.put("namespace", namespace);
    request.put("operation", "CREATE");
    request.putObject("userInfo").put("username", "ci");
    request.set("object", object);
    request.putNull("oldObject");
    request.put("dryRun", false);
    try {
      return JSON.writeValueAsBytes(review);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String namespaceOf(JsonNode object) {
    String namespace = object.path("metadata").path("namespace").asText("");
    return namespace.isEmpty() ? "default" : namespace;
  }

  private static boolean isNamespace(JsonNode document) {
    return document.path("kind").asText().equals("Namespace")
        && document.path("apiVersion").asText().equals("v1");
  }

  /**
   * The workload documents of the manifest files under {@code dir}; files that are no manifests (a
   * Kubewarden settings file with tabs, say) or hold no workload are left out.
   */
  private static List<JsonNode> workloadsOf(Path dir) {
    List<JsonNode> workloads = new ArrayList<>();
    try (var files = java.nio.file.Files.walk(dir)) {
      for (Path file : files.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".yaml") && !name.endsWith(".yml") && !name.endsWith(".json")) continue;
        List<Corpus.Document> documents;
        try {
          documents = Corpus.documents(file, true);
        } catch (java.io.UncheckedIOException e) {
          continue;
        }
        for (Corpus.Document document : documents) {
          if (WorkloadKind.fromApiVersionKind(
                  document.node().path("apiVersion").asText(""), document.kind())
              .isPresent()) workloads.add(document.node());
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return workloads;
  }

  private static JsonNode team(String name) {
    ObjectNode team =
        JSON.createObjectNode().put("apiVersion", "ownership.dev/v1alpha1").put("kind", "Team");
    team.putObject("metadata").put("name", name);
    team.putObject("spec").put("displayName", name);
    return team;
  }

  private static String yaml(JsonNode node) {
    try {
      return YAML.writeValueAsString(node).replaceFirst("^---\n", "");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
