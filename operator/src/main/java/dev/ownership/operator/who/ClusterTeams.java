package dev.ownership.operator.who;

import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.TeamRegistryMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The Team registry as {@code who} finds it in the cluster, read once per run. Not being allowed to
 * list Teams is no reason to leave someone without an answer at 3 a.m.: {@code who} then answers as
 * if no Team were registered, and says so in a note.
 *
 * @param notes what could not be read, one line each
 */
public record ClusterTeams(TeamDirectory directory, List<String> notes) {
  public ClusterTeams {
    notes = List.copyOf(notes);
  }

  /**
   * @param mode {@code --team-registry}: {@code off} reads no Team at all
   * @param reviewPeriod {@code --team-review-period}
   */
  public static ClusterTeams read(
      ClusterReader reader, TeamRegistryMode mode, Duration reviewPeriod, Clock clock) {
    if (mode == TeamRegistryMode.OFF) return new ClusterTeams(TeamDirectory.NONE, List.of());
    try {
      TeamRegistry registry = TeamRegistry.of(reader.teams(), mode);
      return new ClusterTeams(new RegisteredTeams(() -> registry, reviewPeriod, clock), List.of());
    } catch (ReadFailure e) {
      return new ClusterTeams(
          TeamDirectory.NONE,
          List.of(
              e.getMessage()
                  + "; answering without the Team registry (no Team contacts, aliases not"
                  + " resolved)"));
    }
  }
}
