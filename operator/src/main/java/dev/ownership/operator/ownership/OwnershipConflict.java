package dev.ownership.operator.ownership;

import dev.ownership.operator.text.SafeText;

/**
 * Two sources naming different teams for one workload. The message is built only when someone reads
 * it: a namespace with thousands of overlapping ServiceOwnerships makes thousands of conflicts per
 * resolution, and the webhook shows only a few of them.
 *
 * @param winner what decided the team: the label {@code key=team}, or the winning ServiceOwnership
 * @param overruledClaim the ServiceOwnership whose team lost
 * @param overruledTeam the team it named
 */
public record OwnershipConflict(
    Reason reason,
    String winner,
    String winnerTeam,
    String why,
    String overruledClaim,
    String overruledTeam) {
  public enum Reason {
    /** A team label on the workload overrules a ServiceOwnership that selects it. */
    TeamLabelOverridesServiceOwnership,
    /** An older ServiceOwnership overrules a newer one that selects the same workload. */
    OlderServiceOwnershipWins
  }

  static OwnershipConflict labelOverrides(String key, String team, OwnershipClaim claim) {
    return new OwnershipConflict(
        Reason.TeamLabelOverridesServiceOwnership, key, team, null, claim.name(), claim.team());
  }

  static OwnershipConflict olderWins(OwnershipClaim winner, OwnershipClaim claim, String why) {
    return new OwnershipConflict(
        Reason.OlderServiceOwnershipWins,
        winner.name(),
        winner.team(),
        why,
        claim.name(),
        claim.team());
  }

  /**
   * E.g. {@code label team=web overrides ServiceOwnership checkout (team payments)}, or {@code
   * ServiceOwnership a (team x) is older and overrides ServiceOwnership b (team y)}.
   */
  public String message() {
    String overruled =
        "ServiceOwnership " + SafeText.of(overruledClaim, 253) + " (team " + overruledTeam + ")";
    return switch (reason) {
      case TeamLabelOverridesServiceOwnership ->
          "label " + SafeText.of(winner, 253) + "=" + winnerTeam + " overrides " + overruled;
      case OlderServiceOwnershipWins ->
          "ServiceOwnership "
              + SafeText.of(winner, 253)
              + " (team "
              + winnerTeam
              + ") "
              + why
              + " and overrides "
              + overruled;
    };
  }
}
