package dev.ownership.operator.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the managed webhook certificate is for and where it goes.
 *
 * @param namespace the operator's namespace: holds the Secret, and the Service lives there
 * @param caValidity lifetime of a new CA
 * @param caRenewBefore a CA with less time left is replaced (the old one stays trusted until it
 *     expires)
 * @param servingValidity lifetime of a new serving certificate (never beyond its CA)
 * @param servingRenewBefore a serving certificate with less time left is replaced
 * @param checkInterval how often the Secret, the caBundle and the files are checked
 */
public record WebhookCertificateSettings(
    String namespace,
    String secretName,
    String serviceName,
    String webhookConfigurationName,
    Path certFile,
    Path keyFile,
    Duration caValidity,
    Duration caRenewBefore,
    Duration servingValidity,
    Duration servingRenewBefore,
    Duration checkInterval) {

  public static final Duration CA_VALIDITY = Duration.ofDays(5 * 365);
  public static final Duration CA_RENEW_BEFORE = Duration.ofDays(365);
  public static final Duration SERVING_VALIDITY = Duration.ofDays(365);
  public static final Duration SERVING_RENEW_BEFORE = Duration.ofDays(30);
  public static final Duration CHECK_INTERVAL = Duration.ofMinutes(1);

  public WebhookCertificateSettings {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(secretName, "secretName");
    Objects.requireNonNull(serviceName, "serviceName");
    Objects.requireNonNull(webhookConfigurationName, "webhookConfigurationName");
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    if (caRenewBefore.compareTo(caValidity) >= 0
        || servingRenewBefore.compareTo(servingValidity) >= 0) {
      throw new IllegalArgumentException(
          "renewal must start before a certificate's whole lifetime is over");
    }
  }

  public WebhookCertificateSettings withLifetimes(
      Duration caValidity,
      Duration caRenewBefore,
      Duration servingValidity,
      Duration servingRenewBefore) {
    return new WebhookCertificateSettings(
        namespace,
        secretName,
        serviceName,
        webhookConfigurationName,
        certFile,
        keyFile,
        caValidity,
        caRenewBefore,
        servingValidity,
        servingRenewBefore,
        checkInterval);
  }

  /** Every name the API server (or anything in the cluster) may use to reach the Service. */
  public List<String> dnsNames() {
    return List.of(
        serviceName + "." + namespace + ".svc",
        serviceName + "." + namespace + ".svc.cluster.local",
        serviceName + "." + namespace,
        serviceName);
  }
}
