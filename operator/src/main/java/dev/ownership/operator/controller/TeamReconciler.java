package dev.ownership.operator.controller;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.api.TeamStatus;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.WorkloadRef;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * Keeps each Team's status: how many ServiceOwnerships name it and workloads resolve to it, in
 * which namespaces, whether it is usable ({@code Ready}) and whether its review is due. Like the
 * ServiceOwnership reconciler it reads what the resolution loop recorded and learns when to look
 * again through its own {@link StatusRequests}; a Team due for review is looked at again when it
 * becomes due, so {@code ReviewDue} turns True on time without any change.
 */
@ControllerConfiguration(name = TeamReconciler.NAME)
public final class TeamReconciler implements Reconciler<Team> {
  public static final String NAME = "team";
  static final Duration NOT_YET = Duration.ofMillis(500);

  /** Told of each Team's review state, for {@code ownership_team_review_due}. */
  public interface ReviewListener {
    void reviewDue(String team, boolean due);
  }

  private final OwnershipLedger ledger;
  private final StatusRequests statusRequests;
  private final ClusterCache cache;
  private final Duration reviewPeriod;
  private final Clock clock;
  private final ReviewListener reviews;
  private final SimpleInboundEventSource<Team> refreshes =
      new SimpleInboundEventSource<>("team-refresh");

  public TeamReconciler(
      OwnershipLedger ledger,
      StatusRequests statusRequests,
      ClusterCache cache,
      Duration reviewPeriod,
      Clock clock,
      ReviewListener reviews) {
    this.ledger = ledger;
    this.statusRequests = statusRequests;
    this.cache = cache;
    this.reviewPeriod = reviewPeriod;
    this.clock = clock;
    this.reviews = reviews;
    statusRequests.deliverTo((namespace, name) -> refreshes.propagateEvent(new ResourceID(name)));
  }

  @Override
  public List<EventSource<?, Team>> prepareEventSources(EventSourceContext<Team> context) {
    return List.of(refreshes);
  }

  @Override
  public UpdateControl<Team> reconcile(Team team, Context<Team> context) {
    String name = team.getMetadata().getName();
    if (!ledger.isComplete()) return UpdateControl.<Team>noUpdate().rescheduleAfter(NOT_YET);
    Instant now = clock.instant();
    TeamRegistry teams = cache.teams();
    TeamStatusBuilder.Review review = TeamStatusBuilder.review(team, reviewPeriod, now);
    reviews.reviewDue(name, review.due());
    UpdateControl<Team> control;
    if (statusRequests.isPending("", name)) {
      control = UpdateControl.noUpdate();
    } else {
      TeamStatus status =
          TeamStatusBuilder.build(team, teams, services(name, teams), workloads(name), review, now);
      if (status.equals(team.getStatus())) {
        control = UpdateControl.noUpdate();
      } else {
        Team patch = new Team();
        patch.setMetadata(new ObjectMetaBuilder().withName(name).build());
        patch.setStatus(status);
        control = UpdateControl.patchStatus(patch);
      }
    }
    // Look again when the review falls due (at the latest daily), so ReviewDue turns on time.
    Duration untilChange =
        review.nextChange() == null
            ? Duration.ofDays(1)
            : Duration.between(now, review.nextChange());
    return control.rescheduleAfter(
        untilChange.isNegative() || untilChange.compareTo(Duration.ofDays(1)) > 0
            ? Duration.ofDays(1)
            : untilChange.plusSeconds(1));
  }

  private int services(String name, TeamRegistry teams) {
    return (int)
        cache
            .serviceOwnerships()
            .filter(so -> so.getMetadata().getDeletionTimestamp() == null)
            .map(ServiceOwnership::getSpec)
            .filter(spec -> spec != null && spec.getTeam() != null)
            .filter(spec -> teams.canonical(spec.getTeam()).filter(name::equals).isPresent())
            .count();
  }

  private List<WorkloadRef> workloads(String name) {
    return ledger.ownedBy(name);
  }

  /** Namespaces of the workloads, sorted, for the status list. */
  static List<String> namespaces(List<WorkloadRef> workloads) {
    TreeSet<String> sorted = new TreeSet<>();
    workloads.forEach(w -> sorted.add(w.namespace()));
    return sorted.stream().limit(TeamStatus.MAX_LISTED).toList();
  }
}
