package dev.ownership.operator.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether the stored webhook certificates are still good and makes new ones when not. Pure
 * apart from key generation: the caller reads and writes the Secret.
 *
 * <p>A CA close to expiry is replaced, but the old CA stays in the bundle until it expires, so that
 * an API server still holding the old caBundle keeps trusting certificates for as long as it can.
 */
final class CertificateRenewal {
  static final String CA_COMMON_NAME = "ownership-operator webhook CA";

  private final WebhookCertificateSettings settings;
  private final Clock clock;

  CertificateRenewal(WebhookCertificateSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Why the certificates must be replaced; empty when they are fine. */
  Optional<String> reasonToRenew(WebhookCertificates current) {
    if (current == null) return Optional.of("there is no certificate yet");
    if (current.caBundlePem() == null
        || current.caKeyPem() == null
        || current.servingCertificatePem() == null
        || current.servingKeyPem() == null) {
      return Optional.of("the Secret lacks one of ca.crt, ca.key, tls.crt, tls.key");
    }
    Optional<CertificateAuthority> ca = usableCa(current);
    if (ca.isEmpty())
      return Optional.of(
          "the CA is unreadable or expires within " + days(settings.caRenewBefore()));
    X509Certificate serving;
    try {
      serving = CertificateAuthority.parseCertificate(current.servingCertificatePem());
      CertificateAuthority.parsePrivateKey(current.servingKeyPem());
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return Optional.of("the serving certificate or key is unreadable");
    }
    if (!serving.getNotAfter().toInstant().isAfter(now().plus(settings.servingRenewBefore()))) {
      return Optional.of(
          "the serving certificate expires at "
              + serving.getNotAfter().toInstant()
              + ", within "
              + days(settings.servingRenewBefore()));
    }
    try {
      serving.verify(ca.get().certificate().certificate().getPublicKey());
    } catch (GeneralSecurityException e) {
      return Optional.of("the serving certificate was not issued by the current CA");
    }
    Set<String> names = dnsNames(serving);
    if (!names.containsAll(settings.dnsNames())) {
      return Optional.of("the serving certificate does not name all of " + settings.dnsNames());
    }
    return Optional.empty();
  }

  /**
   * New certificates: a fresh serving certificate, from the current CA while it lasts, else from a
   * new CA.
   */
  WebhookCertificates renew(WebhookCertificates current) {
    Optional<CertificateAuthority> existing =
        current == null ? Optional.empty() : usableCa(current);
    CertificateAuthority ca =
        existing.orElseGet(
            () -> CertificateAuthority.generate(CA_COMMON_NAME, settings.caValidity()));
    List<String> bundle = new ArrayList<>();
    bundle.add(ca.certificate().certificatePem().strip() + "\n");
    if (current != null && current.caBundlePem() != null) {
      // Keep earlier CAs that still verify something: until they expire, API servers may hold them.
      for (String block : PemBlocks.certificates(current.caBundlePem())) {
        if (bundle.get(0).strip().equals(block.strip())) continue;
        if (notExpired(block)) bundle.add(block.strip() + "\n");
      }
    }
    PemCertificate serving =
        ca.issueServing(settings.dnsNames(), List.of(), settings.servingValidity());
    return new WebhookCertificates(
        String.join("", bundle),
        ca.certificate().privateKeyPem(),
        serving.certificatePem(),
        serving.privateKeyPem());
  }

  private Optional<CertificateAuthority> usableCa(WebhookCertificates current) {
    if (current.caBundlePem() == null || current.caKeyPem() == null) return Optional.empty();
    List<String> blocks = PemBlocks.certificates(current.caBundlePem());
    if (blocks.isEmpty()) return Optional.empty();
    try {
      CertificateAuthority ca = CertificateAuthority.load(blocks.get(0), current.caKeyPem());
      if (!ca.certificate().notAfter().isAfter(now().plus(settings.caRenewBefore())))
        return Optional.empty();
      return Optional.of(ca);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private boolean notExpired(String pem) {
    try {
      return CertificateAuthority.parseCertificate(pem).getNotAfter().toInstant().isAfter(now());
    } catch (IOException | GeneralSecurityException e) {
      return false;
    }
  }

  static Set<String> dnsNames(X509Certificate certificate) {
    Set<String> names = new HashSet<>();
    try {
      if (certificate.getSubjectAlternativeNames() == null) return names;
      for (List<?> entry : certificate.getSubjectAlternativeNames()) {
        if (entry.size() >= 2 && Integer.valueOf(2).equals(entry.get(0)))
          names.add(String.valueOf(entry.get(1)));
      }
    } catch (CertificateParsingException e) {
      return names;
    }
    return names;
  }

  private Instant now() {
    return clock.instant();
  }

  private static String days(Duration duration) {
    return duration.toDays() + " days";
  }
}
