package dev.ownership.operator.who;

import dev.ownership.operator.api.ServiceOwnership;
import java.util.List;

/**
 * What {@code who --team TEAM} found.
 *
 * @param card the registered Team, or null
 * @param services the ServiceOwnerships that name the team
 * @param cards the workloads resolved to the team
 * @param notes what could not be searched (namespaces the user may not list)
 */
public record TeamAnswer(
    String team,
    TeamCard card,
    List<ServiceOwnership> services,
    List<OwnerCard> cards,
    List<String> notes) {
  public TeamAnswer {
    services = List.copyOf(services);
    cards = List.copyOf(cards);
    notes = List.copyOf(notes);
  }

  /** Known at all: registered, named by a ServiceOwnership, or owning a workload. */
  public boolean found() {
    return card != null || !services.isEmpty() || !cards.isEmpty();
  }

  /**
   * 0 when the team is known and none of its workloads is in conflict; 1 with conflicts; 2 unknown.
   */
  public int exitCode() {
    if (!found()) return WhoAnswer.NOT_FOUND_OR_ERROR;
    return cards.stream().allMatch(OwnerCards::isCleanlyOwned)
        ? WhoAnswer.OWNED
        : WhoAnswer.UNOWNED_OR_CONFLICT;
  }
}
