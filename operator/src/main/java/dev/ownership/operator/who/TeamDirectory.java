package dev.ownership.operator.who;

import dev.ownership.operator.ownership.TeamRegistry;
import java.util.Optional;
import java.util.Set;

/**
 * The Team registry as {@code who} and the catalog read it. Until the registry exists (or while no
 * Team is registered) it is {@link #NONE}, and cards show only what ServiceOwnerships say.
 */
public interface TeamDirectory {
  TeamDirectory NONE =
      new TeamDirectory() {
        @Override
        public Optional<TeamCard> team(String name) {
          return Optional.empty();
        }
      };

  /** The registered Team of that name, if any. */
  Optional<TeamCard> team(String name);

  /** Every registered team name, so that teams owning nothing yet are listed too. */
  default Set<String> names() {
    return Set.of();
  }

  /**
   * The registry resolution looks team values up in (aliases, unknown teams), as of now. {@link
   * TeamRegistry#NONE} when there is none: every value stands as written.
   */
  default TeamRegistry registry() {
    return TeamRegistry.NONE;
  }
}
