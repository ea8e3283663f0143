package dev.ownership.operator.config;

import dev.ownership.operator.admission.AdmissionSettings;
import dev.ownership.operator.admission.FailureMode;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.EnforcementRule;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.tls.WebhookCertificateSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Everything {@code run} is configured with, checked and typed. Components take this (or the part
 * they need), never the command line.
 *
 * @param watchedNamespaces empty means every namespace
 * @param tlsCertFile null when the webhook has no certificate of its own (managed or disabled)
 * @param leaderElection whether to hold a Lease before writing
 * @param catalogPort port of the read-only catalog; 0 when it is off
 * @param teamRegistry whether team values must name a registered Team (INTERFACE §8)
 * @param teamReviewPeriod a Team whose reviewedAt is older is due for review
 * @param bindAddress the address the servers listen on ({@code 0.0.0.0}: every interface)
 */
public record OperatorSettings(
    Set<String> watchedNamespaces,
    OwnerLabelKeys ownerLabelKeys,
    int metricsPort,
    int webhookPort,
    String bindAddress,
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
    String webhookConfigurationName,
    int catalogPort,
    TeamRegistryMode teamRegistry,
    Duration teamReviewPeriod) {

  public boolean watchesAllNamespaces() {
    return watchedNamespaces.isEmpty();
  }

  public boolean webhookEnabled() {
    return tlsCertFile != null && tlsKeyFile != null;
  }

  /** The one mode rule: exempt are the configured namespaces and the operator's own. */
  public EnforcementRule enforcementRule() {
    Set<String> exempt = new HashSet<>(exemptNamespaces);
    exempt.add(operatorNamespace);
    return new EnforcementRule(defaultEnforcement, exempt);
  }

  /** The managed webhook certificate (with {@code --manage-webhook-certs}), default lifetimes. */
  public WebhookCertificateSettings webhookCertificates() {
    return new WebhookCertificateSettings(
        operatorNamespace,
        webhookSecretName,
        webhookServiceName,
        webhookConfigurationName,
        tlsCertFile,
        tlsKeyFile,
        WebhookCertificateSettings.CA_VALIDITY,
        WebhookCertificateSettings.CA_RENEW_BEFORE,
        WebhookCertificateSettings.SERVING_VALIDITY,
        WebhookCertificateSettings.SERVING_RENEW_BEFORE,
        WebhookCertificateSettings.CHECK_INTERVAL);
  }

  /** The part of the settings the admission webhook reads. */
  public AdmissionSettings admission() {
    return new AdmissionSettings(enforcementRule(), failureMode);
  }
}
