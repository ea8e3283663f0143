package dev.ownership.operator;

import dev.ownership.operator.admission.AdmissionHandler;
import dev.ownership.operator.admission.WebhookServer;
import dev.ownership.operator.catalog.CatalogServer;
import dev.ownership.operator.catalog.ClusterCatalogSource;
import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.controller.ClusterCache;
import dev.ownership.operator.controller.OwnershipController;
import dev.ownership.operator.controller.OwnershipLedger;
import dev.ownership.operator.controller.ServiceOwnershipReconciler;
import dev.ownership.operator.controller.StatusRequests;
import dev.ownership.operator.controller.TeamReconciler;
import dev.ownership.operator.controller.TransitionEvents;
import dev.ownership.operator.controller.WorkloadEventRecorder;
import dev.ownership.operator.controller.WorkloadMetadataWriter;
import dev.ownership.operator.leadership.LeaderLifecycle;
import dev.ownership.operator.leadership.LeaseRelease;
import dev.ownership.operator.leadership.PodIdentity;
import dev.ownership.operator.metrics.AdmissionMetrics;
import dev.ownership.operator.metrics.EventFailureCounter;
import dev.ownership.operator.metrics.LeaderGauge;
import dev.ownership.operator.metrics.MeterRegistries;
import dev.ownership.operator.metrics.MetricsServer;
import dev.ownership.operator.metrics.NamespaceEnforcementGauges;
import dev.ownership.operator.metrics.NamespaceModePublisher;
import dev.ownership.operator.metrics.OwnershipGauges;
import dev.ownership.operator.metrics.TeamReviewGauges;
import dev.ownership.operator.metrics.WebhookConnectionMetrics;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.tls.WebhookCertificateManager;
import dev.ownership.operator.who.RegisteredTeams;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The `run` process, wired: builds the parts from the settings, starts them in order and stops them
 * in reverse. Caches and servers run on every replica; the ownership controller and the
 * ServiceOwnership reconciler only on the leader. Every decision lives in the parts.
 */
public final class OwnershipOperator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OwnershipOperator.class);
  static final Duration CACHE_SYNC_TIMEOUT = Duration.ofMinutes(5);

  private final OperatorSettings settings;
  private final KubernetesClient client;
  private final boolean ownsClient;
  private final boolean exitOnLostLeadership;
  private final String leaseIdentity;
  private final PrometheusMeterRegistry registry = MeterRegistries.prometheus();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private ClusterCache cache;
  private OwnershipController controller;
  private WorkloadMetadataWriter writer;
  private LeaderLifecycle leadership;
  private Operator josdk;
  private MetricsServer metricsServer;
  private WebhookServer webhook;
  private CatalogServer catalog;
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
    this.leaseIdentity = PodIdentity.of(System.getenv(), !exitOnLostLeadership);
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
    cache =
        register(new ClusterCache(client, settings.watchedNamespaces(), settings.teamRegistry()));

    OwnershipLedger ledger = new OwnershipLedger();
    ledger.addListener(new OwnershipGauges(registry));
    StatusRequests statusRequests = new StatusRequests();
    StatusRequests teamStatusRequests = new StatusRequests();
    WorkloadEventRecorder events = register(new WorkloadEventRecorder(client));
    writer =
        register(
            new WorkloadMetadataWriter(
                client,
                cache::workload,
                new TransitionEvents(cache, ledger, settings.ownerLabelKeys(), events),
                settings.writeConcurrency(),
                settings.writesPerSecond()));
    controller =
        register(
            new OwnershipController(
                cache,
                resolver,
                ledger,
                statusRequests,
                teamStatusRequests,
                writer,
                events,
                settings.resyncPeriod()));
    cache.addListener(controller);
    ServiceOwnershipReconciler reconciler =
        new ServiceOwnershipReconciler(ledger, statusRequests, cache, Clock.systemUTC(), events);
    TeamReviewGauges reviewGauges = new TeamReviewGauges(registry, cache);
    cache.addListener(reviewGauges);
    TeamReconciler teamReconciler =
        new TeamReconciler(
            ledger,
            teamStatusRequests,
            cache,
            settings.teamReviewPeriod(),
            Clock.systemUTC(),
            reviewGauges);

    LeaderGauge leaderGauge = new LeaderGauge(registry);
    NamespaceModePublisher modes =
        new NamespaceModePublisher(
            cache, settings.enforcementRule(), new NamespaceEnforcementGauges(registry));
    cache.addListener(modes);
    EventFailureCounter.register(registry, events);
    leadership =
        new LeaderLifecycle(
            List.of(() -> leaderGauge.set(true), modes::activate, controller::start),
            List.of(() -> leaderGauge.set(false), controller::close),
            exitOnLostLeadership ? System::exit : null,
            settings.operatorNamespace() + "/" + settings.leaseName());

    metricsServer =
        register(
            new MetricsServer(
                    new java.net.InetSocketAddress(settings.bindAddress(), settings.metricsPort()),
                    registry,
                    this::isHealthy,
                    this::isReady)
                .start());
    LOG.info("Metrics and probes on port {}", metricsServer.port());

    // The catalog listens to the cache from the start, so it never misses a change.
    ClusterCatalogSource catalogSource =
        settings.catalogPort() > 0 ? new ClusterCatalogSource(cache, settings) : null;

    cache.start(CACHE_SYNC_TIMEOUT);

    if (catalogSource != null) {
      // Every replica serves it, from its own caches: no leader needed.
      catalog =
          register(
              CatalogServer.serve(
                  new java.net.InetSocketAddress(settings.bindAddress(), settings.catalogPort()),
                  catalogSource,
                  resolver,
                  new RegisteredTeams(
                      cache::teams, settings.teamReviewPeriod(), Clock.systemUTC())));
      LOG.info("Catalog on port {}", catalog.port());
    }

    if (settings.manageWebhookCerts()) {
      // Before the webhook starts: it needs the certificate files this writes.
      register(new WebhookCertificateManager(client, settings.webhookCertificates())).start();
    }
    if (settings.webhookEnabled()) {
      webhook =
          register(
              new WebhookServer(
                  settings.bindAddress(),
                  settings.webhookPort(),
                  settings.tlsCertFile(),
                  settings.tlsKeyFile(),
                  AdmissionHandler.of(
                      resolver, cache, settings.admission(), new AdmissionMetrics(registry)),
                  WebhookServer.DEFAULT_RELOAD_INTERVAL));
      webhook.start();
      WebhookConnectionMetrics.register(registry, webhook);
    } else {
      LOG.info(
          "Admission webhook off: give --tls-cert-file and --tls-key-file (or"
              + " --manage-webhook-certs) to serve it");
    }

    josdk = JosdkConfiguration.operator(client, settings, registry, leaseIdentity, leadership);
    JosdkConfiguration.register(josdk, reconciler, settings);
    if (settings.teamRegistry() != TeamRegistryMode.OFF) {
      JosdkConfiguration.register(josdk, teamReconciler);
    }
    josdk.start();
    if (!settings.leaderElection()) leadership.startLeading();
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
    return !leadership.isLeading()
        || josdk == null
        || josdk.getRuntimeInfo().allEventSourcesAreHealthy();
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

  /** The catalog's bound port; -1 when it is off. */
  public int catalogPort() {
    return catalog == null ? -1 : catalog.port();
  }

  public OwnershipController controller() {
    return controller;
  }

  public WorkloadMetadataWriter writer() {
    return writer;
  }

  public ClusterCache cache() {
    return cache;
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

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    boolean wasLeading = leadership != null && leadership.isLeading();
    if (leadership != null) leadership.shuttingDown();
    if (josdk != null) {
      try {
        josdk.stop();
      } catch (RuntimeException e) {
        LOG.debug("Error stopping the operator framework", e);
      }
    }
    if (settings.leaderElection() && wasLeading) {
      LeaseRelease.release(
          client, settings.operatorNamespace(), settings.leaseName(), leaseIdentity);
    }
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
