package dev.ownership.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.ownership.operator.testing.NeedsTool;
import dev.ownership.operator.testing.SystemTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus: the rules file is the single source of the rule groups, the PrometheusRule
 * carries exactly those groups, promtool accepts the rules and its unit tests pass, every alert is
 * tested both firing and silent, and the kustomization renders.
 */
class PrometheusRulesTest {
  static final Path REPO =
      Path.of(System.getProperty("ownership.repoRoot", "..")).toAbsolutePath().normalize();
  static final Path DIR = REPO.resolve("deploy/prometheus");
  static final Path RULES = DIR.resolve("rules/ownership-rules.yml");
  static final Path PROMETHEUS_RULE = DIR.resolve("prometheusrule.yaml");
  static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
              .disable(YAMLGenerator.Feature.SPLIT_LINES));

  @Test
  void thePrometheusRuleCarriesExactlyTheGroupsOfTheRulesFile() throws IOException {
    JsonNode groups = YAML.readTree(RULES.toFile()).get("groups");
    if (Boolean.getBoolean("rules.update")) Files.writeString(PROMETHEUS_RULE, render(groups));
    JsonNode committed = YAML.readTree(PROMETHEUS_RULE.toFile());
    assertThat(committed.path("spec").path("groups"))
        .as(
            "deploy/prometheus/prometheusrule.yaml differs from rules/ownership-rules.yml: run mvn"
                + " -pl operator test -Dtest=PrometheusRulesTest -Drules.update=true and commit the"
                + " result")
        .isEqualTo(groups);
    assertThat(committed.path("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(committed.path("metadata").path("namespace").asText()).isEqualTo("ownership-system");
  }

  @Test
  @NeedsTool({"promtool"})
  void promtoolAcceptsTheRules() throws Exception {
    ExternalCommand check =
        ExternalCommand.run(
            REPO,
            Duration.ofMinutes(1),
            SystemTool.PROMTOOL.path().toString(),
            "check",
            "rules",
            REPO.relativize(RULES).toString());
    assertThat(check.exitCode()).as(check.describe()).isZero();
    assertThat(check.output()).contains("SUCCESS");
  }

  @Test
  @NeedsTool({"promtool"})
  void promtoolUnitTestsPass() throws Exception {
    List<String> command =
        new ArrayList<>(List.of(SystemTool.PROMTOOL.path().toString(), "test", "rules"));
    testFiles().forEach(f -> command.add(REPO.relativize(f).toString()));
    ExternalCommand test =
        ExternalCommand.run(REPO, Duration.ofMinutes(2), command.toArray(String[]::new));
    assertThat(test.exitCode()).as(test.describe()).isZero();
    assertThat(test.output()).doesNotContain("FAILED");
  }

  /** promtool only checks what a test asks; this makes sure every alert is asked both ways. */
  @Test
  void everyAlertIsTestedFiringAndSilent() throws IOException {
    Set<String> alerts = new HashSet<>();
    for (JsonNode group : YAML.readTree(RULES.toFile()).get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        if (rule.has("alert")) alerts.add(rule.get("alert").asText());
      }
    }
    Set<String> fires = new HashSet<>();
    Set<String> silent = new HashSet<>();
    for (Path file : testFiles()) {
      for (JsonNode test : YAML.readTree(file.toFile()).get("tests")) {
        for (JsonNode check : test.path("alert_rule_test")) {
          String alert = check.get("alertname").asText();
          (check.path("exp_alerts").isEmpty() ? silent : fires).add(alert);
        }
      }
    }
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(7);
    assertThat(fires).as("alerts with a test where they fire").containsAll(alerts);
    assertThat(silent).as("alerts with a test where they stay silent").containsAll(alerts);
  }

  /**
   * clean-install.yml holds the series a clean install produces; every alert must be asked there,
   * and stay silent, at least once after the longest `for` of all alerts has passed with data.
   */
  @Test
  void aCleanInstallIsCheckedSilentForEveryAlertPastTheLongestFor() throws IOException {
    Duration longestFor = Duration.ZERO;
    Set<String> alerts = new HashSet<>();
    for (JsonNode group : YAML.readTree(RULES.toFile()).get("groups")) {
      for (JsonNode rule : group.get("rules")) {
        if (!rule.has("alert")) continue;
        alerts.add(rule.get("alert").asText());
        Duration wait = promDuration(rule.path("for").asText("0m"));
        if (wait.compareTo(longestFor) > 0) longestFor = wait;
      }
    }
    JsonNode tests = YAML.readTree(DIR.resolve("tests/clean-install.yml").toFile()).get("tests");
    Set<String> silentLate = new HashSet<>();
    for (JsonNode test : tests) {
      Duration interval = promDuration(test.path("interval").asText("1m"));
      Duration covered = null;
      for (JsonNode series : test.path("input_series")) {
        // 'vxN' is N+1 samples: the series has data until N intervals after the start.
        String values = series.path("values").asText();
        assertThat(values).as(series.path("series").asText()).matches("[0-9.]+x[0-9]+");
        Duration until = interval.multipliedBy(Long.parseLong(values.replaceAll(".*x", "")));
        covered = covered == null || until.compareTo(covered) < 0 ? until : covered;
      }
      assertThat(covered).as("the clean install has series").isNotNull();
      for (JsonNode check : test.path("alert_rule_test")) {
        Duration at = promDuration(check.get("eval_time").asText());
        assertThat(check.path("exp_alerts").isEmpty())
            .as("clean install: %s at %s", check.get("alertname").asText(), at)
            .isTrue();
        if (at.compareTo(longestFor) > 0 && at.compareTo(covered) <= 0) {
          silentLate.add(check.get("alertname").asText());
        }
      }
    }
    assertThat(longestFor).isPositive();
    assertThat(silentLate).containsAll(alerts);
  }

  static Duration promDuration(String text) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+)([smhd])").matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      assertThat(m.start()).as("duration " + text).isEqualTo(end);
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
      end = m.end();
    }
    assertThat(end).as("duration " + text).isEqualTo(text.length()).isPositive();
    return total;
  }

  @Test
  @NeedsTool({"kubectl"})
  void theKustomizationRendersTheServiceMonitorAndTheRule() throws Exception {
    ExternalCommand kustomize =
        ExternalCommand.run(
            REPO,
            Duration.ofMinutes(1),
            SystemTool.KUBECTL.path().toString(),
            "kustomize",
            REPO.relativize(DIR).toString());
    assertThat(kustomize.exitCode()).as(kustomize.describe()).isZero();
    List<JsonNode> documents =
        YAML.readerFor(JsonNode.class).<JsonNode>readValues(kustomize.output()).readAll();
    assertThat(documents)
        .extracting(d -> d.path("kind").asText())
        .containsExactlyInAnyOrder("ServiceMonitor", "PrometheusRule");
    assertThat(documents)
        .allSatisfy(
            d ->
                assertThat(d.path("metadata").path("namespace").asText())
                    .isEqualTo("ownership-system"));
    JsonNode monitor =
        documents.stream()
            .filter(d -> d.path("kind").asText().equals("ServiceMonitor"))
            .findFirst()
            .orElseThrow();
    assertThat(monitor.path("spec").path("namespaceSelector").path("matchNames"))
        .extracting(JsonNode::asText)
        .containsExactly("ownership-system");
    assertThat(monitor.path("spec").path("endpoints"))
        .singleElement()
        .satisfies(e -> assertThat(e.path("port").asText()).isEqualTo("metrics"))
        .satisfies(e -> assertThat(e.path("path").asText()).isEqualTo("/metrics"));
    assertThat(
            monitor
                .path("spec")
                .path("selector")
                .path("matchLabels")
                .path("app.kubernetes.io/name")
                .asText())
        .isEqualTo("ownership-operator");
  }

  static List<Path> testFiles() throws IOException {
    try (Stream<Path> files = Files.list(DIR.resolve("tests"))) {
      List<Path> found =
          files.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList();
      assertThat(found).as("promtool unit tests in deploy/prometheus/tests").isNotEmpty();
      return found;
    }
  }

  static String render(JsonNode groups) throws IOException {
    ObjectNode rule = YAML.createObjectNode();
    rule.put("apiVersion", "monitoring.coreos.com/v1");
    rule.put("kind", "PrometheusRule");
    ObjectNode metadata = rule.putObject("metadata");
    metadata.put("name", "ownership-operator");
    metadata.put("namespace", "ownership-system");
    metadata.putObject("labels").put("app.kubernetes.io/name", "ownership-operator");
    rule.putObject("spec").set("groups", groups);
    return "# GENERATED from rules/ownership-rules.yml by PrometheusRulesTest"
        + " (-Drules.update=true): edit that file, not this one.\n"
        + "# kube-prometheus-stack selects rules by its release label: add `release: <your"
        + " release>` if needed.\n"
        + YAML.writeValueAsString(rule);
  }
}
