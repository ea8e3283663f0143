package dev.ownership.operator;

import dev.ownership.operator.admission.AdmissionHandler;
import dev.ownership.operator.admission.WebhookServer;
import dev.ownership.operator.certs.WebhookCertificateManager;
import dev.ownership.operator.certs.WebhookCertificateSettings;
import dev.ownership.operator.config.EnforcementMode;
import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.controller.ClusterCache;
import dev.ownership.operator.controller.OwnershipController;
import dev.ownership.operator.controller.OwnershipLedger;
import dev.ownership.operator.controller.ResolutionListener;
import dev.ownership.operator.controller.ServiceOwnershipReconciler;
import dev.ownership.operator.controller.WorkloadEventRecorder;
import dev.ownership.operator.controller.WorkloadMetadataWriter;
import dev.ownership.operator.metrics.AdmissionMetrics;
import dev.ownership.operator.metrics.LeaderGauge;
import dev.ownership.operator.metrics.MeterRegistries;
import dev.ownership.operator.metrics.MetricsServer;
import dev.ownership.operator.metrics.NamespaceEnforcementGauges;
import dev.ownership.operator.metrics.OwnershipGauges;
import dev.ownership.operator.ownership.OwnerResolver;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The `run` process: builds the parts from the settings, starts them in order and stops them in
 * reverse. Caches and servers run on every replica; the ownership controller and the
 * ServiceOwnership reconciler only on the leader.
 */
public final class OwnershipOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OwnershipOperator.class);
  static final Duration CACHE_SYNC_TIMEOUT = Duration.ofMinutes(5);

  private final OperatorSettings settings;
  private final KubernetesClient client;
  private final boolean ownsClient;
  private final PrometheusMeterRegistry registry = MeterRegistries.prometheus();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private ClusterCache cache;
  private OwnershipController controller;
  private WorkloadMetadataWriter writer;
  private Operator josdk;
  private MetricsServer metricsServer;
  private final boolean exitOnLostLeadership;
  private final String leaseIdentity;
  private LeaderGauge leaderGauge;
  private NamespaceEnforcementGauges enforcementGauges;
  private WebhookServer webhook;
  private volatile boolean leading;
  private volatile boolean closed;

  private OwnershipOperator(
      OperatorSettings settings,
      KubernetesClient client,
      boolean ownsClient,
      boolean exitOnLostLeadership) {
    this.settings = settings;
    this.client = client;
    this.ownsClient = ownsClient;
    this.exitOnLostLeadership = exitOnLostLeadership;
    this.leaseIdentity = identity();
  }

  /**
   * Connects with the usual kubeconfig lookup (in-cluster, KUBECONFIG, ~/.kube/config) and starts.
   */
  public static OwnershipOperator start(OperatorSettings settings) throws Exception {
    return start(settings, new KubernetesClientBuilder().build(), true, true);
  }

  /** For tests and the demo: a replica that loses its Lease stops writing but keeps the JVM. */
  public static OwnershipOperator start(
      OperatorSettings settings, KubernetesClient client, boolean ownsClient) throws Exception {
    return start(settings, client, ownsClient, false);
  }

  private static OwnershipOperator start(
      OperatorSettings settings,
      KubernetesClient client,
      boolean ownsClient,
      boolean exitOnLostLeadership)
      throws Exception {
    OwnershipOperator operator =
        new OwnershipOperator(settings, client, ownsClient, exitOnLostLeadership);
    try {
      operator.startParts();
    } catch (Exception e) {
      operator.close();
      throw e;
    }
    return operator;
  }

  private void startParts() throws Exception {
    OwnerResolver resolver = new OwnerResolver(settings.ownerLabelKeys());
    cache = register(new ClusterCache(client, settings.watchedNamespaces()));
    writer =
        register(
            new WorkloadMetadataWriter(
                client,
                ref -> cache.workload(ref),
                settings.writeConcurrency(),
                settings.writesPerSecond()));
    WorkloadEventRecorder events = register(new WorkloadEventRecorder(client));
    List<ResolutionListener> listeners = List.of(new OwnershipGauges(registry));
    leaderGauge = new LeaderGauge(registry);
    enforcementGauges = new NamespaceEnforcementGauges(registry);
    AdmissionMetrics admissionMetrics = new AdmissionMetrics(registry);
    AtomicReference<ServiceOwnershipReconciler> reconcilerRef = new AtomicReference<>();
    controller =
        register(
            new OwnershipController(
                cache,
                resolver,
                new OwnershipLedger(),
                writer,
                events,
                listeners,
                (ns, name) -> {
                  ServiceOwnershipReconciler r = reconcilerRef.get();
                  if (r != null) r.refresh(ns, name);
                },
                settings.resyncPeriod()));
    cache.addListener(controller);
    cache.addListener(
        new ClusterCache.Listener() {
          @Override
          public void namespaceChanged(String namespace) {
            publishEnforcementMode(namespace);
          }
        });
    ServiceOwnershipReconciler reconciler =
        new ServiceOwnershipReconciler(controller, cache, Clock.systemUTC());
    reconcilerRef.set(reconciler);

    metricsServer =
        register(
            new MetricsServer(settings.metricsPort(), registry, this::isHealthy, this::isReady)
                .start());
    LOG.info("Metrics and probes on port {}", metricsServer.port());

    cache.start(CACHE_SYNC_TIMEOUT);

    if (settings.manageWebhookCerts()) {
      // Before the webhook starts: it needs the certificate files this writes.
      register(new WebhookCertificateManager(client, WebhookCertificateSettings.of(settings)))
          .start();
    }
    if (settings.webhookEnabled()) {
      webhook =
          register(
              new WebhookServer(
                  settings.webhookPort(),
                  settings.tlsCertFile(),
                  settings.tlsKeyFile(),
                  new AdmissionHandler(resolver, cache, settings, admissionMetrics)));
      webhook.start();
    } else {
      LOG.info(
          "Admission webhook off: give --tls-cert-file and --tls-key-file (or"
              + " --manage-webhook-certs) to serve it");
    }

    josdk =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withUseSSAToPatchPrimaryResource(false)
                  .withCloseClientOnStop(false)
                  .withMetrics(MeterRegistries.reconciliation(registry));
              if (settings.leaderElection()) {
                o.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        settings.leaseName(),
                        settings.operatorNamespace(),
                        Duration.ofSeconds(15),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(2),
                        leaseIdentity,
                        new LeaderCallbacks(
                            this::startLeading,
                            this::stopLeading,
                            leader -> LOG.info("Leader is now {}", leader)),
                        // Never JOSDK's exit: it also fires when close() cancels the election, i.e.
                        // inside the
                        // SIGTERM shutdown hook, where System.exit blocks forever. stopLeading()
                        // exits instead.
                        false));
              }
            });
    josdk.register(
        reconciler,
        o -> {
          if (!settings.watchesAllNamespaces()) o.settingNamespaces(settings.watchedNamespaces());
        });
    josdk.start();
    if (!settings.leaderElection()) startLeading();
  }

  private void startLeading() {
    LOG.info("Starting the ownership controller");
    leading = true;
    leaderGauge.set(true);
    cache.namespaceNames().forEach(this::publishEnforcementMode);
    controller.start();
  }

  private void stopLeading() {
    leading = false;
    leaderGauge.set(false);
    if (closed) {
      // close() cancelled the election (JOSDK does not release the Lease; it expires).
      LOG.info("Stopping the ownership controller: shutting down");
      controller.close();
      return;
    }
    LOG.warn("Lost leadership; stopping the ownership controller");
    controller.close();
    if (exitOnLostLeadership) {
      // A deposed leader must not write, and its caches may be what cost it the Lease: start over.
      LOG.error(
          "Exiting: lost the leader Lease {}/{}",
          settings.operatorNamespace(),
          settings.leaseName());
      // From another thread: this callback runs holding the elector's lock, which the shutdown
      // hook's close() needs to cancel the election; exiting from here would deadlock.
      Thread exit = new Thread(() -> System.exit(1), "exit-after-lost-lease");
      exit.start();
    }
  }

  /**
   * Only the leader exports per-namespace series, so that alerts joining them with the ownership
   * gauges (also leader-only) see one series per namespace.
   */
  private void publishEnforcementMode(String namespace) {
    if (!leading) return;
    if (!cache.hasNamespace(namespace) || !cache.watches(namespace)) {
      enforcementGauges.remove(namespace);
      return;
    }
    enforcementGauges.set(
        namespace,
        settings.isExempt(namespace)
            ? EnforcementMode.OFF
            : EnforcementMode.ofNamespace(cache.labels(namespace), settings.defaultEnforcement()));
  }

  /**
   * The Lease holder's name: the pod name in a cluster, so that the Lease shows which pod leads.
   * Replicas embedded in one JVM (tests) share its HOSTNAME and would all believe they hold the
   * Lease, so they get a unique suffix.
   */
  private String identity() {
    String host = System.getenv("HOSTNAME");
    boolean hasHost = host != null && !host.isBlank();
    if (hasHost && exitOnLostLeadership) return host;
    return (hasHost ? host : "ownership-operator") + "-" + UUID.randomUUID();
  }

  private <T extends AutoCloseable> T register(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  /**
   * Alive while the informers run and, on the leader, while the operator framework's event sources
   * are healthy.
   */
  public boolean isHealthy() {
    if (cache == null || !cache.isHealthy()) return false;
    return !leading || josdk == null || josdk.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  /** Ready once the caches are synced: the webhook can then decide with full knowledge. */
  public boolean isReady() {
    return cache != null
        && cache.hasSynced()
        && (!settings.webhookEnabled() || (webhook != null && webhook.port() > 0));
  }

  /** The webhook's bound port; -1 when it is off. */
  public int webhookPort() {
    return webhook == null ? -1 : webhook.port();
  }

  public OwnershipController controller() {
    return controller;
  }

  public ClusterCache cache() {
    return cache;
  }

  public WorkloadMetadataWriter writer() {
    return writer;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public int metricsPort() {
    return metricsServer.port();
  }

  public void awaitTermination() throws InterruptedException {
    stopped.await();
  }

  /**
   * The framework cancels its elector without releasing the Lease, so a rolling update would wait
   * out the whole lease duration with no writer. Clearing the holder lets another replica take over
   * at its next retry. Only our own holding is cleared; writing has stopped by now.
   */
  private void releaseLease() {
    try {
      var lease =
          client
              .leases()
              .inNamespace(settings.operatorNamespace())
              .withName(settings.leaseName())
              .get();
      if (lease == null
          || lease.getSpec() == null
          || !leaseIdentity.equals(lease.getSpec().getHolderIdentity())) return;
      lease.getSpec().setHolderIdentity(null);
      client.leases().inNamespace(settings.operatorNamespace()).resource(lease).update();
      LOG.info(
          "Released the leader Lease {}/{}", settings.operatorNamespace(), settings.leaseName());
    } catch (RuntimeException e) {
      // It expires on its own; releasing only makes the handover faster.
      LOG.debug("Could not release the leader Lease", e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    boolean wasLeading = leading;
    if (josdk != null) {
      try {
        josdk.stop();
      } catch (RuntimeException e) {
        LOG.debug("Error stopping the operator framework", e);
      }
    }
    if (settings.leaderElection() && wasLeading) releaseLease();
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        LOG.debug("Error closing {}", closeables.get(i), e);
      }
    }
    if (ownsClient) client.close();
    registry.close();
    stopped.countDown();
  }
}
