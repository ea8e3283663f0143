package dev.ownership.operator.who;

import java.util.List;

/**
 * What {@code who TARGET} found.
 *
 * @param deadEnd why no workload owns the target (an orphaned pod, a bare ReplicaSet), or null
 * @param notes what could not be read but did not prevent an answer (e.g. the Teams)
 */
public record WhoAnswer(
    String target, String namespace, List<OwnerCard> cards, String deadEnd, List<String> notes) {
  public static final int OWNED = 0;
  public static final int UNOWNED_OR_CONFLICT = 1;
  public static final int NOT_FOUND_OR_ERROR = 2;

  public WhoAnswer {
    cards = List.copyOf(cards);
    notes = List.copyOf(notes);
  }

  public WhoAnswer(String target, String namespace, List<OwnerCard> cards, String deadEnd) {
    this(target, namespace, cards, deadEnd, List.of());
  }

  /** 0 when every workload reached is owned without conflict, else 1. */
  public int exitCode() {
    if (deadEnd != null || cards.isEmpty()) return UNOWNED_OR_CONFLICT;
    return cards.stream().allMatch(OwnerCards::isCleanlyOwned) ? OWNED : UNOWNED_OR_CONFLICT;
  }
}
