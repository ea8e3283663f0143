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
 */
public record Resolution(
    OwnershipStatus status,
    String team,
    String service,
    OwnerSource source,
    List<OwnershipConflict> conflicts,
    List<InvalidOwnerLabel> invalidLabels,
    List<String> selectingClaims) {

  public Resolution {
    conflicts = List.copyOf(conflicts);
    invalidLabels = List.copyOf(invalidLabels);
    selectingClaims = List.copyOf(selectingClaims);
  }

  public boolean isOwned() {
    return status.hasOwner();
  }

  /** One line for humans, e.g. in Events and the audit table. */
  public String conflictSummary() {
    return conflicts.stream()
        .map(OwnershipConflict::message)
        .reduce((a, b) -> a + "; " + b)
        .orElse("");
  }
}
