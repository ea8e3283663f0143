package dev.ownership.operator.ownership;

import dev.ownership.operator.api.Team;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry of real owners (INTERFACE §8) as the resolver sees it: a small immutable view, name
 * → Team and alias → name, O(1) per lookup. Rebuilt when a Team changes.
 *
 * <p>It is <em>in use</em> once at least one Team exists and the mode is not {@code off}; until
 * then every lookup answers the value itself, so nothing of §2–§7 changes. An alias that two Teams
 * claim, or that equals a Team's name, resolves to neither claimant; both are reported.
 */
public final class TeamRegistry {
  /** No Team: not in use. */
  public static final TeamRegistry NONE =
      new TeamRegistry(TeamRegistryMode.OFF, Map.of(), Map.of(), Map.of());

  /** Suggestions come from names within this many edits ("did you mean"). */
  static final int CLOSE = 2;

  static final int MAX_SUGGESTIONS = 3;

  private final TeamRegistryMode mode;
  private final Map<String, Team> byName;
  private final Map<String, String> aliasToName;
  private final Map<String, String> aliasProblems;

  /** Every name and usable alias → the Team's name: {@link #canonical} is one map read. */
  private final Map<String, String> canonicalNames;

  private TeamRegistry(
      TeamRegistryMode mode,
      Map<String, Team> byName,
      Map<String, String> aliasToName,
      Map<String, String> aliasProblems) {
    this.mode = mode;
    this.byName = byName;
    this.aliasToName = aliasToName;
    this.aliasProblems = aliasProblems;
    Map<String, String> canonical = new HashMap<>(aliasToName);
    for (String name : byName.keySet()) canonical.put(name, name);
    this.canonicalNames = Map.copyOf(canonical);
  }

  public static TeamRegistry of(Collection<Team> teams, TeamRegistryMode mode) {
    Map<String, Team> byName = new HashMap<>(teams.size() * 2);
    for (Team team : teams) byName.put(team.getMetadata().getName(), team);
    Map<String, List<String>> claimants = new TreeMap<>();
    for (Team team : byName.values()) {
      if (team.getSpec() == null || team.getSpec().getAliases() == null) continue;
      for (String alias : new LinkedHashSet<>(team.getSpec().getAliases())) {
        if (alias == null || alias.equals(team.getMetadata().getName())) continue;
        claimants.computeIfAbsent(alias, a -> new ArrayList<>()).add(team.getMetadata().getName());
      }
    }
    Map<String, String> aliasToName = new HashMap<>();
    Map<String, List<String>> problems = new TreeMap<>();
    claimants.forEach(
        (alias, names) -> {
          names.sort(Comparator.naturalOrder());
          if (byName.containsKey(alias)) {
            for (String name : names) {
              problems
                  .computeIfAbsent(name, n -> new ArrayList<>())
                  .add("alias " + alias + " is the name of Team " + alias);
            }
          } else if (names.size() > 1) {
            for (String name : names) {
              List<String> others = new ArrayList<>(names);
              others.remove(name);
              problems
                  .computeIfAbsent(name, n -> new ArrayList<>())
                  .add("alias " + alias + " is also claimed by Team " + String.join(", ", others));
            }
          } else {
            aliasToName.put(alias, names.get(0));
          }
        });
    Map<String, String> aliasProblems = new HashMap<>();
    problems.forEach(
        (name, list) ->
            aliasProblems.put(
                name,
                String.join("; ", list)
                    + ": such an alias names neither Team until one lets it go"));
    return new TeamRegistry(
        mode, Map.copyOf(byName), Map.copyOf(aliasToName), Map.copyOf(aliasProblems));
  }

  public TeamRegistryMode mode() {
    return mode;
  }

  /** At least one Team exists and the registry is not off. */
  public boolean inUse() {
    return mode != TeamRegistryMode.OFF && !byName.isEmpty();
  }

  public boolean isEnforced() {
    return inUse() && mode == TeamRegistryMode.ENFORCE;
  }

  /**
   * The canonical name of a team value: a Team's name is itself, an alias its Team's name; empty
   * when the registry is in use and knows neither. When it is not in use, the value itself.
   */
  public Optional<String> canonical(String value) {
    if (!inUse()) return Optional.of(value);
    return Optional.ofNullable(canonicalNames.get(value));
  }

  public Optional<Team> team(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<Team> teams() {
    return byName.values();
  }

  public int size() {
    return byName.size();
  }

  /** Why a Team's aliases conflict with others, or null. */
  public String aliasProblem(String name) {
    return aliasProblems.get(name);
  }

  /** The names of Teams whose aliases conflict (Ready=False AliasConflict). */
  public Set<String> teamsWithAliasConflicts() {
    return aliasProblems.keySet();
  }

  /**
   * Why a Team's parent is not usable, or null: it names no Team, or following parents comes back
   * to this Team (a cycle; reported, never followed forever).
   */
  public String parentProblem(String name) {
    Team team = byName.get(name);
    if (team == null || team.getSpec() == null || team.getSpec().getParent() == null) return null;
    String parent = team.getSpec().getParent();
    if (!byName.containsKey(parent)) return "parent " + parent + " is not a Team";
    Set<String> seen = new HashSet<>();
    seen.add(name);
    for (String at = parent; at != null; ) {
      if (!seen.add(at)) return "parents form a cycle: " + String.join(" -> ", path(name));
      Team next = byName.get(at);
      at = next == null || next.getSpec() == null ? null : next.getSpec().getParent();
    }
    return null;
  }

  private List<String> path(String from) {
    List<String> path = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String at = from; at != null && seen.add(at); ) {
      path.add(at);
      Team next = byName.get(at);
      at = next == null || next.getSpec() == null ? null : next.getSpec().getParent();
      if (at != null && seen.contains(at)) path.add(at);
    }
    return path;
  }

  private record Candidate(String name, int distance) {}

  /**
   * Unknown values seen by this registry and their suggestions. Finding them compares the value
   * with every name and alias (20,000 comparisons, milliseconds, with 10,000 Teams); the webhook
   * may see the same typo on every review until someone fixes it, so each value is searched once
   * per registry (which is rebuilt, and so forgotten, whenever a Team changes). Bounded: values
   * past {@link #REMEMBERED_SUGGESTIONS} are searched every time rather than grow the heap.
   */
  // Synchronized, not concurrent: this package stays free of java.util.concurrent
  // (PackageRulesTest).
  private final Map<String, List<String>> suggestions =
      Collections.synchronizedMap(new HashMap<>());

  static final int REMEMBERED_SUGGESTIONS = 1024;

  /** Registered names and aliases within {@link #CLOSE} edits of {@code value}, closest first. */
  public List<String> closest(String value) {
    List<String> remembered = suggestions.get(value);
    if (remembered != null) return remembered;
    List<String> found = search(value);
    if (suggestions.size() < REMEMBERED_SUGGESTIONS) suggestions.putIfAbsent(value, found);
    return found;
  }

  private List<String> search(String value) {
    List<Candidate> close = new ArrayList<>();
    for (String name : byName.keySet()) {
      int distance = EditDistance.within(name, value, CLOSE);
      if (distance >= 0) close.add(new Candidate(name, distance));
    }
    for (String alias : aliasToName.keySet()) {
      int distance = EditDistance.within(alias, value, CLOSE);
      if (distance >= 0) close.add(new Candidate(alias, distance));
    }
    close.sort(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name));
    return close.stream().limit(MAX_SUGGESTIONS).map(Candidate::name).toList();
  }

  /** "did you mean payments?" or "no registered team is close". */
  public String didYouMean(String value) {
    List<String> close = closest(value);
    if (close.isEmpty()) return "no registered team is close";
    return "did you mean " + String.join(" or ", close) + "?";
  }
}
