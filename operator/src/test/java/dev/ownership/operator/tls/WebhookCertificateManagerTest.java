package dev.ownership.operator.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ownership.operator.testing.MockApiServer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Managed webhook certificates against the CRUD mock API server. */
@MockApiServer
class WebhookCertificateManagerTest {
  static final String NS = "ownership-system";
  static final String SECRET = "ownership-webhook-tls";
  static final String CONFIGURATION = "ownership-operator";

  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir Path dir;

  final List<KubernetesClient> extraClients = new ArrayList<>();

  @BeforeEach
  void webhookConfiguration() {
    client
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .resource(
            new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName(CONFIGURATION)
                .endMetadata()
                .addNewWebhook()
                .withName("workloads.ownership.dev")
                .withNewClientConfig()
                .withNewService()
                .withName("ownership-webhook")
                .withNamespace(NS)
                .withPath("/validate")
                .withPort(443)
                .endService()
                .endClientConfig()
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .endWebhook()
                .addNewWebhook()
                .withName("second.ownership.dev")
                .withNewClientConfig()
                .withNewService()
                .withName("ownership-webhook")
                .withNamespace(NS)
                .withPath("/validate")
                .endService()
                .endClientConfig()
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .endWebhook()
                .build())
        .create();
  }

  @AfterEach
  void closeClients() {
    extraClients.forEach(KubernetesClient::close);
  }

  WebhookCertificateSettings settings(Path tlsDir) {
    return new WebhookCertificateSettings(
        NS,
        SECRET,
        "ownership-webhook",
        CONFIGURATION,
        tlsDir.resolve("tls.crt"),
        tlsDir.resolve("tls.key"),
        WebhookCertificateSettings.CA_VALIDITY,
        WebhookCertificateSettings.CA_RENEW_BEFORE,
        WebhookCertificateSettings.SERVING_VALIDITY,
        WebhookCertificateSettings.SERVING_RENEW_BEFORE,
        Duration.ofMillis(200));
  }

  WebhookCertificateManager manager(KubernetesClient client, Path tlsDir) {
    return new WebhookCertificateManager(client, settings(tlsDir));
  }

  @Test
  void createsTheSecretInjectsTheCaIntoEveryWebhookAndWritesTheFiles() throws Exception {
    WebhookCertificateManager.Outcome outcome = manager(client, dir).reconcile();

    assertThat(outcome).isEqualTo(new WebhookCertificateManager.Outcome(true, false, true, true));
    Secret secret = secret();
    assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(secret.getData()).containsOnlyKeys("ca.crt", "ca.key", "tls.crt", "tls.key");
    WebhookCertificates stored = WebhookCertificates.fromSecretData(secret.getData());
    assertThat(Files.readString(dir.resolve("tls.crt"))).isEqualTo(stored.servingCertificatePem());
    assertThat(Files.readString(dir.resolve("tls.key"))).isEqualTo(stored.servingKeyPem());
    assertThat(configuration().getWebhooks())
        .hasSize(2)
        .allSatisfy(
            webhook ->
                assertThat(webhook.getClientConfig().getCaBundle())
                    .isEqualTo(secret.getData().get("ca.crt")));

    X509Certificate serving = CertificateAuthority.parseCertificate(stored.servingCertificatePem());
    X509Certificate ca =
        CertificateAuthority.parseCertificate(
            new String(
                Base64.getDecoder()
                    .decode(configuration().getWebhooks().get(0).getClientConfig().getCaBundle())));
    serving.verify(ca.getPublicKey());
    assertThat(CertificateRenewal.dnsNames(serving))
        .containsExactlyInAnyOrder(
            "ownership-webhook.ownership-system.svc",
            "ownership-webhook.ownership-system.svc.cluster.local",
            "ownership-webhook.ownership-system",
            "ownership-webhook");
    assertThat(serving.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(360)));
  }

  @Test
  void aSecondCheckWritesNothingWhenNothingChanged() throws Exception {
    WebhookCertificateManager manager = manager(client, dir);
    manager.reconcile();
    String secretVersion = secret().getMetadata().getResourceVersion();
    String configurationVersion = configuration().getMetadata().getResourceVersion();
    FileTime certTime = Files.getLastModifiedTime(dir.resolve("tls.crt"));
    drainRequests();

    assertThat(manager.reconcile())
        .isEqualTo(new WebhookCertificateManager.Outcome(false, false, false, false));
    // A fresh manager (a restarted pod with the files still there) agrees.
    assertThat(manager(client, dir).reconcile())
        .isEqualTo(new WebhookCertificateManager.Outcome(false, false, false, false));

    assertThat(drainRequests())
        .as("only reads")
        .allSatisfy(request -> assertThat(request).startsWith("GET "));
    assertThat(secret().getMetadata().getResourceVersion()).isEqualTo(secretVersion);
    assertThat(configuration().getMetadata().getResourceVersion()).isEqualTo(configurationVersion);
    assertThat(Files.getLastModifiedTime(dir.resolve("tls.crt"))).isEqualTo(certTime);
  }

  /** The Secret create, the caBundle update and a Secret renewal: each names the operator. */
  @Test
  void everyWriteNamesTheOperatorAsFieldManager() throws Exception {
    drainRequests();
    manager(client, dir).reconcile();
    // An incomplete Secret (no CA key) is renewed: an update of the stored Secret.
    Secret incomplete = secret();
    incomplete.getData().remove("ca.key");
    client.secrets().inNamespace(NS).resource(incomplete).update();
    client
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .withName(CONFIGURATION)
        .edit(
            c -> {
              c.getWebhooks().forEach(w -> w.getClientConfig().setCaBundle(null));
              return c;
            });
    drainRequests();
    assertThat(manager(client, dir).reconcile().secretUpdated()).isTrue();

    List<String> writes = drainRequests().stream().filter(r -> !r.startsWith("GET ")).toList();
    assertThat(writes)
        .as("the renewal's writes: Secret update and caBundle update")
        .anyMatch(r -> r.startsWith("PUT /api/v1/namespaces/" + NS + "/secrets/" + SECRET))
        .anyMatch(r -> r.startsWith("PUT /apis/admissionregistration.k8s.io/v1/"))
        .allSatisfy(r -> assertThat(r).contains("?fieldManager=ownership-operator"));
  }

  /** The first check's create: a POST of the Secret, naming the operator too. */
  @Test
  void theSecretIsCreatedNamingTheOperator() throws Exception {
    drainRequests();
    manager(client, dir).reconcile();
    assertThat(drainRequests().stream().filter(r -> !r.startsWith("GET ")))
        .as("create of the Secret, update of the caBundle")
        .anyMatch(r -> r.startsWith("POST /api/v1/namespaces/" + NS + "/secrets?"))
        .anyMatch(r -> r.startsWith("PUT /apis/admissionregistration.k8s.io/v1/"))
        .allSatisfy(r -> assertThat(r).contains("fieldManager=ownership-operator"));
  }

  @Test
  void aNewReplicaUsesTheStoredCertificateAndOnlyWritesItsFiles() throws Exception {
    manager(client, dir).reconcile();
    Path otherDir = dir.resolve("other-pod");
    WebhookCertificateManager.Outcome outcome = manager(client, otherDir).reconcile();
    assertThat(outcome).isEqualTo(new WebhookCertificateManager.Outcome(false, false, false, true));
    assertThat(Files.readString(otherDir.resolve("tls.crt")))
        .isEqualTo(Files.readString(dir.resolve("tls.crt")));
  }

  @Test
  void rotatesAServingCertificateCloseToExpiryAndKeepsTheCa() throws Exception {
    CertificateAuthority ca = CertificateAuthority.generate("test CA", Duration.ofDays(1000));
    PemCertificate expiring =
        ca.issueServing(settings(dir).dnsNames(), List.of(), Duration.ofDays(10));
    storeSecret(
        new WebhookCertificates(
            ca.certificate().certificatePem(),
            ca.certificate().privateKeyPem(),
            expiring.certificatePem(),
            expiring.privateKeyPem()));
    manager(client, dir).writeFiles(WebhookCertificates.fromSecretData(secret().getData()));
    manager(client, dir).injectCaBundle(secret().getData().get("ca.crt"));
    String versionBefore = secret().getMetadata().getResourceVersion();

    WebhookCertificateManager.Outcome outcome = manager(client, dir).reconcile();

    assertThat(outcome).isEqualTo(new WebhookCertificateManager.Outcome(false, true, false, true));
    assertThat(secret().getMetadata().getResourceVersion()).isNotEqualTo(versionBefore);
    WebhookCertificates renewed = WebhookCertificates.fromSecretData(secret().getData());
    assertThat(renewed.caBundlePem().strip()).isEqualTo(ca.certificate().certificatePem().strip());
    X509Certificate serving =
        CertificateAuthority.parseCertificate(renewed.servingCertificatePem());
    assertThat(serving.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(300)));
    serving.verify(ca.certificate().certificate().getPublicKey());
    assertThat(Files.readString(dir.resolve("tls.crt"))).isEqualTo(renewed.servingCertificatePem());
    assertThat(Files.readString(dir.resolve("tls.key"))).isEqualTo(renewed.servingKeyPem());
  }

  @Test
  void rotatesACaCloseToExpiryAndKeepsTrustingTheOldOneUntilItExpires() throws Exception {
    CertificateAuthority old = CertificateAuthority.generate("old CA", Duration.ofDays(100));
    PemCertificate serving =
        old.issueServing(settings(dir).dnsNames(), List.of(), Duration.ofDays(90));
    storeSecret(
        new WebhookCertificates(
            old.certificate().certificatePem(),
            old.certificate().privateKeyPem(),
            serving.certificatePem(),
            serving.privateKeyPem()));

    WebhookCertificateManager.Outcome outcome = manager(client, dir).reconcile();

    assertThat(outcome).isEqualTo(new WebhookCertificateManager.Outcome(false, true, true, true));
    WebhookCertificates renewed = WebhookCertificates.fromSecretData(secret().getData());
    List<String> bundle = PemBlocks.certificates(renewed.caBundlePem());
    assertThat(bundle).hasSize(2);
    assertThat(bundle.get(1).strip()).isEqualTo(old.certificate().certificatePem().strip());
    X509Certificate newCa = CertificateAuthority.parseCertificate(bundle.get(0));
    assertThat(newCa.getNotAfter().toInstant())
        .isAfter(Instant.now().plus(Duration.ofDays(4 * 365)));
    CertificateAuthority.parseCertificate(renewed.servingCertificatePem())
        .verify(newCa.getPublicKey());
    assertThat(configuration().getWebhooks())
        .allSatisfy(
            webhook ->
                assertThat(webhook.getClientConfig().getCaBundle())
                    .isEqualTo(renewed.caBundleBase64()));
  }

  @Test
  void replacesACertificateForOtherNamesOrFromAnotherCaOrAnIncompleteSecret() throws Exception {
    CertificateAuthority ca = CertificateAuthority.generate("test CA", Duration.ofDays(1000));
    PemCertificate wrongNames =
        ca.issueServing(List.of("something-else.default.svc"), List.of(), Duration.ofDays(300));
    storeSecret(
        new WebhookCertificates(
            ca.certificate().certificatePem(),
            ca.certificate().privateKeyPem(),
            wrongNames.certificatePem(),
            wrongNames.privateKeyPem()));
    assertThat(manager(client, dir).reconcile().secretUpdated()).isTrue();

    PemCertificate foreign =
        CertificateAuthority.generate("foreign", Duration.ofDays(1000))
            .issueServing(settings(dir).dnsNames(), List.of(), Duration.ofDays(300));
    Secret current = secret();
    current
        .getData()
        .put("tls.crt", Base64.getEncoder().encodeToString(foreign.certificatePem().getBytes()));
    client.secrets().inNamespace(NS).resource(current).update();
    assertThat(manager(client, dir).reconcile().secretUpdated()).isTrue();

    current = secret();
    current.getData().remove("ca.key");
    client.secrets().inNamespace(NS).resource(current).update();
    assertThat(manager(client, dir).reconcile().secretUpdated()).isTrue();
    assertThat(secret().getData()).containsKey("ca.key");
    assertThat(manager(client, dir).reconcile())
        .isEqualTo(new WebhookCertificateManager.Outcome(false, false, false, false));
  }

  @Test
  void twoReplicasStartingTogetherEndWithOneCertificate() throws Exception {
    for (int round = 0; round < 5; round++) {
      client.secrets().inNamespace(NS).withName(SECRET).delete();
      await().atMost(Duration.ofSeconds(5)).until(() -> secret() == null);
      List<WebhookCertificateManager.Outcome> outcomes =
          race(dir.resolve("a" + round), dir.resolve("b" + round));
      assertThat(outcomes.stream().filter(WebhookCertificateManager.Outcome::secretCreated))
          .as("round " + round)
          .hasSize(1);
      assertReplicasServe(secret(), dir.resolve("a" + round), dir.resolve("b" + round));
    }
  }

  @Test
  void twoReplicasRotatingTogetherAgreeOnOneNewCertificate() throws Exception {
    for (int round = 0; round < 3; round++) {
      CertificateAuthority ca = CertificateAuthority.generate("test CA", Duration.ofDays(1000));
      PemCertificate expiring =
          ca.issueServing(settings(dir).dnsNames(), List.of(), Duration.ofDays(5));
      client.secrets().inNamespace(NS).withName(SECRET).delete();
      await().atMost(Duration.ofSeconds(5)).until(() -> secret() == null);
      storeSecret(
          new WebhookCertificates(
              ca.certificate().certificatePem(),
              ca.certificate().privateKeyPem(),
              expiring.certificatePem(),
              expiring.privateKeyPem()));

      List<WebhookCertificateManager.Outcome> outcomes =
          race(dir.resolve("ra" + round), dir.resolve("rb" + round));

      assertThat(outcomes.stream().filter(WebhookCertificateManager.Outcome::secretUpdated))
          .as("round " + round)
          .hasSize(1);
      Secret secret = secret();
      assertThat(WebhookCertificates.fromSecretData(secret.getData()).servingCertificatePem())
          .isNotEqualTo(expiring.certificatePem());
      assertReplicasServe(secret, dir.resolve("ra" + round), dir.resolve("rb" + round));
    }
  }

  @Test
  void aMissingWebhookConfigurationIsInjectedOnceItAppears() throws Exception {
    ValidatingWebhookConfiguration saved = configuration();
    client
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .withName(CONFIGURATION)
        .delete();
    await().atMost(Duration.ofSeconds(5)).until(() -> configuration() == null);
    WebhookCertificateManager manager = manager(client, dir);
    assertThat(manager.reconcile())
        .isEqualTo(new WebhookCertificateManager.Outcome(true, false, false, true));

    saved.getMetadata().setResourceVersion(null);
    client.admissionRegistration().v1().validatingWebhookConfigurations().resource(saved).create();
    assertThat(manager.reconcile())
        .isEqualTo(new WebhookCertificateManager.Outcome(false, false, true, false));
    assertThat(configuration().getWebhooks().get(0).getClientConfig().getCaBundle())
        .isEqualTo(secret().getData().get("ca.crt"));
  }

  @Test
  void startWritesTheFilesAtOnceAndKeepsRepairingTheCaBundleUntilClosed() throws Exception {
    try (WebhookCertificateManager manager = manager(client, dir)) {
      manager.start();
      assertThat(dir.resolve("tls.crt")).exists();
      assertThat(dir.resolve("tls.key")).exists();
      String expected = secret().getData().get("ca.crt");

      // Someone re-creates the configuration without caBundle (kubectl replace): the next check
      // repairs it.
      ValidatingWebhookConfiguration wiped = configuration();
      wiped.getWebhooks().forEach(w -> w.getClientConfig().setCaBundle(null));
      client
          .admissionRegistration()
          .v1()
          .validatingWebhookConfigurations()
          .resource(wiped)
          .update();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(configuration().getWebhooks())
                      .allSatisfy(
                          w -> assertThat(w.getClientConfig().getCaBundle()).isEqualTo(expected)));
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Two managers, each with its own client (as two pods), checking at the same moment. */
  List<WebhookCertificateManager.Outcome> race(Path dirA, Path dirB) throws Exception {
    KubernetesClient clientA = server.createClient();
    KubernetesClient clientB = server.createClient();
    extraClients.add(clientA);
    extraClients.add(clientB);
    WebhookCertificateManager a = manager(clientA, dirA);
    WebhookCertificateManager b = manager(clientB, dirB);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<WebhookCertificateManager.Outcome> runA =
          () -> {
            go.await();
            return a.reconcile();
          };
      Callable<WebhookCertificateManager.Outcome> runB =
          () -> {
            go.await();
            return b.reconcile();
          };
      Future<WebhookCertificateManager.Outcome> fa = pool.submit(runA);
      Future<WebhookCertificateManager.Outcome> fb = pool.submit(runB);
      go.countDown();
      return List.of(fa.get(60, TimeUnit.SECONDS), fb.get(60, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  void assertReplicasServe(Secret secret, Path... dirs) throws Exception {
    WebhookCertificates stored = WebhookCertificates.fromSecretData(secret.getData());
    for (Path podDir : dirs) {
      assertThat(Files.readString(podDir.resolve("tls.crt")))
          .isEqualTo(stored.servingCertificatePem());
      assertThat(Files.readString(podDir.resolve("tls.key"))).isEqualTo(stored.servingKeyPem());
    }
    assertThat(configuration().getWebhooks())
        .allSatisfy(
            w -> assertThat(w.getClientConfig().getCaBundle()).isEqualTo(stored.caBundleBase64()));
  }

  void storeSecret(WebhookCertificates certificates) {
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(SECRET)
                .withNamespace(NS)
                .endMetadata()
                .withType("kubernetes.io/tls")
                .withData(certificates.toSecretData())
                .build())
        .create();
  }

  Secret secret() {
    return client.secrets().inNamespace(NS).withName(SECRET).get();
  }

  ValidatingWebhookConfiguration configuration() {
    return client
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .withName(CONFIGURATION)
        .get();
  }

  List<String> drainRequests() throws InterruptedException {
    List<String> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
      requests.add(request.getMethod() + " " + request.getPath());
    }
    return requests;
  }
}
