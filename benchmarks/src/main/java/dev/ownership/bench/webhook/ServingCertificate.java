package dev.ownership.bench.webhook;

import dev.ownership.operator.tls.CertificateAuthority;
import dev.ownership.operator.tls.PemCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The one call the load harness makes into operator code: a throwaway CA issuing a serving
 * certificate for 127.0.0.1, written as PEM files that both the operator and the no-op responder
 * serve.
 *
 * <p>Relies on: {@code tls.CertificateAuthority.generate(String, Duration)}, {@code
 * issueServing(List, List, Duration)} and {@code PemCertificate.certificatePem()/privateKeyPem()}.
 */
record ServingCertificate(Path certificate, Path key) {
  static ServingCertificate write(Path dir) throws IOException {
    CertificateAuthority ca = CertificateAuthority.generate("webhook-load-ca", Duration.ofDays(1));
    PemCertificate serving =
        ca.issueServing(List.of("localhost"), List.of("127.0.0.1"), Duration.ofDays(1));
    return new ServingCertificate(
        Files.writeString(dir.resolve("tls.crt"), serving.certificatePem()),
        Files.writeString(dir.resolve("tls.key"), serving.privateKeyPem()));
  }
}
