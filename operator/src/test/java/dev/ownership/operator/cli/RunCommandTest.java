package dev.ownership.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ownership.operator.admission.FailureMode;
import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.ownership.EnforcementMode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunCommandTest {
  static OperatorSettings settings(Map<String, String> env, String... args) {
    return RunCommand.settingsFrom(env, args);
  }

  @Test
  void defaultsFollowTheInterface() {
    OperatorSettings s = settings(Map.of());
    assertThat(s.watchesAllNamespaces()).isTrue();
    assertThat(s.ownerLabelKeys().keys()).containsExactly("ownership.dev/team", "team", "owner");
    assertThat(s.metricsPort()).isEqualTo(8080);
    assertThat(s.webhookPort()).isEqualTo(8443);
    assertThat(s.defaultEnforcement()).isEqualTo(EnforcementMode.WARN);
    assertThat(s.exemptNamespaces())
        .containsExactlyInAnyOrder("kube-system", "kube-public", "kube-node-lease");
    assertThat(s.failureMode()).isEqualTo(FailureMode.OPEN);
    assertThat(s.webhookEnabled()).isFalse();
    assertThat(s.leaderElection()).as("off outside a cluster").isFalse();
    assertThat(s.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(settings(Map.of(), "--bind-address", "127.0.0.1").bindAddress())
        .isEqualTo("127.0.0.1");
    assertThat(settings(Map.of(), "--bind-address", "::1").bindAddress()).isEqualTo("::1");
  }

  @Test
  void everyFlagCanComeFromTheEnvironmentAndTheCommandLineWins() {
    OperatorSettings s =
        settings(
            Map.of(
                "OWNERSHIP_NAMESPACES",
                "a,b",
                "OWNERSHIP_METRICS_PORT",
                "9090",
                "OWNERSHIP_DEFAULT_ENFORCEMENT",
                "enforce",
                "OWNERSHIP_OWNER_LABEL_KEYS",
                "squad",
                "OWNERSHIP_RESYNC_PERIOD",
                "30s",
                "OWNERSHIP_LEADER_ELECTION",
                "true"),
            "--metrics-port",
            "7070");
    assertThat(s.watchedNamespaces()).containsExactlyInAnyOrder("a", "b");
    assertThat(s.metricsPort()).isEqualTo(7070);
    assertThat(s.defaultEnforcement()).isEqualTo(EnforcementMode.ENFORCE);
    assertThat(s.ownerLabelKeys().keys()).containsExactly("squad");
    assertThat(s.resyncPeriod()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.leaderElection()).isTrue();
    assertThat(EnvironmentDefaults.variableFor("--webhook-configuration-name"))
        .isEqualTo("OWNERSHIP_WEBHOOK_CONFIGURATION_NAME");
  }

  @Test
  void badValuesNameTheFlagAndWhatToFix() {
    assertThatThrownBy(() -> settings(Map.of(), "--failure-mode", "maybe"))
        .hasMessageContaining("--failure-mode: 'maybe' is not one of open, closed");
    assertThatThrownBy(() -> settings(Map.of(), "--owner-label-keys", "ok,Bad Key"))
        .hasMessageContaining("--owner-label-keys")
        .hasMessageContaining("Bad Key");
    assertThatThrownBy(() -> settings(Map.of(), "--metrics-port", "70000"))
        .hasMessageContaining("--metrics-port: 70000 is not a port");
    assertThatThrownBy(() -> settings(Map.of(), "--tls-cert-file", "/x.crt"))
        .hasMessageContaining("give both or neither");
    assertThatThrownBy(() -> settings(Map.of(), "--resync-period", "soon"))
        .hasMessageContaining("--resync-period: 'soon'");
    assertThatThrownBy(() -> settings(Map.of(), "--write-rate", "0"))
        .hasMessageContaining("--write-rate must be above 0");
    assertThatThrownBy(() -> settings(Map.of(), "--manage-webhook-certs"))
        .hasMessageContaining("--tls-cert-file and --tls-key-file");
    assertThatThrownBy(() -> settings(Map.of(), "--bind-address", "localhost"))
        .hasMessageContaining("--bind-address: 'localhost' is not an IP address");
  }

  @Test
  void versionAndHelpWorkOnEverySubcommand() {
    for (String sub : new String[] {"run", "audit", "suggest", "demo"}) {
      assertThat(OwnershipCli.commandLine().execute(sub, "--version")).isZero();
      assertThat(OwnershipCli.commandLine().execute(sub, "--help")).isZero();
    }
    assertThat(OwnershipCli.commandLine().execute("--version")).isZero();
    assertThat(OwnershipCli.commandLine().execute("no-such-command")).isEqualTo(2);
  }
}
