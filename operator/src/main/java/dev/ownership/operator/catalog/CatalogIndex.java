package dev.ownership.operator.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.suggest.NamespaceSnapshot;
import dev.ownership.operator.suggest.NamespaceSuggestions;
import dev.ownership.operator.suggest.ObservedWorkload;
import dev.ownership.operator.suggest.OwnerSuggester;
import dev.ownership.operator.suggest.Suggestion;
import dev.ownership.operator.suggest.TeamNames;
import dev.ownership.operator.suggest.WorkloadSignals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every workload in view resolved once, and indexed the ways the pages ask: by namespace, by team,
 * by selecting ServiceOwnership. Immutable; rebuilt only when the source's version moves, so a page
 * view costs lookups, not a re-resolution of the cluster.
 */
final class CatalogIndex {
  record Entry(Workload workload, Resolution resolution) {}

  /** The cached projection keeps no annotations or containers: signals come from labels alone. */
  private static final JsonNode NO_OBJECT = JsonNodeFactory.instance.objectNode();

  record ClaimKey(String namespace, String name) {}

  final long version;
  private final TeamRegistry teams;
  private final Map<String, NamespaceClaims> claims;
  private final Map<String, NamespaceSuggestions> suggestions = new ConcurrentHashMap<>();
  private final Map<WorkloadRef, Entry> entries;
  private final Map<String, List<WorkloadRef>> byNamespace;
  private final Map<String, List<WorkloadRef>> byTeam;
  private final Map<ClaimKey, List<WorkloadRef>> bySelectingClaim;
  private final Map<String, Tally> tallies;
  private final Tally total;
  private final List<WorkloadRef> all;

  private CatalogIndex(
      long version,
      TeamRegistry teams,
      Map<String, NamespaceClaims> claims,
      Map<WorkloadRef, Entry> entries,
      Map<String, List<WorkloadRef>> byNamespace,
      Map<String, List<WorkloadRef>> byTeam,
      Map<ClaimKey, List<WorkloadRef>> bySelectingClaim,
      Map<String, Tally> tallies,
      Tally total) {
    this.version = version;
    this.teams = teams;
    this.claims = claims;
    this.entries = entries;
    this.byNamespace = byNamespace;
    this.byTeam = byTeam;
    this.bySelectingClaim = bySelectingClaim;
    this.tallies = tallies;
    this.total = total;
    List<WorkloadRef> sorted = new ArrayList<>(entries.size());
    byNamespace.values().forEach(sorted::addAll);
    this.all = List.copyOf(sorted);
  }

  /**
   * @param version the source's version read before reading it, so a change during the build makes
   *     the next request build again
   */
  static CatalogIndex build(
      CatalogSource source, OwnerResolver resolver, TeamRegistry teams, long version) {
    Map<String, NamespaceClaims> claimsByNamespace = new HashMap<>();
    Map<WorkloadRef, Entry> entries = new HashMap<>();
    Map<String, List<WorkloadRef>> byNamespace = new TreeMap<>();
    Map<String, List<WorkloadRef>> byTeam = new TreeMap<>();
    Map<ClaimKey, List<WorkloadRef>> bySelectingClaim = new HashMap<>();
    Map<String, Tally> tallies = new TreeMap<>();
    Tally total = Tally.ZERO;
    for (String ns : source.namespaces()) {
      Map<String, String> labels = source.namespaceLabels(ns);
      NamespaceClaims claims = source.claims(ns);
      claimsByNamespace.put(ns, claims);
      List<WorkloadRef> refs = new ArrayList<>();
      Tally tally = Tally.ZERO;
      for (Workload workload : source.workloads(ns)) {
        // A CronJob's Job is the CronJob's business, exactly as for the controller.
        if (workload.isPartOfAnotherWorkload()) continue;
        Resolution resolution = resolver.resolve(workload, labels, claims, teams);
        WorkloadRef ref = workload.ref();
        entries.put(ref, new Entry(workload, resolution));
        refs.add(ref);
        tally = tally.plus(resolution.status());
        total = total.plus(resolution.status());
        if (resolution.team() != null)
          byTeam.computeIfAbsent(resolution.team(), t -> new ArrayList<>()).add(ref);
        for (String claim : resolution.selectingClaims()) {
          bySelectingClaim
              .computeIfAbsent(new ClaimKey(ns, claim), k -> new ArrayList<>())
              .add(ref);
        }
      }
      Collections.sort(refs);
      byNamespace.put(ns, List.copyOf(refs));
      tallies.put(ns, tally);
    }
    byTeam.replaceAll((team, refs) -> sorted(refs));
    bySelectingClaim.replaceAll((claim, refs) -> sorted(refs));
    return new CatalogIndex(
        version,
        teams,
        claimsByNamespace,
        entries,
        byNamespace,
        byTeam,
        bySelectingClaim,
        tallies,
        total);
  }

  /**
   * The proposed owner of an unowned workload, as {@code suggest} would say it, in one line; empty
   * when it is owned or nothing points to a team. Computed for a namespace the first time one of
   * its workloads is shown. The caches keep labels, not annotations or images, so the signals here
   * are those labels carry (part-of, instance, Argo CD and Flux labels, selector names, the
   * namespace's majority); {@code suggest --cluster} reads the rest.
   */
  Optional<String> suggestion(WorkloadRef ref) {
    Entry entry = entries.get(ref);
    if (entry == null || entry.resolution().isOwned()) return Optional.empty();
    return suggestions
        .computeIfAbsent(ref.namespace(), this::suggestionsIn)
        .forWorkload(ref)
        .filter(Suggestion::hasTeam)
        .map(CatalogIndex::line);
  }

  private NamespaceSuggestions suggestionsIn(String namespace) {
    List<ObservedWorkload> observed = new ArrayList<>();
    for (WorkloadRef ref : inNamespace(namespace)) {
      Entry e = entries.get(ref);
      observed.add(
          new ObservedWorkload(
              e.workload(), WorkloadSignals.from(e.workload(), NO_OBJECT), e.resolution()));
    }
    NamespaceSnapshot snapshot =
        new NamespaceSnapshot(
            namespace, claims.getOrDefault(namespace, NamespaceClaims.NONE), observed);
    return new OwnerSuggester(teamNames(teams)).suggest(snapshot);
  }

  /** e.g. {@code payments (high confidence): same app.kubernetes.io/part-of "shop" as ...}. */
  static String line(Suggestion s) {
    String evidence = s.evidence().isEmpty() ? "" : ": " + s.evidence().get(0).message();
    return s.team() + " (" + s.confidence().value() + " confidence)" + evidence;
  }

  /** The registry as suggestions read it: a suggestion names only a registered team. */
  static TeamNames teamNames(TeamRegistry registry) {
    return new TeamNames() {
      @Override
      public boolean inUse() {
        return registry.inUse();
      }

      @Override
      public Optional<String> canonical(String value) {
        return value == null ? Optional.empty() : registry.canonical(value);
      }
    };
  }

  private static List<WorkloadRef> sorted(List<WorkloadRef> refs) {
    Collections.sort(refs);
    return List.copyOf(refs);
  }

  Entry entry(WorkloadRef ref) {
    return entries.get(ref);
  }

  /** Namespaces in view, sorted. */
  List<String> namespaces() {
    return List.copyOf(byNamespace.keySet());
  }

  boolean hasNamespace(String namespace) {
    return byNamespace.containsKey(namespace);
  }

  List<WorkloadRef> inNamespace(String namespace) {
    return byNamespace.getOrDefault(namespace, List.of());
  }

  /** Teams that own at least one workload, sorted. */
  List<String> owningTeams() {
    return List.copyOf(byTeam.keySet());
  }

  List<WorkloadRef> ownedBy(String team) {
    return byTeam.getOrDefault(team, List.of());
  }

  List<WorkloadRef> selectedBy(String namespace, String serviceOwnership) {
    return bySelectingClaim.getOrDefault(new ClaimKey(namespace, serviceOwnership), List.of());
  }

  Tally tally(String namespace) {
    return tallies.getOrDefault(namespace, Tally.ZERO);
  }

  Tally total() {
    return total;
  }

  /** Every workload, sorted by namespace, kind and name. */
  List<WorkloadRef> all() {
    return all;
  }
}
