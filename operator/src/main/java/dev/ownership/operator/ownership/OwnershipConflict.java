package dev.ownership.operator.ownership;

/**
 * Two sources naming different teams for one workload.
 *
 * @param overruledClaim the ServiceOwnership whose team lost
 * @param overruledTeam the team it named
 */
public record OwnershipConflict(
    Reason reason, String overruledClaim, String overruledTeam, String message) {
  public enum Reason {
    /** A team label on the workload overrules a ServiceOwnership that selects it. */
    TeamLabelOverridesServiceOwnership,
    /** An older ServiceOwnership overrules a newer one that selects the same workload. */
    OlderServiceOwnershipWins
  }
}
