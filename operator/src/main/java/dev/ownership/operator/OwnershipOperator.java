package dev.ownership.operator;

import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.controller.ClusterCache;
import dev.ownership.operator.controller.OwnershipController;
import dev.ownership.operator.controller.OwnershipLedger;
import dev.ownership.operator.controller.ResolutionListener;
import dev.ownership.operator.controller.ServiceOwnershipReconciler;
import dev.ownership.operator.controller.WorkloadEventRecorder;
import dev.ownership.operator.controller.WorkloadMetadataWriter;
import dev.ownership.operator.metrics.MeterRegistries;
import dev.ownership.operator.metrics.MetricsServer;
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
  private volatile boolean closed;

  private OwnershipOperator(OperatorSettings settings, KubernetesClient client, boolean ownsClient) {
    this.settings = settings;
    this.client = client;
    this.ownsClient = ownsClient;
  }

  /** Connects with the usual kubeconfig lookup (in-cluster, KUBECONFIG, ~/.kube/config) and starts. */
  public static OwnershipOperator start(OperatorSettings settings) throws Exception {
    return start(settings, new KubernetesClientBuilder().build(), true);
  }

  public static OwnershipOperator start(OperatorSettings settings, KubernetesClient client, boolean ownsClient) throws Exception {
    OwnershipOperator operator = new OwnershipOperator(settings, client, ownsClient);
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
    writer = register(new WorkloadMetadataWriter(client, ref -> cache.workload(ref), settings.writeConcurrency(), settings.writesPerSecond()));
    WorkloadEventRecorder events = register(new WorkloadEventRecorder(client));
    List<ResolutionListener> listeners = List.of(new OwnershipGauges(registry));
    AtomicReference<ServiceOwnershipReconciler> reconcilerRef = new AtomicReference<>();
    controller = register(new OwnershipController(cache, resolver, new OwnershipLedger(), writer, events, listeners,
        (ns, name) -> {
          ServiceOwnershipReconciler r = reconcilerRef.get();
          if (r != null) r.refresh(ns, name);
        }, settings.resyncPeriod()));
    cache.setListener(controller);
    ServiceOwnershipReconciler reconciler = new ServiceOwnershipReconciler(controller, cache, Clock.systemUTC());
    reconcilerRef.set(reconciler);

    metricsServer = register(new MetricsServer(settings.metricsPort(), registry, this::isHealthy, this::isReady).start());
    LOG.info("Metrics and probes on port {}", metricsServer.port());

    cache.start(CACHE_SYNC_TIMEOUT);

    josdk = new Operator(o -> {
      o.withKubernetesClient(client)
          .withUseSSAToPatchPrimaryResource(false)
          .withCloseClientOnStop(false);
      if (settings.leaderElection()) {
        o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(settings.leaseName(), settings.operatorNamespace(),
            Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), identity(),
            new LeaderCallbacks(this::startLeading, this::stopLeading, leader -> LOG.info("Leader is now {}", leader)), true));
      }
    });
    josdk.register(reconciler, o -> {
      if (!settings.watchesAllNamespaces()) o.settingNamespaces(settings.watchedNamespaces());
    });
    josdk.start();
    if (!settings.leaderElection()) startLeading();
  }

  private void startLeading() {
    LOG.info("Starting the ownership controller");
    controller.start();
  }

  private void stopLeading() {
    // JOSDK exits the process after this (exitOnStopLeading): a deposed leader must not write.
    LOG.warn("Lost leadership; stopping");
    controller.close();
  }

  private static String identity() {
    String host = System.getenv("HOSTNAME");
    return host != null && !host.isBlank() ? host : "ownership-operator-" + UUID.randomUUID();
  }

  private <T extends AutoCloseable> T register(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  public boolean isHealthy() {
    return cache != null && cache.isHealthy();
  }

  /** Ready once the caches are synced: the webhook can then decide with full knowledge. */
  public boolean isReady() {
    return cache != null && cache.hasSynced();
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

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    if (josdk != null) {
      try {
        josdk.stop();
      } catch (RuntimeException e) {
        LOG.debug("Error stopping the operator framework", e);
      }
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
