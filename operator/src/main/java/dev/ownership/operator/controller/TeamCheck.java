package dev.ownership.operator.controller;

import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.UnknownTeam;
import java.util.Optional;

/**
 * Whether a ServiceOwnership's {@code spec.team} names a registered Team: its {@code TeamKnown}
 * condition.
 */
public record TeamCheck(boolean known, String reason, String message) {
  public static final String CONDITION = "TeamKnown";
  public static final String REASON_UNKNOWN = "UnknownTeam";

  public static TeamCheck of(String team, String serviceOwnership, TeamRegistry teams) {
    if (!teams.inUse()) {
      return new TeamCheck(
          true,
          "RegistryNotInUse",
          "No Team is registered (or --team-registry is off): any team name is accepted.");
    }
    Optional<String> canonical = teams.canonical(team);
    if (canonical.isEmpty()) {
      return new TeamCheck(
          false,
          REASON_UNKNOWN,
          UnknownTeam.inServiceOwnership(serviceOwnership, team).message(teams)
              + (teams.isEnforced()
                  ? " The registry is enforced: this resource owns nothing."
                  : ""));
    }
    return new TeamCheck(
        true,
        "Registered",
        canonical.get().equals(team)
            ? "Team " + team + " is registered."
            : team + " is an alias of Team " + canonical.get() + ".");
  }
}
