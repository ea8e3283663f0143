package dev.ownership.operator.who;

import dev.ownership.operator.api.Contact;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.api.TeamContact;
import dev.ownership.operator.controller.TeamStatusBuilder;
import dev.ownership.operator.ownership.TeamRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A {@link TeamDirectory} over a {@link TeamRegistry}: for {@code who}, the Teams it listed; for
 * the catalog, the replica's Team cache, read on every call so a new contact shows at once. Whether
 * a review is due is decided by the Team reconciler's own rule ({@link TeamStatusBuilder#review}),
 * so the card and the Team's {@code ReviewDue} condition cannot disagree.
 */
public final class RegisteredTeams implements TeamDirectory {
  private final Supplier<TeamRegistry> registry;
  private final Duration reviewPeriod;
  private final Clock clock;

  /**
   * @param registry read on every call
   * @param reviewPeriod {@code --team-review-period}
   */
  public RegisteredTeams(Supplier<TeamRegistry> registry, Duration reviewPeriod, Clock clock) {
    this.registry = registry;
    this.reviewPeriod = reviewPeriod;
    this.clock = clock;
  }

  @Override
  public TeamRegistry registry() {
    return registry.get();
  }

  @Override
  public Optional<TeamCard> team(String name) {
    if (name == null) return Optional.empty();
    return registry.get().team(name).map(this::card);
  }

  @Override
  public Set<String> names() {
    TeamRegistry teams = registry.get();
    if (!teams.inUse()) return Set.of();
    Set<String> names = new TreeSet<>();
    teams.teams().forEach(t -> names.add(t.getMetadata().getName()));
    return names;
  }

  private TeamCard card(Team team) {
    List<Contact> onCall = new ArrayList<>();
    List<Contact> contacts = new ArrayList<>();
    if (team.getSpec() != null && team.getSpec().getContacts() != null) {
      for (TeamContact c : team.getSpec().getContacts()) {
        if (c == null) continue;
        (c.isOnCall() ? onCall : contacts).add(c);
      }
    }
    String display = team.getSpec() == null ? null : team.getSpec().getDisplayName();
    String reviewedAt = team.getSpec() == null ? null : team.getSpec().getReviewedAt();
    return new TeamCard(
        team.getMetadata().getName(),
        display == null || display.isBlank() ? null : display,
        onCall,
        contacts,
        team.getSpec() == null ? List.of() : team.getSpec().getLinks(),
        reviewedAt == null || reviewedAt.isBlank() ? null : reviewedAt,
        TeamStatusBuilder.review(team, reviewPeriod, clock.instant()).due());
  }
}
