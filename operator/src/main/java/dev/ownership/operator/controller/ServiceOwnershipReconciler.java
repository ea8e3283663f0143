package dev.ownership.operator.controller;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.ServiceOwnershipStatus;
import dev.ownership.operator.ownership.OwnerSource;
import dev.ownership.operator.ownership.OwnershipKeys;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.WorkloadRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps each ServiceOwnership's status and finalizer. Workload ownership itself is the {@link
 * OwnershipController}'s job; this reconciler reads what it recorded ({@link OwnershipLedger}),
 * learns when to look again through {@link StatusRequests}, and never talks to the controller. On
 * deletion it holds the finalizer until no workload still names the resource as its owner.
 */
@ControllerConfiguration(name = ServiceOwnershipReconciler.NAME)
public final class ServiceOwnershipReconciler
    implements Reconciler<ServiceOwnership>, Cleaner<ServiceOwnership> {
  public static final String NAME = "serviceownership";
  static final Duration NOT_YET = Duration.ofMillis(500);

  private final OwnershipLedger ledger;
  private final StatusRequests statusRequests;
  private final ClusterCache cache;
  private final Clock clock;
  private final WorkloadEventRecorder events;
  private final SimpleInboundEventSource<ServiceOwnership> refreshes =
      new SimpleInboundEventSource<>("ownership-refresh");

  public ServiceOwnershipReconciler(
      OwnershipLedger ledger, StatusRequests statusRequests, ClusterCache cache, Clock clock) {
    this(ledger, statusRequests, cache, clock, null);
  }

  /**
   * @param events where UnknownTeam Events go (null: none)
   */
  public ServiceOwnershipReconciler(
      OwnershipLedger ledger,
      StatusRequests statusRequests,
      ClusterCache cache,
      Clock clock,
      WorkloadEventRecorder events) {
    this.events = events;
    this.ledger = ledger;
    this.statusRequests = statusRequests;
    this.cache = cache;
    this.clock = clock;
    statusRequests.deliverTo(
        (namespace, name) -> refreshes.propagateEvent(new ResourceID(name, namespace)));
  }

  @Override
  public List<EventSource<?, ServiceOwnership>> prepareEventSources(
      EventSourceContext<ServiceOwnership> context) {
    return List.of(refreshes);
  }

  @Override
  public UpdateControl<ServiceOwnership> reconcile(
      ServiceOwnership so, Context<ServiceOwnership> context) {
    String ns = so.getMetadata().getNamespace();
    String name = so.getMetadata().getName();
    // Until every workload has been resolved once, counts would be too low; until the cache has
    // this generation, the ledger does not reflect it yet (its request will come).
    if (!ledger.isComplete() || !cacheHasGeneration(so)) {
      return UpdateControl.<ServiceOwnership>noUpdate().rescheduleAfter(NOT_YET);
    }
    if (statusRequests.isPending(ns, name)) return UpdateControl.noUpdate();
    ServiceOwnershipStatus status = desiredStatus(so);
    if (status.equals(so.getStatus())) return UpdateControl.noUpdate();
    ServiceOwnership patch = new ServiceOwnership();
    patch.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    patch.setStatus(status);
    return UpdateControl.patchStatus(patch);
  }

  ServiceOwnershipStatus desiredStatus(ServiceOwnership so) {
    String ns = so.getMetadata().getNamespace();
    String name = so.getMetadata().getName();
    Map<WorkloadRef, Resolution> selected = new HashMap<>();
    for (WorkloadRef ref : ledger.selectedBy(ns, name)) {
      Resolution r = ledger.get(ref);
      if (r != null) selected.put(ref, r);
    }
    // The framework's cache keeps no spec; the operator's own cache has the whole resource.
    ServiceOwnership full = cache.serviceOwnership(ns, name);
    String team = full == null || full.getSpec() == null ? null : full.getSpec().getTeam();
    TeamRegistry teams = cache.teams();
    TeamCheck teamCheck =
        team == null ? TeamCheck.of("", name, TeamRegistry.NONE) : TeamCheck.of(team, name, teams);
    ClaimProblem problem = cache.problem(ns, name);
    if (problem == null && !teamCheck.known() && teams.isEnforced()) {
      problem = new ClaimProblem(TeamCheck.REASON_UNKNOWN, teamCheck.message());
    }
    reportUnknownTeam(so, full, team, teamCheck);
    return ServiceOwnershipStatusBuilder.build(
        so,
        (full != null ? full : so).serviceName(),
        problem,
        teamCheck,
        selected,
        clock.instant());
  }

  /**
   * One {@code UnknownTeam} Event on the ServiceOwnership per unknown value, when its condition
   * turns False; named after the report, so a restart or a re-reconcile makes no second one.
   */
  private void reportUnknownTeam(
      ServiceOwnership so, ServiceOwnership full, String team, TeamCheck check) {
    if (check.known() || events == null) return;
    boolean wasUnknown =
        so.getStatus() != null
            && so.getStatus().getConditions().stream()
                .anyMatch(
                    c -> TeamCheck.CONDITION.equals(c.getType()) && "False".equals(c.getStatus()));
    if (wasUnknown) return;
    String uid = full == null ? so.getMetadata().getUid() : full.getMetadata().getUid();
    events.warn(
        new WorkloadEventRecorder.Subject(
            ServiceOwnership.API_VERSION,
            "ServiceOwnership",
            so.getMetadata().getNamespace(),
            so.getMetadata().getName(),
            uid),
        WorkloadEventRecorder.REASON_UNKNOWN_TEAM,
        check.message(),
        "team=" + team);
  }

  @Override
  public DeleteControl cleanup(ServiceOwnership so, Context<ServiceOwnership> context) {
    String ns = so.getMetadata().getNamespace();
    String name = so.getMetadata().getName();
    if (!ledger.isComplete() || statusRequests.isPending(ns, name) || stillReferenced(ns, name)) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(NOT_YET);
    }
    return DeleteControl.defaultDelete();
  }

  /**
   * Whether a deleted ServiceOwnership still has a say on any workload: selected in the ledger (not
   * re-resolved yet), or still written as the owner on a cached workload (the fallback write has
   * not landed yet).
   */
  private boolean stillReferenced(String namespace, String name) {
    if (!ledger.selectedBy(namespace, name).isEmpty()) return true;
    String source = OwnerSource.serviceOwnership(name).annotationValue();
    return cache
        .workloadsIn(namespace)
        .anyMatch(
            ref -> {
              GenericKubernetesResource cached = cache.workload(ref);
              return cached != null
                  && cached.getMetadata().getAnnotations() != null
                  && source.equals(
                      cached.getMetadata().getAnnotations().get(OwnershipKeys.SOURCE_ANNOTATION));
            });
  }

  private boolean cacheHasGeneration(ServiceOwnership so) {
    ServiceOwnership cached =
        cache.serviceOwnership(so.getMetadata().getNamespace(), so.getMetadata().getName());
    if (cached == null) return so.getMetadata().getDeletionTimestamp() != null;
    Long seen = cached.getMetadata().getGeneration();
    Long wanted = so.getMetadata().getGeneration();
    return wanted == null || (seen != null && seen >= wanted) || Objects.equals(seen, wanted);
  }
}
