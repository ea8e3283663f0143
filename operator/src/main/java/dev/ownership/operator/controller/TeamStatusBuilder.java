package dev.ownership.operator.controller;

import dev.ownership.operator.api.Team;
import dev.ownership.operator.api.TeamStatus;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.text.SafeText;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Computes a Team's status from the registry, the resolutions and the clock. Pure. */
public final class TeamStatusBuilder {
  public static final String READY = "Ready";
  public static final String REVIEW_DUE = "ReviewDue";
  public static final String REASON_ALIAS_CONFLICT = "AliasConflict";
  public static final String REASON_INVALID_SPEC = "InvalidSpec";

  private TeamStatusBuilder() {}

  /**
   * Whether the team's review is due: {@code reviewedAt} missing, unreadable, or older than the
   * review period.
   *
   * @param nextChange when {@code due} next changes by the clock alone; null when it never does
   * @param problem a {@code reviewedAt} that cannot be right (in the future, not a date), or null
   */
  public record Review(
      boolean due, String reason, String message, Instant nextChange, String problem) {}

  public static Review review(Team team, Duration period, Instant now) {
    String reviewedAt = team.getSpec() == null ? null : team.getSpec().getReviewedAt();
    if (reviewedAt == null || reviewedAt.isBlank()) {
      return new Review(
          true,
          "NeverReviewed",
          "spec.reviewedAt is not set: confirm the team's data and set it.",
          null,
          null);
    }
    LocalDate day;
    try {
      day = LocalDate.parse(reviewedAt);
    } catch (DateTimeParseException e) {
      return new Review(
          true,
          "NeverReviewed",
          "spec.reviewedAt is not a date (YYYY-MM-DD).",
          null,
          "spec.reviewedAt '" + SafeText.of(reviewedAt, 40) + "' is not a date (YYYY-MM-DD)");
    }
    Instant reviewed = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    if (reviewed.isAfter(now)) {
      return new Review(
          false,
          "Reviewed",
          "Reviewed on " + day + ".",
          reviewed.plus(period),
          "spec.reviewedAt " + day + " is in the future");
    }
    Instant due = reviewed.plus(period);
    if (!now.isBefore(due)) {
      return new Review(
          true,
          "Overdue",
          "Last reviewed on "
              + day
              + "; a review was due on "
              + LocalDate.ofInstant(due, ZoneOffset.UTC)
              + ".",
          null,
          null);
    }
    return new Review(
        false,
        "Reviewed",
        "Reviewed on " + day + "; due again on " + LocalDate.ofInstant(due, ZoneOffset.UTC) + ".",
        due,
        null);
  }

  public static TeamStatus build(
      Team team,
      TeamRegistry teams,
      int services,
      List<WorkloadRef> workloads,
      Review review,
      Instant now) {
    String name = team.getMetadata().getName();
    Long generation = team.getMetadata().getGeneration();
    List<Condition> previous =
        team.getStatus() == null ? List.of() : team.getStatus().getConditions();
    TeamStatus status = new TeamStatus();
    status.setObservedGeneration(generation);
    status.setServices(services);
    status.setWorkloads(workloads.size());
    status.setNamespaces(TeamReconciler.namespaces(workloads));

    List<String> problems = new ArrayList<>();
    String aliasProblem = teams.aliasProblem(name);
    String parentProblem = teams.parentProblem(name);
    if (parentProblem != null) problems.add(parentProblem);
    if (review.problem() != null) problems.add(review.problem());
    Condition ready;
    if (aliasProblem != null) {
      ready =
          Conditions.next(
              previous, READY, "False", REASON_ALIAS_CONFLICT, aliasProblem, generation, now);
    } else if (!problems.isEmpty()) {
      ready =
          Conditions.next(
              previous,
              READY,
              "False",
              REASON_INVALID_SPEC,
              String.join("; ", problems),
              generation,
              now);
    } else {
      ready =
          Conditions.next(
              previous,
              READY,
              "True",
              "Registered",
              "Owns "
                  + workloads.size()
                  + (workloads.size() == 1 ? " workload" : " workloads")
                  + " through "
                  + services
                  + (services == 1 ? " ServiceOwnership" : " ServiceOwnerships")
                  + " and labels.",
              generation,
              now);
    }
    Condition due =
        Conditions.next(
            previous,
            REVIEW_DUE,
            review.due() ? "True" : "False",
            review.reason(),
            review.message(),
            generation,
            now);
    status.setConditions(List.of(ready, due));
    return status;
  }
}
