package dev.ownership.operator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.cli.RunCommand;
import dev.ownership.operator.testing.MockCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo, in-process, on the committed examples and CRDs: its report shows what the registry did
 * (the alias written as the Team's name, the typo caught with its suggestion, the Team overdue for
 * review), as the operator left it in the API.
 */
class DemoRegistryReportTest {
  @Test
  void theReportShowsTheRegistrysEffectOnTheExamples() throws Exception {
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    try (OwnershipDemo demo =
        OwnershipDemo.start(
            MockCluster.repoRoot().resolve("deploy/examples"),
            out,
            (cert, key) ->
                RunCommand.settingsFrom(
                    Map.of(),
                    "--metrics-port=0",
                    "--webhook-port=0",
                    "--catalog-port=0",
                    "--tls-cert-file=" + cert,
                    "--tls-key-file=" + key,
                    "--leader-election=false",
                    "--operator-namespace=" + OwnershipDemo.OPERATOR_NAMESPACE))) {
      demo.awaitReconciled(Duration.ofSeconds(90));
      demo.printReport(out);
    }
    String report = text.toString();
    // The alias o11y is written as the Team's name; the typo still owns (registry warn).
    assertThat(report)
        .containsPattern(
            "analytics\\s+DaemonSet\\s+log-shipper\\s+owned\\s+observability\\s+-\\s+label")
        .containsPattern("payments\\s+CronJob\\s+settlement\\s+owned\\s+paymnts\\s+-\\s+label");
    assertThat(report)
        .contains(
            "Teams (kubectl get teams; ownership.dev/team always carries one of these names, never"
                + " an alias):")
        .containsPattern(
            "  payments\\s+Payments\\s+pay,team-payments\\s+pagerduty"
                + " https://example.pagerduty.com/service-directory/PPAY001\\s+2\\s+3\\s+2026-11-16")
        .containsPattern(
            "  risk\\s+Risk\\s+-\\s+msteams"
                + " https://teams.example.com/l/channel/risk-oncall\\s+1\\s+0\\s+2025-03-14\\s+yes\n")
        .contains("The registry at work (--team-registry warn):\n")
        .contains(
            "  alias       DaemonSet analytics/log-shipper: label owner=o11y is an alias of Team"
                + " observability; the operator wrote ownership.dev/team=observability\n")
        .contains(
            "  unknown     CronJob payments/settlement: team paymnts (label team) is not a"
                + " registered Team; did you mean payments? (Event UnknownTeam)\n")
        .contains(
            "  review due  Team risk: Last reviewed on 2025-03-14; a review was due on"
                + " 2025-09-10.\n")
        .contains("    TeamKnown True (Registered) Team payments is registered.");
  }
}
