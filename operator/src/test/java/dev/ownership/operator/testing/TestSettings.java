package dev.ownership.operator.testing;

import dev.ownership.operator.admission.FailureMode;
import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.TeamRegistryMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** Settings for in-process tests: free ports, no leader election, no webhook. */
public final class TestSettings {
  public static final String OPERATOR_NAMESPACE = "ownership-system";

  private TestSettings() {}

  public static OperatorSettings defaults() {
    return withNamespaces(Set.of());
  }

  public static OperatorSettings withNamespaces(Set<String> namespaces) {
    return settings(namespaces, TeamRegistryMode.WARN);
  }

  /** As {@link #defaults()}, with this {@code --team-registry}. */
  public static OperatorSettings withTeamRegistry(TeamRegistryMode mode) {
    return settings(Set.of(), mode);
  }

  private static OperatorSettings settings(Set<String> namespaces, TeamRegistryMode teams) {
    return settings(
        namespaces,
        OwnerLabelKeys.DEFAULT,
        EnforcementMode.WARN,
        FailureMode.OPEN,
        false,
        null,
        null,
        false,
        teams);
  }

  /** As `run` would build them, with the parts the webhook reads chosen per test. */
  public static OperatorSettings of(EnforcementMode defaultMode) {
    return of(defaultMode, FailureMode.OPEN, OwnerLabelKeys.DEFAULT);
  }

  public static OperatorSettings of(
      EnforcementMode defaultMode, FailureMode failureMode, OwnerLabelKeys keys) {
    return settings(
        Set.of(), keys, defaultMode, failureMode, false, null, null, false, TeamRegistryMode.WARN);
  }

  private static OperatorSettings settings(
      Set<String> namespaces,
      OwnerLabelKeys keys,
      EnforcementMode defaultMode,
      FailureMode failureMode,
      boolean leaderElection,
      Path tlsCert,
      Path tlsKey,
      boolean manageCerts,
      TeamRegistryMode teams) {
    return new OperatorSettings(
        namespaces,
        keys,
        0,
        0,
        "127.0.0.1",
        tlsCert,
        tlsKey,
        defaultMode,
        Set.of("kube-system", "kube-public", "kube-node-lease"),
        failureMode,
        OPERATOR_NAMESPACE,
        leaderElection,
        "ownership-operator-leader",
        4,
        1000,
        Duration.ofMinutes(10),
        manageCerts,
        "ownership-webhook-tls",
        "ownership-webhook",
        "ownership-operator",
        0,
        teams,
        Duration.ofDays(180));
  }

  /**
   * Every server on: metrics, catalog on {@code catalogPort} (0 would turn it off) and the webhook
   * with managed certificates in {@code tls}, all listening on {@code bindAddress}.
   */
  public static OperatorSettings allServersOn(String bindAddress, int catalogPort, Path tls) {
    OperatorSettings base =
        settings(
            Set.of(),
            OwnerLabelKeys.DEFAULT,
            EnforcementMode.WARN,
            FailureMode.OPEN,
            false,
            tls.resolve("tls.crt"),
            tls.resolve("tls.key"),
            true,
            TeamRegistryMode.WARN);
    return new OperatorSettings(
        base.watchedNamespaces(),
        base.ownerLabelKeys(),
        base.metricsPort(),
        base.webhookPort(),
        bindAddress,
        base.tlsCertFile(),
        base.tlsKeyFile(),
        base.defaultEnforcement(),
        base.exemptNamespaces(),
        base.failureMode(),
        base.operatorNamespace(),
        base.leaderElection(),
        base.leaseName(),
        base.writeConcurrency(),
        base.writesPerSecond(),
        base.resyncPeriod(),
        base.manageWebhookCerts(),
        base.webhookSecretName(),
        base.webhookServiceName(),
        base.webhookConfigurationName(),
        catalogPort,
        base.teamRegistry(),
        base.teamReviewPeriod());
  }

  /**
   * As {@link #defaults()}, but holding the Lease ownership-operator-leader in ownership-system
   * before writing.
   */
  public static OperatorSettings leaderElected() {
    return leaderElectedWithWebhook(null, null, false);
  }

  /**
   * Leader election on and the webhook serving the given certificate files on a free port; with
   * {@code manageCerts} the operator writes those files itself (Secret ownership-webhook-tls,
   * caBundle of the ValidatingWebhookConfiguration ownership-operator).
   */
  public static OperatorSettings leaderElectedWithWebhook(
      Path tlsCert, Path tlsKey, boolean manageCerts) {
    return settings(
        Set.of(),
        OwnerLabelKeys.DEFAULT,
        EnforcementMode.WARN,
        FailureMode.OPEN,
        true,
        tlsCert,
        tlsKey,
        manageCerts,
        TeamRegistryMode.WARN);
  }
}
