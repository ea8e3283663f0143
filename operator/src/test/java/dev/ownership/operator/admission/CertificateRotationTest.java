package dev.ownership.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.TestSettings;
import dev.ownership.operator.tls.CertificateAuthority;
import dev.ownership.operator.tls.PemCertificate;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Replacing the PEM files changes the certificate new connections see, without a restart. */
class CertificateRotationTest {
  private static final Duration RELOAD = Duration.ofMillis(200);

  @Test
  void aNewConnectionSeesTheNewCertificateAndNoConnectionFailsWhileItChanges() throws Exception {
    try (WebhookFixture webhook =
        new WebhookFixture(
            TestSettings.of(EnforcementMode.WARN), new InMemoryNamespaces(), RELOAD)) {
      BigInteger first = servedSerial(webhook, WebhookFixture.client(webhook.ca));
      AtomicBoolean rotating = new AtomicBoolean(true);
      AtomicInteger connections = new AtomicInteger();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      Thread prober =
          new Thread(
              () -> {
                while (rotating.get()) {
                  try {
                    servedSerial(webhook, WebhookFixture.client(webhook.ca));
                    connections.incrementAndGet();
                  } catch (Throwable e) {
                    failures.add(e);
                  }
                }
              });
      prober.start();

      PemCertificate latest = null;
      for (int i = 0; i < 3; i++) {
        PemCertificate next = WebhookFixture.issue(webhook.ca);
        webhook.writeCertificate(next);
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () ->
                    assertThat(servedSerial(webhook, WebhookFixture.client(webhook.ca)))
                        .isEqualTo(next.certificate().getSerialNumber()));
        latest = next;
      }
      rotating.set(false);
      prober.join();

      assertThat(first).isNotEqualTo(latest.certificate().getSerialNumber());
      assertThat(webhook.server.certificate().leaf().getSerialNumber())
          .isEqualTo(latest.certificate().getSerialNumber());
      assertThat(failures).as("connections that failed while the certificate changed").isEmpty();
      assertThat(connections.get()).isPositive();
    }
  }

  @Test
  void aCertificateFromANewAuthorityIsTrustedByClientsOfThatAuthorityOnceRotated()
      throws Exception {
    try (WebhookFixture webhook =
        new WebhookFixture(
            TestSettings.of(EnforcementMode.WARN), new InMemoryNamespaces(), RELOAD)) {
      CertificateAuthority newAuthority =
          CertificateAuthority.generate("ownership-test-ca-2", Duration.ofDays(1));
      HttpClient trustsOnlyNew = WebhookFixture.client(newAuthority);
      assertThatThrownBy(() -> servedSerial(webhook, trustsOnlyNew))
          .hasCauseInstanceOf(SSLHandshakeException.class);

      webhook.writeCertificate(WebhookFixture.issue(newAuthority));

      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(servedSerial(webhook, WebhookFixture.client(newAuthority)))
                      .isNotNull());
    }
  }

  @Test
  void keepsServingTheOldCertificateWhileTheNewFilesDoNotMatch() throws Exception {
    try (WebhookFixture webhook =
        new WebhookFixture(
            TestSettings.of(EnforcementMode.WARN), new InMemoryNamespaces(), RELOAD)) {
      BigInteger before = servedSerial(webhook, WebhookFixture.client(webhook.ca));
      PemCertificate other = WebhookFixture.issue(webhook.ca);
      // Only the certificate is replaced: its key is not the one on disk, so it cannot be served
      // yet.
      Files.writeString(webhook.certFile, other.certificatePem());
      Thread.sleep(RELOAD.toMillis() * 4);
      assertThat(servedSerial(webhook, WebhookFixture.client(webhook.ca))).isEqualTo(before);

      Files.writeString(webhook.keyFile, other.privateKeyPem());
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(servedSerial(webhook, WebhookFixture.client(webhook.ca)))
                      .isEqualTo(other.certificate().getSerialNumber()));
    }
  }

  @Test
  void refusesToStartWithoutAUsableCertificate() throws IOException {
    Path dir = Files.createTempDirectory("webhook-bad-tls");
    try {
      Path cert = dir.resolve("tls.crt");
      Path key = dir.resolve("tls.key");
      AdmissionHandler handler =
          WebhookFixture.handler(
              TestSettings.of(EnforcementMode.WARN), new InMemoryNamespaces(), new ArrayList<>());
      assertThatThrownBy(() -> new WebhookServer(0, cert, key, handler).start())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("the TLS certificate file " + cert + " does not exist");

      CertificateAuthority ca = CertificateAuthority.generate("ca", Duration.ofDays(1));
      PemCertificate one = ca.issueServing(List.of("localhost"), List.of(), Duration.ofHours(1));
      PemCertificate two = ca.issueServing(List.of("localhost"), List.of(), Duration.ofHours(1));
      Files.writeString(cert, one.certificatePem());
      Files.writeString(key, two.privateKeyPem());
      assertThatThrownBy(() -> new WebhookServer(0, cert, key, handler).start())
          .hasMessageContaining(
              "the key in " + key + " does not belong to the certificate in " + cert);

      Files.writeString(key, "not a key");
      assertThatThrownBy(() -> new WebhookServer(0, cert, key, handler).start())
          .hasMessageContaining(key + " does not hold an unencrypted PEM private key");
    } finally {
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) Files.delete(file);
      }
      Files.delete(dir);
    }
  }

  /**
   * Opens a new connection with this client and returns the serial of the certificate it was shown.
   */
  private static BigInteger servedSerial(WebhookFixture webhook, HttpClient client)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(webhook.uri(WebhookServer.PATH))
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        Reviews.of(WorkloadKind.DEPLOYMENT).object(null, null).json()))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    X509Certificate leaf =
        (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
    return leaf.getSerialNumber();
  }
}
