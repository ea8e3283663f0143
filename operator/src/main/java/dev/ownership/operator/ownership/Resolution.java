package dev.ownership.operator.ownership;

import java.util.List;

/**
 * The outcome of owner resolution for one workload.
 *
 * @param team null when unowned
 * @param service set only when the team came from a ServiceOwnership
 * @param source null when unowned
 * @param selectingClaims names of every ServiceOwnership whose selector matches, in precedence
 *     order
 * @param unknownTeams team values the registry (when in use) does not know
 * @param teamValues every team value resolution consulted (labels, selecting ServiceOwnerships, the
 *     namespace), as written: a Team created, changed or deleted can only affect workloads that
 *     consulted one of its names
 * @param unregistered the registry is in use and the team value that decides the owner when unknown
 *     values are accepted (the first valid owner label, else the oldest selecting ServiceOwnership,
 *     else the namespace label) names no Team nor alias: under warn the workload is owned by that
 *     value, under enforce it fell through past it; either way its team is not registered
 */
public record Resolution(
    OwnershipStatus status,
    String team,
    String service,
    OwnerSource source,
    List<OwnershipConflict> conflicts,
    List<InvalidOwnerLabel> invalidLabels,
    List<String> selectingClaims,
    List<UnknownTeam> unknownTeams,
    List<String> teamValues,
    boolean unregistered) {

  /** A resolution made without the registry (or before it is in use). */
  public Resolution(
      OwnershipStatus status,
      String team,
      String service,
      OwnerSource source,
      List<OwnershipConflict> conflicts,
      List<InvalidOwnerLabel> invalidLabels,
      List<String> selectingClaims) {
    this(
        status,
        team,
        service,
        source,
        conflicts,
        invalidLabels,
        selectingClaims,
        List.of(),
        List.of(),
        false);
  }

  /** A summary stays readable (and an Event or condition message small) however many conflict. */
  public static final int MAX_SUMMARIZED_CONFLICTS = 5;

  public Resolution {
    conflicts = List.copyOf(conflicts);
    invalidLabels = List.copyOf(invalidLabels);
    selectingClaims = List.copyOf(selectingClaims);
    unknownTeams = List.copyOf(unknownTeams);
    teamValues = List.copyOf(teamValues);
  }

  public boolean isOwned() {
    return status.hasOwner();
  }

  /** One line for humans, e.g. in Events and the audit table. */
  public String conflictSummary() {
    return conflictSummary(MAX_SUMMARIZED_CONFLICTS);
  }

  /** The first {@code max} conflict messages joined by "; ", then how many more there are. */
  public String conflictSummary(int max) {
    StringBuilder text = new StringBuilder();
    int shown = Math.min(max, conflicts.size());
    for (int i = 0; i < shown; i++) {
      if (i > 0) text.append("; ");
      text.append(conflicts.get(i).message());
    }
    if (conflicts.size() > shown)
      text.append("; and ").append(conflicts.size() - shown).append(" more");
    return text.toString();
  }
}
