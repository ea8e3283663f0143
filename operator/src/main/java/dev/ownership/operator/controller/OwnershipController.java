package dev.ownership.operator.controller;

import dev.ownership.operator.concurrency.CoalescingQueue;
import dev.ownership.operator.concurrency.DaemonThreads;
import dev.ownership.operator.ownership.InvalidOwnerLabel;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.UnknownTeam;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadMarks;
import dev.ownership.operator.ownership.WorkloadRef;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every workload's ownership marks in step with the cluster: observe (cache events queue the
 * affected workloads) → resolve (the pure {@link OwnerResolver}) → record (the {@link
 * OwnershipLedger}, which tells the gauges; {@link StatusRequests} for the ServiceOwnerships it
 * touches) → write (the wanted marks to the one {@link WorkloadMetadataWriter}, which alone decides
 * whether anything has to be sent). One thread resolves, so the ledger sees changes in order;
 * writes run concurrently. Only the leader runs it.
 */
public final class OwnershipController implements ClusterCache.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OwnershipController.class);

  private final ClusterCache cache;
  private final OwnerResolver resolver;
  private final OwnershipLedger ledger;
  private final StatusRequests statusRequests;
  private final StatusRequests teamStatusRequests;
  private final WorkloadMetadataWriter writer;
  private final WorkloadEventRecorder events;
  private final Duration resyncPeriod;

  private final CoalescingQueue<WorkloadRef> queue = new CoalescingQueue<>();
  private final ScheduledExecutorService resync =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("ownership-resync"));
  private final Thread loop = DaemonThreads.named("ownership-resolver").newThread(this::run);
  // How many resolutions ran: what tests count to show a change re-resolves only what it affects.
  private final LongAdder resolutions = new LongAdder();
  private volatile WorkloadRef inProgress;
  private volatile boolean started;
  private volatile boolean closed;

  public OwnershipController(
      ClusterCache cache,
      OwnerResolver resolver,
      OwnershipLedger ledger,
      StatusRequests statusRequests,
      StatusRequests teamStatusRequests,
      WorkloadMetadataWriter writer,
      WorkloadEventRecorder events,
      Duration resyncPeriod) {
    this.cache = cache;
    this.resolver = resolver;
    this.ledger = ledger;
    this.statusRequests = statusRequests;
    this.teamStatusRequests = teamStatusRequests;
    this.writer = writer;
    this.events = events;
    this.resyncPeriod = resyncPeriod;
  }

  /** Resolves every cached workload, then follows changes. The caches must have synced. */
  public synchronized void start() {
    if (started) return;
    started = true;
    enqueueAll();
    LOG.info("Resolving ownership of {} workloads", queue.size());
    if (queue.isEmpty()) ledger.markComplete();
    loop.start();
    long period = resyncPeriod.toMillis();
    resync.scheduleAtFixedRate(this::enqueueAll, period, period, TimeUnit.MILLISECONDS);
  }

  /** Every workload present at start has been resolved once. */
  public boolean isSynced() {
    return ledger.isComplete();
  }

  public boolean isStarted() {
    return started;
  }

  /** Nothing queued for resolution and nothing waiting to be written. */
  public boolean isIdle() {
    return queue.isEmpty() && inProgress == null && writer.isIdle();
  }

  @Override
  public void workloadChanged(WorkloadRef ref) {
    if (started) queue.add(ref);
  }

  @Override
  public void namespaceChanged(String namespace) {
    if (started) cache.workloadsIn(namespace).forEach(queue::add);
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
                CachedWorkload cached = cache.cachedWorkload(ref);
                if (cached != null && claim.selects(cached.toWorkload(ref.kind()).labels())) {
                  affected.add(ref);
                }
              });
    }
    affected.forEach(queue::add);
    statusRequests.request(namespace, name);
    deliverIfIdle();
  }

  /**
   * Requests made here, off the loop, are delivered by the loop when it catches up; but the loop
   * may have caught up already (it took the work just enqueued before the request was made), or
   * have nothing to do. Then nothing would ever deliver them: deliver now. Delivering early is
   * safe, since every resolution that changes something requests the statuses again.
   */
  private void deliverIfIdle() {
    if (queue.isEmpty() && inProgress == null) {
      statusRequests.caughtUp();
      teamStatusRequests.caughtUp();
    }
  }

  /**
   * A Team changed: re-resolve exactly the workloads that consulted one of its names, and refresh
   * the ServiceOwnerships and Teams it can affect — unless the registry just came into use (or out
   * of it), which can change every resolution.
   */
  @Override
  public void teamsChanged(java.util.Set<String> values, boolean inUseChanged) {
    if (!started) return;
    if (inUseChanged) {
      enqueueAll();
      cache
          .serviceOwnerships()
          .forEach(
              so ->
                  statusRequests.request(
                      so.getMetadata().getNamespace(), so.getMetadata().getName()));
    } else {
      for (String value : values) ledger.consulting(value).forEach(queue::add);
      cache
          .serviceOwnerships()
          .filter(so -> so.getSpec() != null && values.contains(so.getSpec().getTeam()))
          .forEach(
              so ->
                  statusRequests.request(
                      so.getMetadata().getNamespace(), so.getMetadata().getName()));
    }
    values.forEach(name -> teamStatusRequests.request("", name));
    deliverIfIdle();
  }

  @Override
  public void workloadObserved(WorkloadRef ref, String resourceVersion) {
    writer.observed(ref, resourceVersion);
  }

  private void enqueueAll() {
    cache.allWorkloads().forEach(queue::add);
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
        LOG.warn(
            "Could not resolve ownership of {}; it will be retried at the next change or resync:"
                + " {}",
            ref,
            e.toString());
        LOG.debug("Resolution of {} failed", ref, e);
      } finally {
        inProgress = null;
      }
      if (queue.isEmpty()) {
        statusRequests.caughtUp();
        teamStatusRequests.caughtUp();
        if (!ledger.isComplete()) {
          ledger.markComplete();
          LOG.info("Ownership of all {} workloads resolved", ledger.size());
        }
      } else {
        statusRequests.busy();
        teamStatusRequests.busy();
      }
    }
  }

  /** Resolutions run since start (each workload taken off the queue counts once). */
  public long resolutions() {
    return resolutions.sum();
  }

  /** Observe → resolve → record → write, for one workload. */
  void reconcile(WorkloadRef ref) {
    resolutions.increment();
    CachedWorkload cached = cache.cachedWorkload(ref);
    Workload workload = cached == null ? null : cached.toWorkload(ref.kind());
    if (workload == null || workload.isPartOfAnotherWorkload() || !cache.watches(ref.namespace())) {
      forget(ref);
      return;
    }
    TeamRegistry teams = cache.teams();
    Resolution resolution =
        resolver.resolve(
            workload, cache.labels(ref.namespace()), cache.claims(ref.namespace()), teams);
    Resolution previous = ledger.record(ref, resolution);
    if (!resolution.equals(previous)) {
      requestStatuses(ref, previous, resolution);
      reportNewInvalidLabels(ref, cached, previous, resolution);
      reportNewUnknownTeams(ref, cached, previous, resolution, teams);
    }
    writer.submit(ref, WorkloadMarks.of(resolution));
  }

  private void forget(WorkloadRef ref) {
    Resolution previous = ledger.forget(ref);
    writer.forget(ref);
    if (previous != null) requestStatuses(ref, previous, null);
  }

  private void requestStatuses(WorkloadRef ref, Resolution before, Resolution after) {
    Set<String> claims = new LinkedHashSet<>();
    if (before != null) claims.addAll(before.selectingClaims());
    if (after != null) claims.addAll(after.selectingClaims());
    claims.forEach(name -> statusRequests.request(ref.namespace(), name));
    // A Team's counts change when a workload moves to or from it.
    if (before != null && before.team() != null && !before.teamValues().isEmpty()) {
      teamStatusRequests.request("", before.team());
    }
    if (after != null && after.team() != null && !after.teamValues().isEmpty()) {
      teamStatusRequests.request("", after.team());
    }
  }

  /**
   * One {@code UnknownTeam} Event per unknown team value, when it first appears, naming the closest
   * registered names; named after the report, so a restart makes no second one.
   */
  private void reportNewUnknownTeams(
      WorkloadRef ref,
      CachedWorkload cached,
      Resolution before,
      Resolution after,
      TeamRegistry teams) {
    List<UnknownTeam> known = before == null ? List.of() : before.unknownTeams();
    for (UnknownTeam unknown : after.unknownTeams()) {
      if (known.contains(unknown) || unknown.fromServiceOwnership()) continue;
      events.warn(
          ref,
          cached.uid(),
          WorkloadEventRecorder.REASON_UNKNOWN_TEAM,
          ref + ": " + unknown.message(teams),
          "team=" + unknown.value());
    }
  }

  /**
   * One {@code InvalidOwnerLabel} Event per bad label value, when it first appears. After a restart
   * every label is "new" again; the Event's name is derived from the report, so the API server
   * answers 409 instead of storing a duplicate.
   */
  private void reportNewInvalidLabels(
      WorkloadRef ref, CachedWorkload cached, Resolution before, Resolution after) {
    List<InvalidOwnerLabel> known = before == null ? List.of() : before.invalidLabels();
    for (InvalidOwnerLabel invalid : after.invalidLabels()) {
      if (known.contains(invalid)) continue;
      events.warn(
          ref,
          cached.uid(),
          WorkloadEventRecorder.REASON_INVALID_LABEL,
          invalid.message(),
          invalid.key() + "=" + invalid.value());
    }
  }

  @Override
  public void close() {
    closed = true;
    resync.shutdownNow();
    loop.interrupt();
  }
}
