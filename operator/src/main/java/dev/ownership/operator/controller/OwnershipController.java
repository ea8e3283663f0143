package dev.ownership.operator.controller;

import dev.ownership.operator.ownership.InvalidOwnerLabel;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.OwnerSource;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.OwnershipKeys;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadMarks;
import dev.ownership.operator.ownership.WorkloadRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every workload's ownership marks in step with the cluster: observe (cache events queue the
 * affected workloads) → resolve (the pure {@link OwnerResolver}) → record (ledger, listeners,
 * ServiceOwnership status) → write (only what changed, through the one writer). One thread
 * resolves, so the ledger and the listeners see changes in order; writes run concurrently. Only the
 * leader runs it.
 */
public final class OwnershipController implements ClusterCache.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OwnershipController.class);

  private final ClusterCache cache;
  private final OwnerResolver resolver;
  private final OwnershipLedger ledger;
  private final WorkloadMetadataWriter writer;
  private final WorkloadEventRecorder events;
  private final List<ResolutionListener> listeners;
  private final BiConsumer<String, String> statusRefresh;
  private final Duration resyncPeriod;

  private final CoalescingQueue<WorkloadRef> queue = new CoalescingQueue<>();
  private final Set<String> reportedInvalidLabels = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService resync =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("ownership-resync"));
  private final Thread loop = DaemonThreads.named("ownership-resolver").newThread(this::run);
  private volatile WorkloadRef inProgress;
  private volatile boolean started;
  private volatile boolean synced;
  private volatile boolean closed;

  /**
   * @param statusRefresh asked to refresh the status of the ServiceOwnership (namespace, name)
   */
  public OwnershipController(
      ClusterCache cache,
      OwnerResolver resolver,
      OwnershipLedger ledger,
      WorkloadMetadataWriter writer,
      WorkloadEventRecorder events,
      List<ResolutionListener> listeners,
      BiConsumer<String, String> statusRefresh,
      Duration resyncPeriod) {
    this.cache = cache;
    this.resolver = resolver;
    this.ledger = ledger;
    this.writer = writer;
    this.events = events;
    this.listeners = List.copyOf(listeners);
    this.statusRefresh = statusRefresh;
    this.resyncPeriod = resyncPeriod;
  }

  /** Resolves every cached workload, then follows changes. The caches must have synced. */
  public synchronized void start() {
    if (started) return;
    started = true;
    enqueueAll();
    LOG.info("Resolving ownership of {} workloads", queue.size());
    if (queue.isEmpty()) synced = true;
    loop.start();
    long period = resyncPeriod.toMillis();
    resync.scheduleAtFixedRate(this::enqueueAll, period, period, TimeUnit.MILLISECONDS);
  }

  /** Every workload present at start has been resolved once. */
  public boolean isSynced() {
    return synced;
  }

  public boolean isStarted() {
    return started;
  }

  /** Nothing queued for resolution and nothing waiting to be written. */
  public boolean isIdle() {
    return queue.isEmpty() && inProgress == null && writer.isIdle();
  }

  public OwnershipLedger ledger() {
    return ledger;
  }

  /**
   * Whether a deleted ServiceOwnership still has a say on any workload: selected in the ledger, or
   * its name still written on a cached workload (the fallback write has not landed yet).
   */
  public boolean stillReferences(String namespace, String name) {
    if (!ledger.selectedBy(namespace, name).isEmpty()) return true;
    String source = OwnerSource.serviceOwnership(name).annotationValue();
    return cache
        .workloadsIn(namespace)
        .anyMatch(
            ref -> {
              if (queue.contains(ref) || writer.hasPending(ref)) return true;
              GenericKubernetesResource cached = cache.workload(ref);
              return cached != null
                  && cached.getMetadata().getAnnotations() != null
                  && source.equals(
                      cached.getMetadata().getAnnotations().get(OwnershipKeys.SOURCE_ANNOTATION));
            });
  }

  @Override
  public void workloadChanged(WorkloadRef ref) {
    if (started) enqueue(ref);
  }

  @Override
  public void namespaceChanged(String namespace) {
    if (started) cache.workloadsIn(namespace).forEach(this::enqueue);
  }

  @Override
  public void claimChanged(String namespace, String name, OwnershipClaim claim) {
    if (!started) return;
    // Only workloads the claim selects now, or selected before, can resolve differently.
    Set<WorkloadRef> affected = new LinkedHashSet<>(ledger.selectedBy(namespace, name));
    if (claim != null) {
      cache
          .workloadsIn(namespace)
          .forEach(
              ref -> {
                GenericKubernetesResource cached = cache.workload(ref);
                if (cached != null
                    && claim.selects(WorkloadProjection.toWorkload(ref.kind(), cached).labels()))
                  affected.add(ref);
              });
    }
    affected.forEach(this::enqueue);
    statusRefresh.accept(namespace, name);
  }

  @Override
  public void workloadObserved(WorkloadRef ref, String resourceVersion) {
    writer.observed(ref, resourceVersion);
  }

  private void enqueue(WorkloadRef ref) {
    queue.add(ref);
  }

  private void enqueueAll() {
    cache.allWorkloads().forEach(this::enqueue);
  }

  private void run() {
    while (!closed) {
      WorkloadRef ref;
      try {
        ref = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      inProgress = ref;
      try {
        reconcile(ref);
      } catch (RuntimeException e) {
        LOG.error(
            "Could not resolve ownership of {}; it will be retried at the next change or resync",
            ref,
            e);
      } finally {
        inProgress = null;
      }
      if (!synced && queue.isEmpty()) {
        synced = true;
        LOG.info("Ownership of all {} workloads resolved", ledger.size());
      }
    }
  }

  /** Observe → resolve → record → write, for one workload. */
  void reconcile(WorkloadRef ref) {
    GenericKubernetesResource cached = cache.workload(ref);
    Workload workload = cached == null ? null : WorkloadProjection.toWorkload(ref.kind(), cached);
    if (workload == null
        || workload.isControlledByAnotherWorkload()
        || !cache.watches(ref.namespace())) {
      forget(ref);
      return;
    }
    Resolution resolution =
        resolver.resolve(workload, cache.labels(ref.namespace()), cache.claims(ref.namespace()));
    Resolution previous = ledger.record(ref, resolution);
    if (!resolution.equals(previous)) {
      listeners.forEach(l -> l.resolved(ref, previous, resolution));
      refreshStatuses(ref, previous, resolution);
    }
    reportInvalidLabels(ref, cached, resolution);

    WorkloadMarks desired = WorkloadMarks.of(resolution);
    WorkloadMarks expected = writer.expectedMarks(ref, cached);
    if (desired.equals(expected)) return;
    // Events mark transitions of the written status label, so a restart or resync never repeats
    // them.
    if (!Objects.equals(desired.status(), expected.status())) {
      if (resolution.status() == OwnershipStatus.UNOWNED) {
        events.warn(ref, cached, WorkloadEventRecorder.REASON_UNOWNED, unownedMessage(ref));
      } else if (resolution.status() == OwnershipStatus.CONFLICT) {
        events.warn(
            ref,
            cached,
            WorkloadEventRecorder.REASON_CONFLICT,
            "Owned by team "
                + resolution.team()
                + " but sources disagree: "
                + resolution.conflictSummary());
      }
    }
    writer.submit(ref, desired);
  }

  private void forget(WorkloadRef ref) {
    Resolution previous = ledger.forget(ref);
    writer.forget(ref);
    reportedInvalidLabels.removeIf(k -> k.startsWith(ref + "|"));
    if (previous != null) {
      listeners.forEach(l -> l.removed(ref, previous));
      refreshStatuses(ref, previous, null);
    }
  }

  private void refreshStatuses(WorkloadRef ref, Resolution before, Resolution after) {
    Set<String> claims = new LinkedHashSet<>();
    if (before != null) claims.addAll(before.selectingClaims());
    if (after != null) claims.addAll(after.selectingClaims());
    claims.forEach(name -> statusRefresh.accept(ref.namespace(), name));
  }

  private void reportInvalidLabels(
      WorkloadRef ref, GenericKubernetesResource cached, Resolution resolution) {
    if (resolution.invalidLabels().isEmpty()) {
      reportedInvalidLabels.removeIf(k -> k.startsWith(ref + "|"));
      return;
    }
    for (InvalidOwnerLabel invalid : resolution.invalidLabels()) {
      if (reportedInvalidLabels.add(ref + "|" + invalid.key() + "=" + invalid.value())) {
        events.warn(ref, cached, WorkloadEventRecorder.REASON_INVALID_LABEL, invalid.message());
      }
    }
  }

  private String unownedMessage(WorkloadRef ref) {
    return ref.kind().kind()
        + " "
        + ref.namespace()
        + "/"
        + ref.name()
        + " has no owner. Add label "
        + resolver.ownerLabelKeys().first()
        + "=<team>, make a ServiceOwnership in namespace "
        + ref.namespace()
        + " select it, or label the namespace "
        + OwnershipKeys.NAMESPACE_TEAM_LABEL
        + "=<team>.";
  }

  @Override
  public void close() {
    closed = true;
    resync.shutdownNow();
    loop.interrupt();
  }
}
