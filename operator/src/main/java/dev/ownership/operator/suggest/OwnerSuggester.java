package dev.ownership.operator.suggest;

import java.util.Objects;

/**
 * Proposes owners for unowned workloads from the signals that tie them to owned ones. Pure: no
 * client, thread, clock or I/O, like the resolver whose results it reads; it never writes anything
 * anywhere (a suggestion becomes an owner only when a person applies it).
 */
public final class OwnerSuggester {
  private final TeamNames teams;

  public OwnerSuggester(TeamNames teams) {
    this.teams = Objects.requireNonNull(teams, "teams");
  }

  /** Indexes one namespace; ask the result for one workload's suggestion or all of them. */
  public NamespaceSuggestions suggest(NamespaceSnapshot namespace) {
    return new NamespaceSuggestions(namespace, teams);
  }
}
