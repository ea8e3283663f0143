package dev.ownership.operator.tls;

import java.security.cert.X509Certificate;
import java.time.Instant;

/** A certificate and its private key, both PEM-encoded. */
public record PemCertificate(
    String certificatePem, String privateKeyPem, X509Certificate certificate) {
  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }
}
