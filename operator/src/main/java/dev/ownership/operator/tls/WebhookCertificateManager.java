package dev.ownership.operator.tls;

import dev.ownership.operator.concurrency.DaemonThreads;
import dev.ownership.operator.net.FieldManager;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretList;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's own certificate, for clusters without cert-manager ({@code
 * --manage-webhook-certs}). At start and then every {@code checkInterval} it makes sure that
 *
 * <ol>
 *   <li>the Secret holds a CA and a serving certificate for the webhook Service that is not close
 *       to expiry (creating or rotating them if not),
 *   <li>every webhook of the ValidatingWebhookConfiguration trusts that CA ({@code caBundle}),
 *   <li>the PEM files the webhook server reads hold that serving certificate.
 * </ol>
 *
 * Every replica runs this, without leader election: each needs the files. Replicas agree through
 * the Secret: a create that loses (409) or an update on a stale resourceVersion (409) re-reads the
 * Secret and uses what the other replica wrote. Nothing is written when nothing changed.
 */
public final class WebhookCertificateManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookCertificateManager.class);
  private static final int ATTEMPTS = 5;

  private final KubernetesClient client;
  private final WebhookCertificateSettings settings;
  private final CertificateRenewal renewal;
  private ScheduledExecutorService scheduler;

  /** What one check did; all false means the check found everything in order and wrote nothing. */
  public record Outcome(
      boolean secretCreated,
      boolean secretUpdated,
      boolean caBundleInjected,
      boolean filesWritten) {}

  public WebhookCertificateManager(KubernetesClient client, WebhookCertificateSettings settings) {
    this(client, settings, Clock.systemUTC());
  }

  WebhookCertificateManager(
      KubernetesClient client, WebhookCertificateSettings settings, Clock clock) {
    // Its writes (Secret, caBundle) name the operator in managedFields.
    this.client = FieldManager.naming(Objects.requireNonNull(client, "client"));
    this.settings = Objects.requireNonNull(settings, "settings");
    this.renewal = new CertificateRenewal(settings, clock);
  }

  /**
   * Runs the first check now, so that the certificate files exist before the webhook server starts,
   * then keeps checking in the background.
   *
   * @throws KubernetesClientException if the first check cannot reach or write the Secret (the
   *     operator should exit; Kubernetes restarts it)
   */
  public synchronized void start() {
    if (scheduler != null) throw new IllegalStateException("already started");
    reconcile();
    scheduler =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("webhook-certificates"));
    long interval = settings.checkInterval().toMillis();
    scheduler.scheduleWithFixedDelay(
        this::reconcileLogged, interval, interval, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  private void reconcileLogged() {
    try {
      reconcile();
    } catch (RuntimeException e) {
      // The next check retries; the current certificate stays in use meanwhile.
      LOG.warn(
          "Checking the webhook certificate failed, retrying in {}: {}",
          settings.checkInterval(),
          e.getMessage());
    }
  }

  /**
   * One check: Secret, then caBundle, then files (so the API server trusts a new CA before the
   * server presents it).
   */
  public Outcome reconcile() {
    boolean created = false;
    boolean updated = false;
    WebhookCertificates certificates = null;
    for (int attempt = 1; attempt <= ATTEMPTS && certificates == null; attempt++) {
      Secret secret = secrets().withName(settings.secretName()).get();
      if (secret == null) {
        WebhookCertificates fresh = renewal.renew(null);
        try {
          secrets().resource(newSecret(fresh)).create();
          LOG.info(
              "Created the webhook certificate in Secret {}/{}",
              settings.namespace(),
              settings.secretName());
          certificates = fresh;
          created = true;
        } catch (KubernetesClientException e) {
          if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) throw e;
          LOG.debug(
              "Another replica created Secret {} first; using its certificate",
              settings.secretName());
        }
        continue;
      }
      WebhookCertificates stored = WebhookCertificates.fromSecretData(secret.getData());
      Optional<String> reason = renewal.reasonToRenew(stored);
      if (reason.isEmpty()) {
        certificates = stored;
        continue;
      }
      WebhookCertificates fresh = renewal.renew(stored);
      Secret changed = new SecretBuilder(secret).withData(fresh.toSecretData()).build();
      try {
        // update() sends the resourceVersion we read: if another replica rotated meanwhile, 409.
        secrets().resource(changed).update();
        LOG.info(
            "Renewed the webhook certificate in Secret {}/{}: {}",
            settings.namespace(),
            settings.secretName(),
            reason.get());
        certificates = fresh;
        updated = true;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) throw e;
        LOG.debug("Secret {} changed while renewing; reading it again", settings.secretName());
      }
    }
    if (certificates == null) {
      throw new IllegalStateException(
          "Secret "
              + settings.namespace()
              + "/"
              + settings.secretName()
              + " kept changing during "
              + ATTEMPTS
              + " attempts; will retry");
    }
    boolean injected = injectCaBundle(certificates.caBundleBase64());
    boolean written = writeFiles(certificates);
    return new Outcome(created, updated, injected, written);
  }

  /**
   * Sets caBundle on every webhook of the configuration where it differs; false when nothing had to
   * change.
   */
  boolean injectCaBundle(String caBundle) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      ValidatingWebhookConfiguration configuration =
          client
              .admissionRegistration()
              .v1()
              .validatingWebhookConfigurations()
              .withName(settings.webhookConfigurationName())
              .get();
      if (configuration == null) {
        // Applied after the operator, or removed on purpose: try again at the next check.
        LOG.warn(
            "ValidatingWebhookConfiguration {} not found; its caBundle will be set once it exists",
            settings.webhookConfigurationName());
        return false;
      }
      boolean differs = false;
      for (ValidatingWebhook webhook : configuration.getWebhooks()) {
        if (webhook.getClientConfig() != null
            && !caBundle.equals(webhook.getClientConfig().getCaBundle())) {
          webhook.getClientConfig().setCaBundle(caBundle);
          differs = true;
        }
      }
      if (!differs) return false;
      try {
        client
            .admissionRegistration()
            .v1()
            .validatingWebhookConfigurations()
            .resource(configuration)
            .update();
        LOG.info(
            "Set the caBundle of ValidatingWebhookConfiguration {}",
            settings.webhookConfigurationName());
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) throw e;
      }
    }
    throw new IllegalStateException(
        "ValidatingWebhookConfiguration "
            + settings.webhookConfigurationName()
            + " kept changing during "
            + ATTEMPTS
            + " attempts; will retry");
  }

  /** Writes the key, then the certificate, each only if it differs, each atomically. */
  boolean writeFiles(WebhookCertificates certificates) {
    try {
      boolean key = writeIfChanged(settings.keyFile(), certificates.servingKeyPem(), true);
      boolean cert =
          writeIfChanged(settings.certFile(), certificates.servingCertificatePem(), false);
      return key || cert;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the webhook certificate files: " + e.getMessage(), e);
    }
  }

  private static boolean writeIfChanged(Path target, String content, boolean secret)
      throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), bytes)) return false;
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Write beside the target and move over it: the file watcher never sees half a file.
    Path temporary = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      if (secret) restrictToOwner(temporary);
      Files.write(temporary, bytes);
      try {
        Files.move(
            temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
    return true;
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: nothing to restrict.
    }
  }

  private Secret newSecret(WebhookCertificates certificates) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(settings.secretName())
        .withNamespace(settings.namespace())
        .withLabels(
            Map.of(
                "app.kubernetes.io/name",
                "ownership-operator",
                "app.kubernetes.io/component",
                "webhook-certificate",
                "app.kubernetes.io/managed-by",
                "ownership-operator"))
        .endMetadata()
        .withType("kubernetes.io/tls")
        .withData(certificates.toSecretData())
        .build();
  }

  private NonNamespaceOperation<Secret, SecretList, Resource<Secret>> secrets() {
    return client.secrets().inNamespace(settings.namespace());
  }
}
