package dev.ownership.operator.controller;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.ServiceOwnershipStatus;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.WorkloadRef;
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

/**
 * Keeps each ServiceOwnership's status and finalizer. Workload ownership itself is the {@link
 * OwnershipController}'s job; this reconciler reports it and, on deletion, holds the finalizer
 * until the workloads the resource owned have been re-resolved and rewritten.
 */
@ControllerConfiguration(name = ServiceOwnershipReconciler.NAME)
public final class ServiceOwnershipReconciler
    implements Reconciler<ServiceOwnership>, Cleaner<ServiceOwnership> {
  public static final String NAME = "serviceownership";
  static final Duration NOT_YET = Duration.ofMillis(500);

  private final OwnershipController controller;
  private final ClusterCache cache;
  private final Clock clock;
  private final SimpleInboundEventSource<ServiceOwnership> refreshes =
      new SimpleInboundEventSource<>("ownership-refresh");

  public ServiceOwnershipReconciler(
      OwnershipController controller, ClusterCache cache, Clock clock) {
    this.controller = controller;
    this.cache = cache;
    this.clock = clock;
  }

  /** Asks for the status of one ServiceOwnership to be recomputed. */
  public void refresh(String namespace, String name) {
    refreshes.propagateEvent(new ResourceID(name, namespace));
  }

  @Override
  public List<EventSource<?, ServiceOwnership>> prepareEventSources(
      EventSourceContext<ServiceOwnership> context) {
    return List.of(refreshes);
  }

  @Override
  public UpdateControl<ServiceOwnership> reconcile(
      ServiceOwnership so, Context<ServiceOwnership> context) {
    // Until every workload has been resolved once, counts would be too low.
    if (!controller.isSynced())
      return UpdateControl.<ServiceOwnership>noUpdate().rescheduleAfter(NOT_YET);
    ServiceOwnershipStatus status = desiredStatus(so);
    if (status.equals(so.getStatus())) return UpdateControl.noUpdate();
    ServiceOwnership patch = new ServiceOwnership();
    patch.setMetadata(
        new ObjectMetaBuilder()
            .withName(so.getMetadata().getName())
            .withNamespace(so.getMetadata().getNamespace())
            .build());
    patch.setStatus(status);
    return UpdateControl.patchStatus(patch);
  }

  ServiceOwnershipStatus desiredStatus(ServiceOwnership so) {
    String ns = so.getMetadata().getNamespace();
    String name = so.getMetadata().getName();
    Map<WorkloadRef, Resolution> selected = new HashMap<>();
    for (WorkloadRef ref : controller.ledger().selectedBy(ns, name)) {
      Resolution r = controller.ledger().get(ref);
      if (r != null) selected.put(ref, r);
    }
    return ServiceOwnershipStatusBuilder.build(
        so, cache.invalidSpecMessage(ns, name), selected, clock.instant());
  }

  @Override
  public DeleteControl cleanup(ServiceOwnership so, Context<ServiceOwnership> context) {
    if (!controller.isSynced()
        || controller.stillReferences(
            so.getMetadata().getNamespace(), so.getMetadata().getName())) {
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(NOT_YET);
    }
    return DeleteControl.defaultDelete();
  }
}
