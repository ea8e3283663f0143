package dev.ownership.operator.cli;

import static dev.ownership.operator.cli.AuditCommandTest.REPO_ROOT;
import static dev.ownership.operator.cli.AuditCommandTest.audit;
import static dev.ownership.operator.cli.AuditCommandTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.ownership.operator.testing.NeedsTool;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** audit as a CI gate: what passes, what fails, what says "no verdict", and the CI formats. */
class AuditGateTest {
  private static final String INVALID_LABEL_IN_ENFORCE =
      "apiVersion: v1\n"
          + "kind: Namespace\n"
          + "metadata:\n"
          + "  name: shop\n"
          + "  labels: {ownership.dev/team: shop, ownership.dev/enforcement: enforce}\n"
          + "---\n"
          + "apiVersion: apps/v1\n"
          + "kind: Deployment\n"
          + "metadata:\n"
          + "  name: web\n"
          + "  namespace: shop\n"
          + "  labels:\n"
          + "    team: Web_Team\n";

  @TempDir Path dir;

  @Test
  void whatTheWebhookWouldRefuseFailsTheGateEvenWhenANamespaceOwnsIt() throws Exception {
    Path file = write("app.yaml", INVALID_LABEL_IN_ENFORCE);
    AuditCommandTest.Run run = audit(file.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.rows())
        .containsExactly(row("shop", "Deployment", "web", "owned", "denied", "shop", "namespace"));
    assertThat(run.err())
        .contains(
            "invalid-owner-label: Deployment shop/web: label team=Web_Team is not a valid team"
                + " name")
        .contains("[webhook: denied (enforce); fails --fail-on enforce]")
        .contains("  at " + file + ": document 2, line 13")
        .contains("  fix: give team a team name, e.g. team=web-team");
    // The levels are cumulative: none passes what the webhook would refuse.
    assertThat(audit("--fail-on", "warn", file.toString()).exitCode()).isEqualTo(1);
    assertThat(audit("--fail-on", "unowned", file.toString()).exitCode()).isEqualTo(1);
    // The same flags as run: the namespace's label wins over the default; exempt wins over both.
    assertThat(audit("--exempt-namespaces", "shop", file.toString()).rows())
        .containsExactly(row("shop", "Deployment", "web", "owned", "exempt", "shop", "namespace"));
    assertThat(audit("--default-enforcement", "sometimes", file.toString()).err())
        .contains("--default-enforcement: 'sometimes' is not one of enforce, warn, audit, off");
    assertThat(audit("--fail-on", "never", file.toString()).exitCode()).isEqualTo(2);
  }

  /**
   * enforce, warn, unowned: each level fails every workload the one before it fails, and more; on
   * the examples and the invalid label the webhook refuses in an owned namespace.
   */
  @Test
  void failOnLevelsAreCumulativeSoUnownedIsTheStrictest() throws Exception {
    Path file = write("app.yaml", INVALID_LABEL_IN_ENFORCE);
    List<List<String>> failing = new ArrayList<>();
    for (String level : List.of("enforce", "warn", "unowned")) {
      JsonNode json =
          audit(
                  "-o",
                  "json",
                  "--fail-on",
                  level,
                  REPO_ROOT.resolve("deploy/examples").toString(),
                  file.toString())
              .json();
      List<String> names = new ArrayList<>();
      for (JsonNode w : json.path("workloads"))
        if (w.path("fails").asBoolean()) names.add(w.path("name").asText());
      assertThat(json.at("/summary/failing").asInt()).isEqualTo(names.size());
      failing.add(names);
    }
    assertThat(failing.get(0)).containsExactly("web");
    // warn adds what kubectl would print a warning for; unowned adds unowned and conflicts in any
    // mode (backfill-orders in an audit namespace, scratch in an off one).
    assertThat(failing.get(1)).containsAll(failing.get(0)).hasSizeGreaterThan(1);
    assertThat(failing.get(2))
        .containsAll(failing.get(1))
        .contains("backfill-orders", "scratch")
        .hasSizeGreaterThan(failing.get(1).size());
  }

  @Test
  void noKubernetesObjectsIsNoVerdictUnlessAllowed() throws Exception {
    AuditCommandTest.Run empty = AuditCommandTest.auditWithStdin("", "-");
    assertThat(empty.exitCode()).isEqualTo(2);
    assertThat(empty.err())
        .contains(
            "error: <stdin>: holds no Kubernetes object (did the command before the pipe fail?);"
                + " pass --allow-empty if an empty input is expected");
    Path comments = write("empty.yaml", "# nothing yet\n---\n");
    assertThat(audit(comments.toString()).exitCode()).isEqualTo(2);
    assertThat(AuditCommandTest.auditWithStdin("", "--allow-empty", "-").exitCode()).isEqualTo(0);
    // Objects that are no workloads are input: the gate passes.
    Path config = write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
    assertThat(audit(config.toString()).exitCode()).isEqualTo(0);
  }

  /** Standard input is {@code <stdin>} in every message and report (in SARIF, as a URI). */
  @Test
  void stdinGoesByOneNameInEveryMessageAndReport() throws Exception {
    String stdin = INVALID_LABEL_IN_ENFORCE + "---\nmetadata: [unclosed\n";
    AuditCommandTest.Run table = AuditCommandTest.auditWithStdin(stdin, "-");
    assertThat(table.exitCode()).isEqualTo(2);
    assertThat(table.err())
        .contains("  at <stdin>: document 2, line 13\n")
        .contains("error: <stdin>: document 3, line 15: YAML syntax error");
    JsonNode json = AuditCommandTest.auditWithStdin(stdin, "-o", "json", "-").json();
    assertThat(json.at("/workloads/0/origin").asText()).isEqualTo("<stdin>: document 2, line 7");
    assertThat(json.at("/errors/0/source").asText()).isEqualTo("<stdin>");
    JsonNode sarif = AuditCommandTest.auditWithStdin(stdin, "-o", "sarif", "-").json();
    assertThat(sarif.findValuesAsText("uri")).isNotEmpty().containsOnly("%3Cstdin%3E");
    assertThat(sarif.at("/runs/0/invocations/0/toolExecutionNotifications/0/message/text").asText())
        .startsWith("<stdin>: document 3, line 15: ");
    assertThat(AuditCommandTest.auditWithStdin("", "-o", "json", "-").json().at("/errors/0/source"))
        .hasToString("\"<stdin>\"");
  }

  @Test
  void anInternalErrorIsOneLineAndExitsTwoEvenOutOfMemory() {
    for (Throwable failure :
        List.of(new IllegalStateException("boom"), new OutOfMemoryError("Java heap space"))) {
      Result quiet = failingStdin(failure);
      assertThat(quiet.exitCode).isEqualTo(2);
      assertThat(quiet.err.lines()).hasSize(1);
      assertThat(quiet.err).startsWith("error: ").doesNotContain("\tat ");
      Result verbose = failingStdin(failure, "--verbose");
      assertThat(verbose.exitCode).isEqualTo(2);
      assertThat(verbose.err).contains("\tat dev.ownership.operator");
    }
    assertThat(failingStdin(new IllegalStateException("boom")).err)
        .isEqualTo(
            "error: internal error (IllegalStateException: boom); please report it (--verbose"
                + " prints the stack trace)\n");
    assertThat(failingStdin(new OutOfMemoryError()).err)
        .contains("error: out of memory; give Java more heap");
  }

  @Test
  void quietPrintsOnlyFindingsAndErrors() {
    AuditCommandTest.Run run = audit("-q", REPO_ROOT.resolve("deploy/examples").toString());
    assertThat(run.rows())
        .extracting(r -> r.get(2))
        .containsExactly(
            "backfill-orders",
            "recommendations",
            "settlement",
            "payment-gateway",
            "scratch",
            "checkout-canary");
    assertThat(run.err()).doesNotContain("note:").doesNotContain("12 workloads");
  }

  @Test
  void excludedPathsChartsAndKustomizationsAreHandledAsSaid() throws Exception {
    write("apps/web.yaml", AuditCommandTest.deployment("", "web", "team: web"));
    write("apps/test/fixture.yaml", AuditCommandTest.deployment("", "fixture", ""));
    write("apps/web-values.yaml", "replicas: 3\n");
    write("chart/Chart.yaml", "apiVersion: v2\nname: c\nversion: 1.0.0\n");
    write("chart/templates/d.yaml", "metadata:\n  name: {{ .Release.Name }}\n");
    AuditCommandTest.Run charted = audit(dir.toString());
    assertThat(charted.exitCode()).isEqualTo(2);
    assertThat(charted.err())
        .contains("error: " + dir.resolve("chart") + ": is a Helm chart: its templates are not");
    AuditCommandTest.Run run =
        audit(
            "--exclude",
            "chart",
            "--exclude",
            "apps/test/**",
            "--exclude",
            "*-values.yaml",
            dir.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.rows()).extracting(r -> r.get(2)).containsExactly("web");
    assertThat(run.err()).doesNotContain("note:");

    AuditCommandTest.Run raw = audit(REPO_ROOT.resolve("deploy/examples").toString());
    assertThat(raw.err())
        .contains("note: " + REPO_ROOT.resolve("deploy/examples") + ": has a kustomization.yaml");
  }

  /**
   * An overlay directory holding only its kustomization: read file by file it has no workload, so
   * no verdict (exit 2, with how to render it), never a pass; rendered, the webhook's verdict.
   */
  @Test
  void anOverlayWithoutItsRenderIsNoVerdict() throws Exception {
    write(
        "base/kustomization.yaml",
        "resources: [namespace.yaml, web.yaml]\n" + "# kustomize needs no apiVersion or kind\n");
    write(
        "base/namespace.yaml",
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n"
            + "  labels: {ownership.dev/enforcement: enforce}\n");
    write("base/web.yaml", AuditCommandTest.deployment("shop", "web", "team: web"));
    Path prod =
        write(
                "overlays/prod/kustomization.yaml",
                "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                    + "kind: Kustomization\n"
                    + "resources: [../../base]\n"
                    + "patches:\n"
                    + "- patch: |-\n"
                    + "    - {op: remove, path: /spec/template/metadata/labels/team}\n"
                    + "  target: {kind: Deployment, name: web}\n")
            .getParent();
    AuditCommandTest.Run raw = audit(prod.toString());
    assertThat(raw.exitCode()).as(raw.err()).isEqualTo(2);
    assertThat(raw.err())
        .contains(
            "error: "
                + prod
                + ": has a kustomization.yaml and its files hold no workload: what it deploys"
                + " comes from what kustomize renders")
        .contains("render it (kubectl kustomize " + prod + " | ownership-operator audit -)")
        .doesNotContain("note:")
        .doesNotContain("holds no Kubernetes object");
    AuditCommandTest.Run rendered = audit("--kustomize", prod.toString());
    assertThat(rendered.exitCode()).as(rendered.err()).isEqualTo(1);
    assertThat(rendered.rows())
        .containsExactly(row("shop", "Deployment", "web", "unowned", "denied", "-", "-"));
    // The base has its workload: a note, and none for its kindless kustomization.yaml.
    AuditCommandTest.Run base = audit(dir.resolve("base").toString());
    assertThat(base.exitCode()).as(base.err()).isEqualTo(0);
    assertThat(base.err().lines().filter(l -> l.startsWith("note: ")))
        .singleElement()
        .asString()
        .startsWith("note: " + dir.resolve("base") + ": has a kustomization.yaml: its files are");
  }

  @Test
  @NeedsTool({"kubectl"})
  void kustomizeRendersDirectoriesWithTheKubectlOnThePath() {
    AuditCommandTest.Run run =
        audit("--kustomize", "-o", "json", REPO_ROOT.resolve("deploy").toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    List<String> sources = new ArrayList<>();
    try {
      for (JsonNode w : run.json().path("workloads")) {
        if (w.path("name").asText().equals("checkout"))
          sources.add(w.path("origin").asText().replace(REPO_ROOT + "/", ""));
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    // Rendered, not read file by file: the origin is the kustomization directory.
    assertThat(sources)
        .containsExactly("deploy/examples (kubectl kustomize): document 16, line 240");
    assertThat(run.err()).doesNotContain("has a kustomization");
  }

  @Test
  void sarifIsValidAndPointsAtEachFindingsFileAndLine() throws Exception {
    Path file = write("app.yaml", INVALID_LABEL_IN_ENFORCE);
    AuditCommandTest.Run run =
        audit(
            "-o",
            "sarif",
            REPO_ROOT.resolve("deploy/examples").toString(),
            file.toString(),
            dir.resolve("gone.yaml").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode sarif = run.json();
    Schema schema;
    try (InputStream in = getClass().getResourceAsStream("/audit/sarif-2.1.0-subset.schema.json")) {
      schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
              .getSchema(in, InputFormat.JSON);
    }
    List<Error> errors = schema.validate(sarif);
    assertThat(errors).isEmpty();
    // The schema can fail: a level SARIF does not know is refused.
    JsonNode broken = sarif.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) broken.at("/runs/0/results/0"))
        .put("level", "fatal");
    assertThat(schema.validate(broken)).isNotEmpty();

    JsonNode results = sarif.at("/runs/0/results");
    // app.yaml's namespace team (shop) is no Team of the examples' registry: a finding too.
    assertThat(results).hasSize(8);
    List<String> seen = new ArrayList<>();
    results.forEach(
        r ->
            seen.add(
                r.path("ruleId").asText()
                    + " "
                    + r.path("level").asText()
                    + " "
                    + r.at("/locations/0/physicalLocation/artifactLocation/uri")
                        .asText()
                        .replaceFirst(".*/", "")
                    + ":"
                    + r.at("/locations/0/physicalLocation/region/startLine").asInt()));
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "unowned note analytics.yaml:24",
            "unowned warning catalog.yaml:45",
            "unknown-team warning payments.yaml:30",
            "conflict warning payments.yaml:44",
            "unowned note sandbox.yaml:2",
            "invalid-owner-label error app.yaml:13",
            "unknown-team error app.yaml:5",
            "conflict warning storefront.yaml:48");
    assertThat(sarif.at("/runs/0/tool/driver/rules").findValuesAsText("id"))
        .containsExactly("unowned", "conflict", "invalid-owner-label", "unknown-team");
    assertThat(sarif.at("/runs/0/invocations/0/executionSuccessful").asBoolean()).isFalse();
    assertThat(sarif.at("/runs/0/invocations/0/toolExecutionNotifications/0/message/text").asText())
        .endsWith("gone.yaml: no such file or directory");
  }

  @Test
  void junitAndJsonCarryTheGateAndAHintPerFinding() throws Exception {
    AuditCommandTest.Run junit =
        audit("-o", "junit", "--fail-on", "warn", REPO_ROOT.resolve("deploy/examples").toString());
    org.w3c.dom.Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(junit.out().getBytes(StandardCharsets.UTF_8)));
    org.w3c.dom.Element suite = (org.w3c.dom.Element) xml.getElementsByTagName("testsuite").item(0);
    assertThat(suite.getAttribute("tests")).isEqualTo("12");
    // recommendations, the two conflicts, and settlement's unknown team
    assertThat(suite.getAttribute("failures")).isEqualTo("4");
    assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(4);

    JsonNode json = audit("-o", "json", REPO_ROOT.resolve("deploy/examples").toString()).json();
    JsonNode recommendations = null;
    for (JsonNode w : json.path("workloads"))
      if (w.path("name").asText().equals("recommendations")) recommendations = w;
    assertThat(recommendations.at("/verdict/decision").asText()).isEqualTo("warned");
    assertThat(recommendations.at("/findings/0/rule").asText()).isEqualTo("unowned");
    assertThat(recommendations.at("/findings/0/hint").asText())
        .startsWith(
            "ServiceOwnership catalog (team search) would select it if it had app in"
                + " (catalog-api,catalog-indexer)");
    // recommendations (unowned) and settlement (its team paymnts is not registered)
    assertThat(json.at("/summary/warned").asInt()).isEqualTo(2);
    assertThat(json.at("/summary/failOn").asText()).isEqualTo("enforce");
  }

  record Result(int exitCode, String err) {}

  private static Result failingStdin(Throwable failure, String... flags) {
    InputStream stdin =
        new InputStream() {
          @Override
          public int read() {
            if (failure instanceof java.lang.Error error) throw error;
            throw (RuntimeException) failure;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            return read();
          }
        };
    // Through the top-level command: --verbose is its inherited option, as in the real jar.
    CommandLine.IFactory stdinAudit =
        new CommandLine.IFactory() {
          @Override
          @SuppressWarnings("unchecked")
          public <K> K create(Class<K> cls) throws Exception {
            if (cls == AuditCommand.class) return (K) new AuditCommand(stdin);
            return CommandLine.defaultFactory().create(cls);
          }
        };
    CommandLine cli = new CommandLine(new OwnershipCli(), stdinAudit);
    cli.setExitCodeExceptionMapper(e -> 2);
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    List<String> args = new ArrayList<>(List.of("audit"));
    args.addAll(List.of(flags));
    args.add("-");
    int code = cli.execute(args.toArray(String[]::new));
    return new Result(code, err.toString());
  }

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }
}
