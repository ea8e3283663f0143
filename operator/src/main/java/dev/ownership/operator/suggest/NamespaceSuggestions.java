package dev.ownership.operator.suggest;

import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.OwnershipStatus;
import dev.ownership.operator.ownership.WorkloadRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The suggestions of one namespace. Built once from a {@link NamespaceSnapshot} (one pass over its
 * workloads indexes every owned workload by the values it shares); after that, the suggestion for
 * any one workload costs a few map lookups, so a caller that shows one workload need not compute
 * the whole namespace. Immutable and safe to share between threads.
 */
public final class NamespaceSuggestions {
  /** Label keys whose values name the workload, as {@code metadata.name} does. */
  static final List<String> NAME_LABELS =
      List.of("app.kubernetes.io/name", "app", "k8s-app", "name");

  /** Shorter selector values ({@code v1}, {@code db}) are too common to tie anything. */
  static final int MIN_SHARED_NAME = 3;

  /** How many anchors a message names before "and N more". */
  private static final int NAMED_ANCHORS = 3;

  private final NamespaceSnapshot snapshot;
  private final Map<WorkloadRef, ObservedWorkload> byRef = new HashMap<>();
  private final Map<ObservedWorkload, String> anchorTeams = new HashMap<>();
  private final Map<SharedValue, List<Tie>> ties = new HashMap<>();
  private final List<ClaimAnchor> claims = new ArrayList<>();
  private final Map<String, List<Anchor>> anchorsByTeam = new TreeMap<>();
  private final int anchorTotal;
  private final String majorityTeam;

  /** A value a workload shares with others under one signal. */
  private record SharedValue(Signal signal, String key) {}

  /** An owned workload that carries a shared value; {@code chart}: it carries helm.sh/chart. */
  private record Tie(Anchor anchor, boolean chart) {}

  /** A usable ServiceOwnership with its (canonical) team and the values its selector names. */
  private record ClaimAnchor(
      OwnershipClaim claim, String team, Map<String, SortedSet<String>> namedValues) {}

  NamespaceSuggestions(NamespaceSnapshot snapshot, TeamNames teams) {
    this.snapshot = snapshot;
    Set<Anchor> seen = new HashSet<>();
    for (ObservedWorkload w : snapshot.workloads()) {
      byRef.putIfAbsent(w.ref(), w);
      String team = anchorTeam(w, teams);
      if (team == null) continue;
      anchorTeams.put(w, team);
      Anchor anchor = Anchor.workload(w.ref(), team);
      for (SharedValue value : sharedValues(w.signals())) {
        ties.computeIfAbsent(value, v -> new ArrayList<>())
            .add(new Tie(anchor, w.signals().chart() != null));
      }
      // Manifests can hold the same workload twice (two variants of one install): count it once.
      if (seen.add(anchor)) anchorsByTeam.computeIfAbsent(team, t -> new ArrayList<>()).add(anchor);
    }
    for (OwnershipClaim claim : snapshot.claims().inPrecedenceOrder()) {
      teams
          .canonical(claim.team())
          .ifPresent(
              team -> claims.add(new ClaimAnchor(claim, team, claim.selector().namedValues())));
    }
    anchorTotal = anchorsByTeam.values().stream().mapToInt(List::size).sum();
    majorityTeam =
        anchorsByTeam.entrySet().stream()
            .filter(e -> e.getValue().size() * 2 > anchorTotal)
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse(null);
  }

  /**
   * Only a workload owned without conflict ties others to its team: spreading a disputed owner
   * would spread the dispute.
   */
  private static String anchorTeam(ObservedWorkload w, TeamNames teams) {
    if (w.resolution().status() != OwnershipStatus.OWNED) return null;
    return teams.canonical(w.resolution().team()).orElse(null);
  }

  public NamespaceSnapshot snapshot() {
    return snapshot;
  }

  /** The suggestion for a workload of this namespace; empty when it is unknown or owned. */
  public Optional<Suggestion> forWorkload(WorkloadRef ref) {
    ObservedWorkload w = byRef.get(ref);
    return w == null ? Optional.empty() : suggestionFor(w);
  }

  /** The suggestion for one of the snapshot's workloads; empty when it is owned. */
  public Optional<Suggestion> suggestionFor(ObservedWorkload w) {
    if (w.resolution().isOwned()) return Optional.empty();
    return Optional.of(decide(w.ref(), evidence(w)));
  }

  /** A suggestion (or none) for every unowned workload, in snapshot order. */
  public List<Suggestion> all() {
    List<Suggestion> all = new ArrayList<>();
    for (ObservedWorkload w : snapshot.workloads()) suggestionFor(w).ifPresent(all::add);
    return all;
  }

  /** ServiceOwnerships and label patches that would make the suggestions real. */
  public ClaimPlan claimPlan() {
    Map<ObservedWorkload, Suggestion> suggested = new LinkedHashMap<>();
    for (ObservedWorkload w : snapshot.workloads()) {
      suggestionFor(w).filter(Suggestion::hasTeam).ifPresent(s -> suggested.put(w, s));
    }
    return ClaimPlanner.plan(snapshot, suggested, anchorTeams::get);
  }

  private List<Evidence> evidence(ObservedWorkload w) {
    List<Evidence> evidence = new ArrayList<>();
    boolean chart = w.signals().chart() != null;
    for (SharedValue value : sharedValues(w.signals())) {
      List<Tie> tied = ties.get(value);
      if (tied == null) continue;
      Map<Signal, Map<String, Set<Anchor>>> grouped = new TreeMap<>();
      for (Tie tie : tied) {
        Signal signal =
            value.signal() == Signal.INSTANCE && chart && tie.chart()
                ? Signal.CHART_INSTANCE
                : value.signal();
        grouped
            .computeIfAbsent(signal, s -> new TreeMap<>())
            .computeIfAbsent(tie.anchor().team(), t -> new TreeSet<>(Anchor.ORDER))
            .add(tie.anchor());
      }
      grouped.forEach(
          (signal, byTeam) ->
              byTeam.forEach(
                  (team, anchors) ->
                      evidence.add(
                          sharedValueEvidence(
                              signal, value.key(), team, new ArrayList<>(anchors)))));
    }
    for (ClaimAnchor claim : claims) {
      selectorNameEvidence(w, claim).ifPresent(evidence::add);
    }
    if (majorityTeam != null) evidence.add(majorityEvidence());
    return evidence;
  }

  private static List<SharedValue> sharedValues(WorkloadSignals signals) {
    List<SharedValue> values = new ArrayList<>();
    if (signals.helmRelease() != null)
      values.add(new SharedValue(Signal.HELM_RELEASE, signals.helmRelease().toString()));
    if (signals.argoCdApplication() != null)
      values.add(new SharedValue(Signal.ARGO_CD_APPLICATION, signals.argoCdApplication()));
    if (signals.fluxKustomization() != null)
      values.add(
          new SharedValue(Signal.FLUX_KUSTOMIZATION, signals.fluxKustomization().toString()));
    if (signals.fluxHelmRelease() != null)
      values.add(new SharedValue(Signal.FLUX_HELM_RELEASE, signals.fluxHelmRelease().toString()));
    if (signals.partOf() != null) values.add(new SharedValue(Signal.PART_OF, signals.partOf()));
    if (signals.instance() != null)
      values.add(new SharedValue(Signal.INSTANCE, signals.instance()));
    for (String repository : signals.imageRepositories()) {
      if (!ImageRepository.isSharedBaseImage(repository))
        values.add(new SharedValue(Signal.IMAGE_REPOSITORY, repository));
    }
    return values;
  }

  private Evidence sharedValueEvidence(
      Signal signal, String key, String team, List<Anchor> anchors) {
    String message =
        "same "
            + signal.what()
            + " "
            + Shown.quoted(shown(signal, key))
            + " as "
            + named(anchors)
            + " (owned by "
            + Shown.plain(team)
            + ")";
    return evidence(signal, key, team, anchors, message);
  }

  /** A Helm release or Flux object in the workload's own namespace goes by its name alone. */
  private String shown(Signal signal, String key) {
    boolean namespaced =
        signal == Signal.HELM_RELEASE
            || signal == Signal.FLUX_KUSTOMIZATION
            || signal == Signal.FLUX_HELM_RELEASE;
    String prefix = snapshot.namespace() + "/";
    return namespaced && key.startsWith(prefix) ? key.substring(prefix.length()) : key;
  }

  /**
   * A ServiceOwnership whose selector names this workload's name (or a value of one of its labels)
   * but does not select it: the selector was probably written for its siblings ({@code
   * checkout-worker} beside {@code app=checkout}) or one of its labels differs.
   */
  private Optional<Evidence> selectorNameEvidence(ObservedWorkload w, ClaimAnchor claim) {
    Map<String, String> labels = w.workload().labels();
    Map<String, String> names = new LinkedHashMap<>();
    names.put("name", w.ref().name());
    for (String key : NAME_LABELS) {
      String value = labels.get(key);
      if (value != null && !value.isEmpty()) names.putIfAbsent("label " + key, value);
    }
    for (Map.Entry<String, SortedSet<String>> named : claim.namedValues().entrySet()) {
      for (String value : named.getValue()) {
        if (value.length() < MIN_SHARED_NAME) continue;
        String what = null;
        String token = null;
        if (value.equals(labels.get(named.getKey()))) {
          what = "label " + named.getKey();
          token = value;
        } else {
          for (Map.Entry<String, String> name : names.entrySet()) {
            if (name.getValue().equals(value) || name.getValue().startsWith(value + "-")) {
              what = name.getKey();
              token = name.getValue();
              break;
            }
          }
        }
        if (token == null) continue;
        String selectorLabel = named.getKey() + "=" + value;
        Anchor anchor =
            Anchor.serviceOwnership(claim.claim().namespace(), claim.claim().name(), claim.team());
        String message =
            Shown.plain(what)
                + " "
                + Shown.quoted(token)
                + " shares the selector label "
                + Shown.plain(selectorLabel)
                + " of "
                + anchor.shown()
                + " (team "
                + Shown.plain(claim.team())
                + ")";
        return Optional.of(
            evidence(Signal.SELECTOR_NAME, selectorLabel, claim.team(), List.of(anchor), message));
      }
    }
    return Optional.empty();
  }

  private Evidence majorityEvidence() {
    List<Anchor> anchors = new ArrayList<>(anchorsByTeam.get(majorityTeam));
    anchors.sort(Anchor.ORDER);
    String message =
        "team "
            + Shown.plain(majorityTeam)
            + " owns "
            + anchors.size()
            + " of the "
            + anchorTotal
            + " owned workloads in namespace "
            + Shown.plain(snapshot.namespace())
            + " ("
            + named(anchors)
            + ")";
    return evidence(
        Signal.NAMESPACE_MAJORITY, snapshot.namespace(), majorityTeam, anchors, message);
  }

  private static Evidence evidence(
      Signal signal, String value, String team, List<Anchor> anchors, String message) {
    return new Evidence(
        signal,
        value,
        team,
        anchors.subList(0, Math.min(anchors.size(), Evidence.MAX_ANCHORS)),
        anchors.size(),
        message);
  }

  private static String named(List<Anchor> anchors) {
    StringBuilder text = new StringBuilder();
    int shown = Math.min(anchors.size(), NAMED_ANCHORS);
    for (int i = 0; i < shown; i++) {
      if (i > 0) text.append(i == shown - 1 && anchors.size() == shown ? " and " : ", ");
      text.append(anchors.get(i).shown());
    }
    if (anchors.size() > shown) text.append(" and ").append(anchors.size() - shown).append(" more");
    return text.toString();
  }

  /** A team and the evidence for it, compared strongest first. */
  private record TeamCase(String team, List<Evidence> evidence) {
    static final Comparator<TeamCase> STRONGEST_FIRST =
        Comparator.comparing((TeamCase c) -> c.best())
            .thenComparing(c -> c.evidence.size(), Comparator.reverseOrder())
            .thenComparing(TeamCase::anchors, Comparator.reverseOrder());

    Signal best() {
      return evidence.get(0).signal();
    }

    int anchors() {
      return evidence.stream().mapToInt(Evidence::anchorCount).sum();
    }
  }

  /**
   * The team whose strongest signal is strongest wins; more signals, then more anchors, break a
   * tie. Any signal for another team lowers the confidence one step, or to low when it is as strong
   * as the winner's.
   */
  private static Suggestion decide(WorkloadRef ref, List<Evidence> evidence) {
    if (evidence.isEmpty()) {
      return new Suggestion(
          ref,
          null,
          null,
          List.of(),
          List.of(),
          "no signal ties it to an owned workload or a ServiceOwnership");
    }
    Comparator<Evidence> strongest =
        Comparator.comparing(Evidence::signal)
            .thenComparing(Evidence::team)
            .thenComparing(Evidence::value);
    Map<String, List<Evidence>> byTeam = new TreeMap<>();
    for (Evidence e : evidence) byTeam.computeIfAbsent(e.team(), t -> new ArrayList<>()).add(e);
    List<TeamCase> cases = new ArrayList<>();
    byTeam.forEach(
        (team, list) -> {
          list.sort(strongest);
          cases.add(new TeamCase(team, list));
        });
    cases.sort(TeamCase.STRONGEST_FIRST);
    List<Evidence> others = new ArrayList<>();
    cases.subList(1, cases.size()).forEach(c -> others.addAll(c.evidence()));
    others.sort(strongest);

    TeamCase winner = cases.get(0);
    if (cases.size() > 1 && TeamCase.STRONGEST_FIRST.compare(winner, cases.get(1)) == 0) {
      List<Evidence> all = new ArrayList<>(evidence);
      all.sort(strongest);
      return new Suggestion(
          ref,
          null,
          null,
          List.of(),
          all,
          "signals tie between teams "
              + Shown.plain(winner.team())
              + " and "
              + Shown.plain(cases.get(1).team()));
    }
    Confidence confidence = winner.best().strength();
    if (cases.size() > 1) {
      confidence =
          cases.get(1).best().strength() == confidence ? Confidence.LOW : confidence.lower();
    }
    return new Suggestion(ref, winner.team(), confidence, winner.evidence(), others, null);
  }
}
