package dev.ownership.operator.config;

import dev.ownership.operator.ownership.OwnerLabelKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Everything {@code run} is configured with, checked and typed. Components take this (or the part
 * they need), never the command line.
 *
 * @param watchedNamespaces empty means every namespace
 * @param tlsCertFile null when the webhook has no certificate of its own (managed or disabled)
 * @param leaderElection whether to hold a Lease before writing
 */
public record OperatorSettings(
    Set<String> watchedNamespaces,
    OwnerLabelKeys ownerLabelKeys,
    int metricsPort,
    int webhookPort,
    Path tlsCertFile,
    Path tlsKeyFile,
    EnforcementMode defaultEnforcement,
    Set<String> exemptNamespaces,
    FailureMode failureMode,
    String operatorNamespace,
    boolean leaderElection,
    String leaseName,
    int writeConcurrency,
    double writesPerSecond,
    Duration resyncPeriod,
    boolean manageWebhookCerts,
    String webhookSecretName,
    String webhookServiceName,
    String webhookConfigurationName) {

  public boolean watchesAllNamespaces() {
    return watchedNamespaces.isEmpty();
  }

  public boolean webhookEnabled() {
    return tlsCertFile != null && tlsKeyFile != null;
  }

  /** Exempt from admission checks: the configured namespaces and the operator's own. */
  public boolean isExempt(String namespace) {
    return exemptNamespaces.contains(namespace) || namespace.equals(operatorNamespace);
  }
}
