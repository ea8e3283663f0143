package dev.ownership.operator.catalog;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.who.OwnerCard;
import dev.ownership.operator.who.OwnerCards;
import dev.ownership.operator.who.TeamDirectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the pages and the API ask, answered from a {@link CatalogSource} with the operator's own
 * {@link OwnerResolver}. Resolutions are computed once per source version and shared by all
 * requests; ServiceOwnerships (whose status the leader keeps current) are read afresh.
 */
public final class Catalog {
  private final CatalogSource source;
  private final OwnerResolver resolver;
  private final OwnerCards cards;
  private final TeamDirectory teams;
  private volatile CatalogIndex index;

  /**
   * @param teams the Team registry as this replica sees it: resolution looks team values up in it
   *     (as the controller does), and pages show its display names, contacts and review state
   */
  public Catalog(CatalogSource source, OwnerResolver resolver, TeamDirectory teams) {
    this.source = source;
    this.resolver = resolver;
    this.teams = teams;
    // Suggestions come from the same index the pages read, so they match what the page shows.
    this.cards = new OwnerCards(resolver.ownerLabelKeys(), teams, ref -> index().suggestion(ref));
  }

  CatalogSource source() {
    return source;
  }

  TeamDirectory teams() {
    return teams;
  }

  OwnerCards cards() {
    return cards;
  }

  /** The current resolutions: reused while the source's version stands still. */
  CatalogIndex index() {
    CatalogIndex current = index;
    if (current != null && current.version == source.version()) return current;
    synchronized (this) {
      long version = source.version();
      current = index;
      if (current == null || current.version != version) {
        current = CatalogIndex.build(source, resolver, teams.registry(), version);
        index = current;
      }
      return current;
    }
  }

  /** Every ServiceOwnership in view, sorted by namespace and name. */
  List<ServiceOwnership> serviceOwnerships() {
    List<ServiceOwnership> all = new ArrayList<>(source.serviceOwnerships());
    all.sort(
        Comparator.comparing((ServiceOwnership so) -> so.getMetadata().getNamespace())
            .thenComparing(so -> so.getMetadata().getName()));
    return all;
  }

  Map<String, ServiceOwnership> serviceOwnershipsIn(String namespace) {
    Map<String, ServiceOwnership> byName = new TreeMap<>();
    for (ServiceOwnership so : source.serviceOwnerships()) {
      if (namespace.equals(so.getMetadata().getNamespace()))
        byName.put(so.getMetadata().getName(), so);
    }
    return byName;
  }

  Optional<ServiceOwnership> serviceOwnership(String namespace, String name) {
    return Optional.ofNullable(serviceOwnershipsIn(namespace).get(name));
  }

  /** The who card of a workload in view, or empty. */
  Optional<OwnerCard> card(CatalogIndex index, WorkloadRef ref) {
    CatalogIndex.Entry entry = index.entry(ref);
    if (entry == null) return Optional.empty();
    return Optional.of(
        cards.card(
            ref,
            List.of(ref.kind().kind().toLowerCase(java.util.Locale.ROOT) + "/" + ref.name()),
            entry.resolution(),
            serviceOwnershipsIn(ref.namespace()),
            source.claims(ref.namespace())));
  }

  /**
   * Teams that own a workload, are named by a ServiceOwnership, or are registered (owning nothing
   * yet, too), by canonical name: an alias is listed as its Team.
   */
  SortedSet<String> teamNames(CatalogIndex index) {
    SortedSet<String> names = new TreeSet<>(index.owningTeams());
    for (ServiceOwnership so : source.serviceOwnerships()) {
      String team = teamOf(so);
      if (team != null) names.add(team);
    }
    names.addAll(teams.names());
    return names;
  }

  /** The team a ServiceOwnership names, by canonical name; null when it names none. */
  String teamOf(ServiceOwnership so) {
    return cards.canonical(so);
  }

  /** The canonical name of a team value (a Team's name for an alias), else the value. */
  String canonical(String team) {
    return team == null ? null : teams.registry().canonical(team).orElse(team);
  }

  /** The ServiceOwnerships that name the team, by its name or an alias. */
  List<ServiceOwnership> servicesOf(String team) {
    return serviceOwnerships().stream().filter(so -> team.equals(teamOf(so))).toList();
  }
}
