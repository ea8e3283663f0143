package dev.ownership.operator.who;

import dev.ownership.operator.api.Contact;
import dev.ownership.operator.api.ContactType;
import dev.ownership.operator.api.Link;
import dev.ownership.operator.api.Objective;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.UnknownTeam;
import dev.ownership.operator.ownership.UnownedAdvice;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.who.OwnerCard.Sourced;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Makes {@link OwnerCard}s from a resolution. Pure.
 *
 * <p>The card's service is the ServiceOwnership the team came from; when the team came from a label
 * or the namespace, it is the first ServiceOwnership (in precedence order) that selects the
 * workload and names the same team, so that a labelled workload still shows its service's runbook
 * and SLOs. A ServiceOwnership that names another team never lends its contacts.
 */
public final class OwnerCards {
  /** Contact types that page someone: they go to the top of the card as on-call. */
  static final Set<ContactType> PAGING = Set.of(ContactType.PAGERDUTY, ContactType.OPSGENIE);

  private final OwnerLabelKeys ownerLabelKeys;
  private final TeamDirectory teams;
  private final SuggestionSource suggestions;

  public OwnerCards(
      OwnerLabelKeys ownerLabelKeys, TeamDirectory teams, SuggestionSource suggestions) {
    this.ownerLabelKeys = ownerLabelKeys;
    this.teams = teams;
    this.suggestions = suggestions;
  }

  public TeamDirectory teams() {
    return teams;
  }

  /**
   * @param serviceOwnerships the ServiceOwnerships of the workload's namespace, by name
   * @param claims the namespace's usable claims (named in the advice for an unowned workload)
   */
  public OwnerCard card(
      WorkloadRef ref,
      List<String> chain,
      Resolution resolution,
      Map<String, ServiceOwnership> serviceOwnerships,
      NamespaceClaims claims) {
    ServiceOwnership service = serviceOf(resolution, serviceOwnerships);
    TeamCard team = resolution.team() == null ? null : teams.team(resolution.team()).orElse(null);

    List<Sourced<Contact>> onCall = new ArrayList<>();
    List<Sourced<Contact>> contacts = new ArrayList<>();
    List<Sourced<Link>> links = new ArrayList<>();
    List<Objective> objectives = List.of();
    if (service != null && service.getSpec() != null) {
      String from = "ServiceOwnership/" + service.getMetadata().getName();
      for (Contact c : orEmpty(service.getSpec().getContacts())) {
        (PAGING.contains(c.getType()) ? onCall : contacts).add(new Sourced<>(c, from));
      }
      orEmpty(service.getSpec().getLinks()).forEach(l -> links.add(new Sourced<>(l, from)));
      objectives = orEmpty(service.getSpec().getObjectives());
    }
    if (team != null) {
      String from = "Team/" + team.name();
      team.onCall().forEach(c -> onCall.add(new Sourced<>(c, from)));
      team.contacts().forEach(c -> contacts.add(new Sourced<>(c, from)));
      team.links().forEach(l -> links.add(new Sourced<>(l, from)));
    }
    // Stable: the runbook moves to the front, everything else keeps its order.
    links.sort(Comparator.comparing(l -> isRunbook(l.value()) ? 0 : 1));

    boolean unowned = resolution.status() == OwnershipStatus.UNOWNED;
    return new OwnerCard(
        ref,
        chain,
        resolution,
        team,
        service,
        onCall,
        contacts,
        links,
        objectives,
        unowned ? UnownedAdvice.message(ref, ownerLabelKeys, claims) : null,
        unowned ? suggestions.suggestionFor(ref).orElse(null) : null,
        unknownTeams(resolution));
  }

  private List<String> unknownTeams(Resolution resolution) {
    if (resolution.unknownTeams().isEmpty()) return List.of();
    TeamRegistry registry = teams.registry();
    List<String> messages = new ArrayList<>();
    for (UnknownTeam unknown : resolution.unknownTeams()) messages.add(unknown.message(registry));
    return messages;
  }

  /** Owned, and every source agrees. */
  public static boolean isCleanlyOwned(OwnerCard card) {
    return card.resolution().status() == OwnershipStatus.OWNED;
  }

  static boolean isRunbook(Link link) {
    return link.getName() != null
        && link.getName().trim().toLowerCase(Locale.ROOT).equals("runbook");
  }

  private ServiceOwnership serviceOf(
      Resolution resolution, Map<String, ServiceOwnership> serviceOwnerships) {
    if (resolution.team() == null) return null;
    String source = resolution.source() == null ? null : resolution.source().serviceOwnershipName();
    if (source != null) return serviceOwnerships.get(source);
    for (String name : resolution.selectingClaims()) {
      ServiceOwnership so = serviceOwnerships.get(name);
      if (so != null && so.getSpec() != null && resolution.team().equals(canonical(so))) return so;
    }
    return null;
  }

  /** The team a ServiceOwnership names, as the registry spells it (an alias becomes the name). */
  public String canonical(ServiceOwnership so) {
    String team = so.getSpec() == null ? null : so.getSpec().getTeam();
    return team == null ? null : teams.registry().canonical(team).orElse(team);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
