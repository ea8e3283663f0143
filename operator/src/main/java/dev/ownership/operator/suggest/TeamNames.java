package dev.ownership.operator.suggest;

import java.util.Optional;

/**
 * The team registry as suggestions see it (INTERFACE §8). While it is in use, a suggestion names
 * only a registered team, by its canonical name; an anchor whose team is not registered ties
 * nothing.
 */
public interface TeamNames {
  /** No registry: every team value stands as it is. */
  TeamNames NONE =
      new TeamNames() {
        @Override
        public boolean inUse() {
          return false;
        }

        @Override
        public Optional<String> canonical(String value) {
          return Optional.ofNullable(value);
        }
      };

  boolean inUse();

  /**
   * The canonical team name for a team value (a Team's name or one of its aliases); empty when the
   * registry is in use and knows no such team.
   */
  Optional<String> canonical(String value);
}
