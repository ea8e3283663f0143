package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The audit command in-process: what it prints and returns for real and for broken input. */
class AuditCommandTest {
  static final Path REPO_ROOT =
      Path.of(System.getProperty("ownership.repoRoot", "..")).toAbsolutePath().normalize();

  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {
    List<List<String>> rows() {
      List<List<String>> rows = new ArrayList<>();
      out.lines().skip(1).forEach(line -> rows.add(List.of(line.trim().split("\\s{3,}"))));
      return rows;
    }

    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(out);
    }
  }

  static Run auditWithStdin(String stdin, String... args) {
    return run(new AuditCommand(stdinOf(stdin)), args);
  }

  static ByteArrayInputStream stdinOf(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Runs one command in-process, as the jar would (bad flags exit 2), capturing its output. */
  static Run run(Object command, String... args) {
    CommandLine cli = new CommandLine(command);
    cli.setExitCodeExceptionMapper(e -> 2);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Run audit(String... args) {
    return auditWithStdin("", args);
  }

  @Test
  void examplesResolveToEveryOutcomeWithTheWebhooksVerdictInASortedTable() {
    Run run = audit(REPO_ROOT.resolve("deploy/examples").toString());
    // Nothing there would be refused: the unowned ones are in warn, audit and off namespaces.
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    // The examples register their Teams, so the table says what the registry makes of each.
    assertThat(run.out().lines().findFirst().orElseThrow())
        .matches("NAMESPACE\\s+KIND\\s+NAME\\s+STATUS\\s+VERDICT\\s+TEAM\\s+SOURCE\\s+REGISTRY");
    assertThat(run.rows())
        .containsExactly(
            // owner=o11y: an alias, written as the Team's name
            row(
                "analytics",
                "DaemonSet",
                "log-shipper",
                "owned",
                "allowed",
                "observability",
                "label",
                "alias o11y"),
            row("analytics", "Job", "backfill-orders", "unowned", "audited", "-", "-", "-"),
            row(
                "catalog",
                "CronJob",
                "catalog-reindex",
                "owned",
                "allowed",
                "search",
                "ServiceOwnership/catalog",
                "registered"),
            row("catalog", "Deployment", "recommendations", "unowned", "warned", "-", "-", "-"),
            row(
                "catalog",
                "StatefulSet",
                "catalog-db",
                "owned",
                "allowed",
                "search",
                "label",
                "registered"),
            // team=paymnts: a typo the registry (warn) reports and still lets own
            row(
                "payments",
                "CronJob",
                "settlement",
                "owned",
                "warned",
                "paymnts",
                "label",
                "unknown paymnts (did you mean payments?)"),
            row(
                "payments",
                "Deployment",
                "ledger",
                "owned",
                "allowed",
                "payments",
                "namespace",
                "registered"),
            row(
                "payments",
                "Deployment",
                "payment-gateway",
                "conflict",
                "allowed",
                "payments",
                "ServiceOwnership/gateway",
                "registered"),
            row("sandbox", "Deployment", "scratch", "unowned", "allowed", "-", "-", "-"),
            row(
                "storefront",
                "Deployment",
                "cart",
                "owned",
                "allowed",
                "web",
                "label",
                "registered"),
            row(
                "storefront",
                "Deployment",
                "checkout",
                "owned",
                "allowed",
                "payments",
                "ServiceOwnership/checkout",
                "registered"),
            row(
                "storefront",
                "Deployment",
                "checkout-canary",
                "conflict",
                "allowed",
                "growth",
                "label",
                "registered"));
    assertThat(run.err())
        .contains(
            "conflict: Deployment storefront/checkout-canary: label team=growth overrides"
                + " ServiceOwnership checkout (team payments) [webhook: allowed (enforce)]")
        .contains(
            "unknown-team: CronJob payments/settlement: team paymnts (label team) is not a"
                + " registered Team; did you mean payments? [webhook: warned (warn)]\n"
                + "  at "
                + REPO_ROOT.resolve("deploy/examples/payments.yaml")
                + ": document 2, line 30\n"
                + "  fix: write payments instead, or add a Team named paymnts (kind: Team)\n")
        .contains(
            "12 workloads: 7 owned, 3 unowned, 2 in conflict; the webhook would deny 0, warn 2,"
                + " audit 1, allow 9, exempt 0; 6 Teams (registry warn): 1 with an unknown team;"
                + " --fail-on enforce: passed");
    // The strictest gate, and the one in between. unowned: the 3 unowned, the 2 conflicts, and
    // settlement, which warn fails too (the levels are cumulative).
    Run unowned = audit("--fail-on", "unowned", REPO_ROOT.resolve("deploy/examples").toString());
    assertThat(unowned.exitCode()).isEqualTo(1);
    assertThat(unowned.err()).contains("--fail-on unowned: 6 failing");
    Run warned = audit("--fail-on", "warn", REPO_ROOT.resolve("deploy/examples").toString());
    assertThat(warned.exitCode()).isEqualTo(1);
    // recommendations (warned), the two conflicts in enforce/warn namespaces (kubectl warns), and
    // settlement's unknown team (the webhook warns about it in namespace payments).
    assertThat(warned.err()).contains("--fail-on warn: 4 failing");
  }

  static List<String> row(String... cells) {
    return List.of(cells);
  }

  @Test
  void everyWorkloadOwnedExitsZero() throws Exception {
    write(
        "ns.yaml",
        "apiVersion: v1\n"
            + "kind: Namespace\n"
            + "metadata:\n"
            + "  name: shop\n"
            + "  labels:\n"
            + "    ownership.dev/team: shop-team\n");
    write("apps.yaml", deployment("shop", "a", "") + "---\n" + deployment("", "b", "team: core"));
    Run run = audit(dir.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.rows())
        .containsExactly(
            row("default", "Deployment", "b", "owned", "allowed", "core", "label"),
            row("shop", "Deployment", "a", "owned", "allowed", "shop-team", "namespace"));
  }

  @Test
  void documentsWithoutANamespaceUseTheNamespaceFlag() throws Exception {
    write(
        "ns.yaml",
        "apiVersion: v1\n"
            + "kind: Namespace\n"
            + "metadata:\n"
            + "  name: team-ns\n"
            + "  labels:\n"
            + "    ownership.dev/team: blue\n");
    write(
        "so.yaml",
        "apiVersion: ownership.dev/v1alpha1\n"
            + "kind: ServiceOwnership\n"
            + "metadata:\n"
            + "  name: api\n"
            + "spec:\n"
            + "  team: green\n"
            + "  selector:\n"
            + "    matchLabels: {app: api}\n");
    write("apps.yaml", deployment("", "api", "app: api") + "---\n" + deployment("", "other", ""));
    Run run = audit("-n", "team-ns", dir.toString());
    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.rows())
        .containsExactly(
            row(
                "team-ns",
                "Deployment",
                "api",
                "owned",
                "allowed",
                "green",
                "ServiceOwnership/api"),
            row("team-ns", "Deployment", "other", "owned", "allowed", "blue", "namespace"));
  }

  @Test
  void ownerLabelKeysWorkAsForRun() throws Exception {
    write("app.yaml", deployment("", "x", "app.kubernetes.io/owner: sre\n        team: web"));
    assertThat(audit(dir.toString()).rows())
        .containsExactly(row("default", "Deployment", "x", "owned", "allowed", "web", "label"));
    assertThat(audit("--owner-label-keys", "app.kubernetes.io/owner", dir.toString()).rows())
        .containsExactly(row("default", "Deployment", "x", "owned", "allowed", "sre", "label"));
    Run bad = audit("--owner-label-keys", "Not A Key!", dir.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--owner-label-keys");
  }

  @Test
  void anInvalidServiceOwnershipIsAnErrorNamingTheDocument() throws Exception {
    Path file =
        write(
            "so.yaml",
            deployment("", "api", "app: api")
                + "---\n"
                + "apiVersion: ownership.dev/v1alpha1\n"
                + "kind: ServiceOwnership\n"
                + "metadata:\n"
                + "  name: api\n"
                + "spec:\n"
                + "  team: Payments_Team\n"
                + "  selector:\n"
                + "    matchLabels: {app: api}\n"
                + "---\n"
                + "apiVersion: ownership.dev/v1alpha1\n"
                + "kind: ServiceOwnership\n"
                + "metadata:\n"
                + "  name: weird\n"
                + "spec:\n"
                + "  team: ok\n"
                + "  selector:\n"
                + "    matchExpressions:\n"
                + "    - {key: app, operator: Resembles, values: [x]}\n");
    Run run = audit(file.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "error: "
                + file
                + ": document 2, line 16: ServiceOwnership api is invalid: spec.team"
                + " 'Payments_Team' must be")
        .contains("error: " + file + ": document 3, line 28: ServiceOwnership weird is invalid:");
    assertThat(run.rows())
        .containsExactly(row("default", "Deployment", "api", "unowned", "warned", "-", "-"));
  }

  @Test
  void jsonOutputCarriesResolutionDetailsAndErrors() throws Exception {
    Run run =
        audit(
            "-o",
            "json",
            REPO_ROOT.resolve("deploy/examples").toString(),
            dir.resolve("missing.yaml").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode json = run.json();
    assertThat(json.at("/summary/workloads").asInt()).isEqualTo(12);
    assertThat(json.at("/summary/owned").asInt()).isEqualTo(7);
    assertThat(json.at("/summary/unowned").asInt()).isEqualTo(3);
    assertThat(json.at("/summary/conflict").asInt()).isEqualTo(2);
    assertThat(json.at("/exitCode").asInt()).isEqualTo(2);
    assertThat(json.at("/errors/0/message").asText()).isEqualTo("no such file or directory");
    JsonNode checkout = find(json, "checkout");
    assertThat(checkout.path("team").asText()).isEqualTo("payments");
    assertThat(checkout.path("service").asText()).isEqualTo("checkout");
    assertThat(checkout.path("source").asText()).isEqualTo("ServiceOwnership/checkout");
    assertThat(checkout.path("origin").asText()).endsWith("storefront.yaml: document 1, line 2");
    JsonNode canary = find(json, "checkout-canary");
    assertThat(canary.at("/conflicts/0/reason").asText())
        .isEqualTo("TeamLabelOverridesServiceOwnership");
    assertThat(canary.at("/conflicts/0/serviceOwnership").asText()).isEqualTo("checkout");
    assertThat(find(json, "scratch").path("team").isNull()).isTrue();
  }

  @Test
  void stdinAndFilesMixAndNamespacesFromStdinApplyToFiles() throws Exception {
    Path file = write("app.yaml", deployment("shop", "cart", ""));
    Run run =
        auditWithStdin(
            "apiVersion: v1\n"
                + "kind: Namespace\n"
                + "metadata:\n"
                + "  name: shop\n"
                + "  labels: {ownership.dev/team: shop}\n",
            file.toString(),
            "-");
    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.rows())
        .containsExactly(
            row("shop", "Deployment", "cart", "owned", "allowed", "shop", "namespace"));
  }

  @Test
  void aJobRunByACronJobIsNotAWorkloadOfItsOwn() throws Exception {
    write(
        "job.yaml",
        "apiVersion: batch/v1\n"
            + "kind: Job\n"
            + "metadata:\n"
            + "  name: nightly-28901\n"
            + "  ownerReferences:\n"
            + "  - {apiVersion: batch/v1, kind: CronJob, name: nightly, uid: x, controller:"
            + " true}\n");
    Run run = audit(dir.toString());
    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out()).contains("No workloads found.");
  }

  @Test
  void malformedInputFailsWithTwoButStillReportsWhatCouldBeRead() throws Exception {
    Path binary = dir.resolve("blob.yaml");
    Files.write(binary, new byte[] {0x7f, 'E', 'L', 'F', 0, 1, 2});
    write("truncated.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: 'half");
    write("scalar.yaml", "hello\n");
    write(
        "unknown.yaml",
        "apiVersion: example.com/v1\n"
            + "kind: Widget\n"
            + "metadata:\n"
            + "  name: w\n"
            + "---\n"
            + "apiVersion: v1\n"
            + "kind: Pod\n"
            + "metadata:\n"
            + "  name: p\n");
    write("empty.yaml", "---\n---\n# nothing\n");
    write(
        "labels.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: odd\n  labels: [a, b]\n");
    write("good.yaml", deployment("", "good", "team: core"));
    Run run = audit(dir.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.rows())
        .containsExactly(row("default", "Deployment", "good", "owned", "allowed", "core", "label"));
    assertThat(run.err().lines().filter(l -> l.startsWith("error: ")).toList())
        .containsExactly(
            "error: "
                + binary
                + ": is not a text file (binary or not UTF-8): give YAML or JSON manifests",
            "error: "
                + dir.resolve("labels.yaml")
                + ": document 1, line 5: metadata.labels is a list, not a mapping",
            "error: "
                + dir.resolve("scalar.yaml")
                + ": document 1, line 1: is a string, not a Kubernetes object (a mapping with"
                + " apiVersion and kind)",
            run.err()
                .lines()
                .filter(
                    l ->
                        l.startsWith(
                            "error: "
                                + dir.resolve("truncated.yaml")
                                + ": document 1, line 4: YAML syntax error"))
                .findFirst()
                .orElse("missing truncated.yaml error"));
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(audit().exitCode()).isEqualTo(2);
    assertThat(audit().err()).contains("nothing to audit");
    assertThat(audit("--cluster", "x.yaml").err()).contains("not both");
    assertThat(audit("-o", "yaml", "x.yaml").exitCode()).isEqualTo(2);
  }

  private static JsonNode find(JsonNode json, String name) {
    for (JsonNode workload : json.path("workloads")) {
      if (workload.path("name").asText().equals(name)) return workload;
    }
    throw new AssertionError("no workload " + name);
  }

  static String deployment(String namespace, String name, String templateLabels) {
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: "
        + name
        + "\n"
        + (namespace.isEmpty() ? "" : "  namespace: " + namespace + "\n")
        + "spec:\n  template:\n    metadata:\n      labels:\n        "
        + (templateLabels.isEmpty() ? "x: y" : templateLabels)
        + "\n";
  }

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }
}
