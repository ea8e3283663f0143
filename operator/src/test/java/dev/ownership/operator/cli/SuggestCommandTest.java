package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suggest command in-process, on deploy/examples and on input written here. */
class SuggestCommandTest {
  static final Path EXAMPLES = AuditCommandTest.REPO_ROOT.resolve("deploy/examples");

  @TempDir Path dir;

  static AuditCommandTest.Run suggestWithStdin(String stdin, String... args) {
    return AuditCommandTest.run(new SuggestCommand(AuditCommandTest.stdinOf(stdin)), args);
  }

  static AuditCommandTest.Run suggest(String... args) {
    return suggestWithStdin("", args);
  }

  /** The README's run: two suggestions from weak signals, one workload nothing ties to anyone. */
  @Test
  void examplesGetTheirSuggestionsGroupedByTeam() {
    AuditCommandTest.Run run = suggest(EXAMPLES.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .isEqualTo(
            String.join(
                "\n",
                "observability: 1 workload",
                "  low     Job analytics/backfill-orders",
                "          team observability owns 1 of the 1 owned workloads in namespace"
                    + " analytics (DaemonSet analytics/log-shipper)",
                "          label: kubectl label --namespace analytics job/backfill-orders"
                    + " ownership.dev/team=observability",
                "",
                "search: 1 workload",
                "  low     Deployment catalog/recommendations",
                "          same image repository \"registry.k8s.io/pause\" as StatefulSet"
                    + " catalog/catalog-db (owned by search)",
                "          team search owns 2 of the 2 owned workloads in namespace catalog"
                    + " (CronJob catalog/catalog-reindex and StatefulSet catalog/catalog-db)",
                "          claim: ServiceOwnership catalog/recommendations (selector"
                    + " app=recommendations)",
                "",
                "no suggestion: 1 workload",
                "  -       Deployment sandbox/scratch",
                "          no signal ties it to an owned workload or a ServiceOwnership",
                ""));
    assertThat(run.err())
        .contains("12 workloads: 7 owned, 3 unowned, 2 in conflict")
        .endsWith(
            "3 unowned workloads: 2 with a suggestion (0 high, 0 medium, 2 low), 1 without\n");
  }

  /** The README's `suggest` section shows this very run and the round trip. */
  @Test
  void readmeShowsTheRealRunOnTheExamples() throws Exception {
    String readme = ReadmeTest.readme();
    int section = readme.indexOf("## `suggest`");
    assertThat(section).isPositive();
    int open = readme.indexOf("```text\n", section) + "```text\n".length();
    String shown = readme.substring(open, readme.indexOf("```", open));
    assertThat(shown).isEqualTo(suggest(EXAMPLES.toString()).out());
    assertThat(readme.substring(section))
        .contains(
            "suggest -o yaml deploy/examples > claims.yaml && java -jar ownership-operator.jar"
                + " audit deploy/examples claims.yaml");
  }

  @Test
  void jsonCarriesEvidenceAnchorsAndClaims() throws Exception {
    AuditCommandTest.Run run = suggest("-o", "json", EXAMPLES.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = run.json();
    assertThat(json.at("/summary").toString())
        .isEqualTo(
            "{\"unowned\":3,\"suggested\":2,\"high\":0,\"medium\":0,\"low\":2,"
                + "\"withoutSuggestion\":1}");
    assertThat(json.at("/errors")).isEmpty();
    assertThat(json.at("/exitCode").asInt()).isEqualTo(1);
    JsonNode recommendations = json.at("/suggestions/1");
    assertThat(recommendations.path("name").asText()).isEqualTo("recommendations");
    assertThat(recommendations.path("team").asText()).isEqualTo("search");
    assertThat(recommendations.path("confidence").asText()).isEqualTo("low");
    assertThat(recommendations.at("/evidence/0/signal").asText()).isEqualTo("image-repository");
    assertThat(recommendations.at("/evidence/0/value").asText()).isEqualTo("registry.k8s.io/pause");
    assertThat(recommendations.at("/evidence/0/anchors/0").toString())
        .isEqualTo(
            "{\"kind\":\"StatefulSet\",\"namespace\":\"catalog\",\"name\":\"catalog-db\","
                + "\"team\":\"search\"}");
    assertThat(recommendations.at("/evidence/1/signal").asText()).isEqualTo("namespace-majority");
    assertThat(recommendations.at("/evidence/1/anchorCount").asInt()).isEqualTo(2);
    assertThat(recommendations.at("/claim").toString())
        .isEqualTo(
            "{\"kind\":\"ServiceOwnership\",\"name\":\"recommendations\","
                + "\"selector\":{\"matchLabels\":{\"app\":\"recommendations\"}}}");
    assertThat(recommendations.path("origin").asText())
        .endsWith("catalog.yaml: document 3, line 45");
    JsonNode backfill = json.at("/suggestions/0");
    assertThat(backfill.at("/claim/kind").asText()).isEqualTo("label");
    assertThat(backfill.at("/claim/command").asText())
        .isEqualTo(
            "kubectl label --namespace analytics job/backfill-orders"
                + " ownership.dev/team=observability");
    JsonNode scratch = json.at("/suggestions/2");
    assertThat(scratch.path("team").isNull()).isTrue();
    assertThat(scratch.path("claim").isNull()).isTrue();
    assertThat(scratch.path("reason").asText())
        .isEqualTo("no signal ties it to an owned workload or a ServiceOwnership");
  }

  /** `suggest -o yaml deploy/examples > claims.yaml && audit deploy/examples claims.yaml`. */
  @Test
  void yamlOutputReReadByAuditOwnsWhatItClaims() throws Exception {
    AuditCommandTest.Run yaml = suggest("-o", "yaml", EXAMPLES.toString());
    assertThat(yaml.exitCode()).isEqualTo(1);
    assertThat(yaml.out())
        .isEqualTo(
            String.join(
                "\n",
                "---",
                "apiVersion: ownership.dev/v1alpha1",
                "kind: ServiceOwnership",
                "metadata:",
                "  name: recommendations",
                "  namespace: catalog",
                "  annotations:",
                "    suggest.ownership.dev/confidence: low",
                "    suggest.ownership.dev/evidence: \"same image repository"
                    + " \\\"registry.k8s.io/pause\\\" as StatefulSet catalog/catalog-db (owned by"
                    + " search); team search owns 2 of the 2 owned workloads in namespace catalog"
                    + " (CronJob catalog/catalog-reindex and StatefulSet catalog/catalog-db)\"",
                "spec:",
                "  team: search",
                "  selector:",
                "    matchLabels:",
                "      app: recommendations",
                "---",
                "# No selector claims these workloads without claiming others too.",
                "# Review, then label them (or add the label to their manifests):",
                "# kubectl label --namespace analytics job/backfill-orders"
                    + " ownership.dev/team=observability   # confidence low",
                ""));
    Path claims = dir.resolve("claims.yaml");
    Files.writeString(claims, yaml.out());
    AuditCommandTest.Run audit = AuditCommandTest.audit(EXAMPLES.toString(), claims.toString());
    assertThat(audit.err()).doesNotContain("error:");
    // The only note is that the examples directory is a kustomization read file by file.
    assertThat(audit.err().lines().filter(line -> line.startsWith("note:")))
        .allSatisfy(note -> assertThat(note).contains("has a kustomization.yaml"));
    assertThat(audit.rows())
        .contains(
            List.of(
                "catalog",
                "Deployment",
                "recommendations",
                "owned",
                "allowed",
                "search",
                "ServiceOwnership/recommendations",
                "registered"))
        // The label is for a person to add; the rest of the picture is unchanged.
        .contains(
            List.of("analytics", "Job", "backfill-orders", "unowned", "audited", "-", "-", "-"))
        .contains(List.of("sandbox", "Deployment", "scratch", "unowned", "allowed", "-", "-", "-"));
    assertThat(audit.err()).contains("12 workloads: 8 owned, 2 unowned, 2 in conflict");
  }

  /**
   * Label values that YAML readers take for numbers, booleans or dates must come out as strings,
   * and names with line breaks must stay on their line in text.
   */
  @Test
  void userValuesCannotBreakTheOutput() throws Exception {
    StringBuilder manifests = new StringBuilder();
    List<String> values = List.of("0x1f", "1e3", "true", "2024-01-01", "012", "null", "yes");
    for (String value : values) {
      String ns = "ns-" + Math.abs(value.hashCode());
      manifests
          .append(
              AuditCommandTest.deployment(
                  ns, "owned", "team: web\n        app.kubernetes.io/part-of: '" + value + "'"))
          .append("---\n")
          .append(
              AuditCommandTest.deployment(
                  ns, "worker", "app.kubernetes.io/part-of: '" + value + "'"))
          .append("---\n");
    }
    manifests.append(AuditCommandTest.deployment("odd", "owner", "team: web\n        x: y"));
    manifests.append("---\n");
    manifests.append(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: \"evil\\nname\\u202e\"\n"
            + "  namespace: odd\n");
    Path input = dir.resolve("input.yaml");
    Files.writeString(input, manifests);

    AuditCommandTest.Run yaml = suggest("-o", "yaml", input.toString());
    assertThat(yaml.exitCode()).as(yaml.err()).isZero();
    List<JsonNode> documents = new ArrayList<>();
    new YAMLMapper()
        .readerFor(JsonNode.class)
        .readValues(yaml.out())
        .forEachRemaining(n -> documents.add(n == null ? null : (JsonNode) n));
    documents.removeIf(d -> d == null || d.isNull() || d.isMissingNode());
    assertThat(documents)
        .filteredOn(d -> d.path("kind").asText().equals("ServiceOwnership"))
        .extracting(d -> d.at("/spec/selector/matchLabels/app.kubernetes.io~1part-of"))
        .allSatisfy(v -> assertThat(v.isTextual()).as("%s is a string", v).isTrue())
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrderElementsOf(values);
    for (String value : values) assertThat(yaml.out()).contains(": \"" + value + "\"");
    // A name the API server would refuse gets no kubectl line (and nothing selects it).
    assertThat(yaml.out()).contains("# 1 more: not valid Kubernetes names");

    Path claims = dir.resolve("claims.yaml");
    Files.writeString(claims, yaml.out());
    AuditCommandTest.Run audit = AuditCommandTest.audit(input.toString(), claims.toString());
    assertThat(audit.err()).contains("16 workloads: 15 owned, 1 unowned, 0 in conflict");

    AuditCommandTest.Run text = suggest(input.toString());
    assertThat(text.out())
        .contains("  low     Deployment odd/evil\\nname\\u202e\n")
        .contains("label: add ownership.dev/team=web to its metadata.labels");
  }

  @Test
  void everyUnownedWorkloadSuggestedExitsZeroAndStdinWorks() {
    String input =
        AuditCommandTest.deployment(
                "shop", "cart", "team: web\n        app.kubernetes.io/part-of: shop")
            + "---\n"
            + AuditCommandTest.deployment("shop", "worker", "app.kubernetes.io/part-of: shop");
    AuditCommandTest.Run run = suggestWithStdin(input, "-");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("web: 1 workload\n  medium  Deployment shop/worker\n");

    AuditCommandTest.Run none =
        suggestWithStdin(AuditCommandTest.deployment("shop", "cart", "team: web"), "-");
    assertThat(none.exitCode()).isZero();
    assertThat(none.out()).isEqualTo("No unowned workloads.\n");
    AuditCommandTest.Run noYaml =
        suggestWithStdin(
            AuditCommandTest.deployment("shop", "cart", "team: web"), "-o", "yaml", "-");
    assertThat(noYaml.exitCode()).isZero();
    assertThat(noYaml.out()).isEmpty();
  }

  /** The same inputs `audit` refuses, with the same one-line errors, and exit code 2. */
  @Test
  void badInputFailsAsAuditDoes() throws Exception {
    Files.write(dir.resolve("blob.yaml"), new byte[] {0x7f, 'E', 'L', 'F', 0, 1, 2});
    Files.writeString(
        dir.resolve("truncated.yaml"), "apiVersion: apps/v1\nkind: Deployment\n  x: 'a");
    Files.writeString(
        dir.resolve("labels.yaml"),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: odd\n  labels: [a, b]\n");
    Files.writeString(
        dir.resolve("so.yaml"),
        "apiVersion: ownership.dev/v1alpha1\nkind: ServiceOwnership\nmetadata:\n  name: x\n"
            + "spec:\n  team: Not_A_Team\n  selector: {}\n");
    Files.writeString(
        dir.resolve("good.yaml"),
        AuditCommandTest.deployment("", "good", "team: core\n        app.kubernetes.io/part-of: c")
            + "---\n"
            + AuditCommandTest.deployment("", "sibling", "app.kubernetes.io/part-of: c"));
    String missing = dir.resolve("missing.yaml").toString();

    AuditCommandTest.Run run = suggest(dir.toString(), missing);
    AuditCommandTest.Run audit = AuditCommandTest.audit(dir.toString(), missing);
    assertThat(run.exitCode()).isEqualTo(2);
    List<String> errors = run.err().lines().filter(l -> l.startsWith("error: ")).toList();
    assertThat(errors)
        .hasSize(5)
        .containsExactlyElementsOf(
            audit.err().lines().filter(l -> l.startsWith("error: ")).toList());
    // What could be read still gets its suggestion.
    assertThat(run.out()).contains("core: 1 workload\n  medium  Deployment default/sibling\n");

    JsonNode json = suggest("-o", "json", missing).json();
    assertThat(json.at("/errors/0/message").asText()).isEqualTo("no such file or directory");
    assertThat(json.at("/exitCode").asInt()).isEqualTo(2);
  }

  @Test
  void usageErrorsExitTwo() {
    AuditCommandTest.Run nothing = suggest();
    assertThat(nothing.exitCode()).isEqualTo(2);
    assertThat(nothing.err())
        .contains("nothing to suggest: give files, directories, - for stdin, or --cluster");
    assertThat(suggest("--cluster", "x.yaml").err()).contains("not both");
    AuditCommandTest.Run table = suggest("-o", "table", "x.yaml");
    assertThat(table.exitCode()).isEqualTo(2);
    assertThat(table.err()).contains("--output: 'table' is not one of text, json, yaml");
    assertThat(suggest("--page-size", "0", "x.yaml").err()).contains("--page-size");
    assertThat(suggest("--owner-label-keys", "Not A Key!", "x.yaml").err())
        .contains("--owner-label-keys");
  }

  @Test
  void theOwnerLabelKeyOfLabelLinesIsTheFirstOwnerLabelKey() {
    String input =
        AuditCommandTest.deployment("shop", "cart", "owner: web")
            + "---\n"
            + "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\n  namespace: shop\n";
    AuditCommandTest.Run run =
        suggestWithStdin(input, "--owner-label-keys", "owner,team", "-o", "yaml", "-");
    assertThat(run.out())
        .contains("# kubectl label --namespace shop job/once owner=web   # confidence low");
  }
}
