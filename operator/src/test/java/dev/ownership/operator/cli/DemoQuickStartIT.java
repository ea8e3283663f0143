package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.testing.MockCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the README's quick-start demo command exactly as printed, from the repository root. */
class DemoQuickStartIT {
  @Test
  void theQuickStartDemoPrintsTheOwnershipReport() throws Exception {
    String command = ReadmeTest.quickStart().get(0);
    Path log = Files.createTempFile("quick-start", ".log");
    try {
      Process process =
          new ProcessBuilder("bash", "-c", command)
              .directory(MockCluster.repoRoot().toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean finished = process.waitFor(10, TimeUnit.MINUTES);
      if (!finished) process.destroyForcibly();
      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(finished).as(output).isTrue();
      assertThat(process.exitValue()).as(output).isZero();

      // every outcome of the examples, as the operator wrote it on the workloads
      assertThat(output)
          .containsPattern(
              "storefront\\s+Deployment\\s+checkout\\s+owned\\s+payments\\s+checkout\\s+ServiceOwnership/checkout")
          .containsPattern("storefront\\s+Deployment\\s+cart\\s+owned\\s+web\\s+-\\s+label")
          .containsPattern("storefront\\s+Deployment\\s+checkout-canary\\s+conflict\\s+growth")
          .containsPattern(
              "payments\\s+Deployment\\s+ledger\\s+owned\\s+payments\\s+-\\s+namespace")
          .containsPattern("sandbox\\s+Deployment\\s+scratch\\s+unowned")
          .containsPattern("analytics\\s+Job\\s+backfill-orders\\s+unowned")
          .containsPattern(
              "catalog\\s+CronJob\\s+catalog-reindex\\s+owned\\s+search\\s+catalog\\s+ServiceOwnership/catalog");
      // ServiceOwnerships with contacts, SLOs and status
      assertThat(output)
          .contains(
              "storefront/checkout  team=payments service=checkout tier=1 lifecycle=production")
          .contains("contact   slack     #payments-oncall")
          .contains("objective availability 99.9% over 30d")
          .contains("Ready     True (Reconciled) Owns 1 workload.");
      // the Team registry at work: the alias written as the Team's name, the typo caught with its
      // suggestion, the Team overdue for review
      assertThat(output)
          .containsPattern(
              "analytics\\s+DaemonSet\\s+log-shipper\\s+owned\\s+observability\\s+-\\s+label")
          .contains(
              "  alias       DaemonSet analytics/log-shipper: label owner=o11y is an alias of Team"
                  + " observability; the operator wrote ownership.dev/team=observability")
          .contains(
              "  unknown     CronJob payments/settlement: team paymnts (label team) is not a"
                  + " registered Team; did you mean payments? (Event UnknownTeam)")
          .contains("  review due  Team risk: Last reviewed on 2025-03-14");
      // the webhook's own denial
      assertThat(output)
          .contains(
              "denied (403): Deployment storefront/pricing has no owner. Add label"
                  + " ownership.dev/team=<team>, or make a ServiceOwnership in namespace storefront"
                  + " select it (existing: checkout selects app=checkout).");
      // the catalog's URL, and the who card the README shows a newcomer, line for line
      assertThat(output).containsPattern("Catalog: http://127\\.0\\.0\\.1:\\d+/");
      List<String> shown = ReadmeTest.newcomerSees();
      assertThat(shown).hasSizeGreaterThan(10);
      for (String line : shown) {
        if (line.startsWith("Catalog: ")) continue;
        assertThat(output).as("the demo prints the README's line%n%s", line).contains(line + "\n");
      }
      assertThat(output)
          .containsPattern("Metrics: http://127\\.0\\.0\\.1:\\d+/metrics")
          .contains("ownership_cluster_coverage_ratio 0.750");
      // a newcomer reads a report, not framework logs: those go to the file the report names
      assertThat(output)
          .as("no log lines between the report lines")
          .doesNotContainPattern("(?m)^\\[[^\\]]+\\] (INFO|WARN|ERROR|DEBUG) ")
          .doesNotContainPattern("(?m)^\\d{2}:\\d{2}:\\d{2}\\.\\d{3} ")
          .containsPattern("Operator log: \\S+ownership-operator-demo\\.log")
          .contains("kubectl get deploy,sts,ds,job,cronjob -A -l ownership.dev/status=unowned");
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
