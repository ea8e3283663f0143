package dev.ownership.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.NamespaceDirectory;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.tls.CertificateAuthority;
import dev.ownership.operator.tls.PemCertificate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real webhook server on a random port with a certificate from a CA made for the test, and a JDK
 * HttpClient that trusts only that CA.
 */
final class WebhookFixture implements AutoCloseable {
  /** One metrics call of the handler. */
  /** What the handler counted, as the metric's label values. */
  record Recorded(String kind, String operation, String mode, String decision) {
    static Recorded of(
        ReviewedKind kind, Operation operation, EnforcementMode mode, AdmissionDecision decision) {
      return new Recorded(
          kind == null ? "other" : kind.kind(),
          operation == null ? "other" : operation.name(),
          mode.value(),
          decision.value());
    }
  }

  /** The handler `run` builds from these settings, counting into {@code recorder}. */
  static AdmissionHandler handler(
      OperatorSettings settings, NamespaceDirectory namespaces, List<Recorded> recorder) {
    return handler(settings, namespaces, recorder, ConcurrentHashMap.newKeySet());
  }

  /** As above; {@code threads} collects the names of the threads that answered. */
  static AdmissionHandler handler(
      OperatorSettings settings,
      NamespaceDirectory namespaces,
      List<Recorded> recorder,
      Set<String> threads) {
    return AdmissionHandler.of(
        new OwnerResolver(settings.ownerLabelKeys()),
        namespaces,
        settings.admission(),
        (kind, operation, mode, decision, nanos) -> {
          threads.add(Thread.currentThread().getName());
          recorder.add(Recorded.of(kind, operation, mode, decision));
        });
  }

  final CertificateAuthority ca;
  final Path certFile;
  final Path keyFile;
  final WebhookServer server;
  final HttpClient client;
  final List<Recorded> recorded = new CopyOnWriteArrayList<>();

  /** The threads the handler ran on: the server's event loops that answered. */
  final Set<String> answeringThreads = ConcurrentHashMap.newKeySet();

  private final Path directory;

  WebhookFixture(OperatorSettings settings, NamespaceDirectory namespaces) {
    this(settings, namespaces, Duration.ofSeconds(1));
  }

  WebhookFixture(
      OperatorSettings settings, NamespaceDirectory namespaces, Duration reloadInterval) {
    this(settings, namespaces, reloadInterval, ConnectionGuard.Limits.DEFAULT);
  }

  WebhookFixture(
      OperatorSettings settings,
      NamespaceDirectory namespaces,
      Duration reloadInterval,
      ConnectionGuard.Limits limits) {
    try {
      directory = Files.createTempDirectory("webhook-tls");
      ca = CertificateAuthority.generate("ownership-test-ca", Duration.ofDays(1));
      certFile = directory.resolve("tls.crt");
      keyFile = directory.resolve("tls.key");
      writeCertificate(issue(ca));
      AdmissionHandler handler = handler(settings, namespaces, recorded, answeringThreads);
      server =
          new WebhookServer("127.0.0.1", 0, certFile, keyFile, handler, reloadInterval, limits);
      server.start();
      client = client(ca);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static PemCertificate issue(CertificateAuthority authority) {
    return authority.issueServing(
        List.of("localhost", "ownership-webhook.ownership-system.svc"),
        List.of("127.0.0.1"),
        Duration.ofHours(1));
  }

  void writeCertificate(PemCertificate certificate) throws IOException {
    // Written aside and moved into place, as the kubelet swaps Secret volumes atomically.
    Path cert = directory.resolve("tls.crt.new");
    Path key = directory.resolve("tls.key.new");
    Files.writeString(cert, certificate.certificatePem());
    Files.writeString(key, certificate.privateKeyPem());
    Files.move(
        key,
        keyFile,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    Files.move(
        cert,
        certFile,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  static HttpClient client(CertificateAuthority trusted) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .sslContext(sslContext(trusted))
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  static SSLContext sslContext(CertificateAuthority trusted) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("ca", trusted.certificate().certificate());
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  URI uri(String path) {
    return URI.create("https://localhost:" + server.port() + path);
  }

  HttpResponse<byte[]> post(byte[] body) {
    return send(
        HttpRequest.newBuilder(uri(WebhookServer.PATH))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Posts a review, checks the HTTP envelope and returns {@code response}. */
  JsonNode review(Reviews review) {
    HttpResponse<byte[]> answer = post(review.json());
    JsonNode body = json(answer.body());
    if (answer.statusCode() != 200)
      throw new AssertionError("HTTP " + answer.statusCode() + ": " + body);
    if (!review.uid().equals(body.path("response").path("uid").asText()))
      throw new AssertionError("uid not echoed: " + body);
    return body.path("response");
  }

  static JsonNode json(byte[] body) {
    try {
      return Reviews.JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + new String(body), e);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    try (var files = Files.list(directory)) {
      for (Path file : files.toList()) Files.deleteIfExists(file);
    }
    Files.deleteIfExists(directory);
  }
}
