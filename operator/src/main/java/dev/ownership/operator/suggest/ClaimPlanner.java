package dev.ownership.operator.suggest;

import dev.ownership.operator.ownership.InvalidOwnerLabel;
import dev.ownership.operator.ownership.InvalidSelectorException;
import dev.ownership.operator.ownership.LabelSelectorMatcher;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.WorkloadRef;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns one namespace's suggestions into objects to review. Workloads suggested for the same team
 * on the same shared value form a service; it gets a ServiceOwnership when some selector selects
 * exactly those workloads among the namespace's (workloads the team already owns may be selected
 * too: claiming them again changes nothing), checked with the selector code the resolver uses. A
 * service no selector can claim is tried workload by workload; a workload no selector can single
 * out gets an owner label instead. A proposal never selects an unowned workload it was not meant
 * for, nor one owned by another team or in conflict.
 */
final class ClaimPlanner {
  /** An {@code In} list longer than this is not a selector anyone wants to review. */
  static final int MAX_IN_VALUES = 20;

  /** How many evidence messages a proposal carries. */
  static final int MAX_EVIDENCE = 5;

  /**
   * Labels that change with every rollout or version, or that controllers and this operator write:
   * a selector on them would stop matching (or match by accident) after the next deployment.
   */
  private static final Set<String> VOLATILE_LABELS =
      Set.of(
          "pod-template-hash",
          "controller-revision-hash",
          "controller-uid",
          "job-name",
          "statefulset.kubernetes.io/pod-name",
          "app.kubernetes.io/version",
          "app.kubernetes.io/managed-by",
          WorkloadSignals.CHART_LABEL,
          "chart",
          "version",
          "heritage");

  private static final List<String> VOLATILE_PREFIXES =
      List.of("ownership.dev/", "batch.kubernetes.io/", "apps.kubernetes.io/");

  private static final int MAX_NAME = 63;
  private static final int NAME_ROOM_FOR_SUFFIX = 4;

  private final NamespaceSnapshot snapshot;
  private final Function<ObservedWorkload, String> ownerTeam;
  private final Set<String> takenNames = new HashSet<>();
  private final List<ProposedClaim> claims = new ArrayList<>();
  private final List<ProposedLabel> labels = new ArrayList<>();

  /**
   * The namespace's workloads by label key and value. Every candidate selector requires a label
   * pair (or one of an {@code In}'s values), so only the workloads carrying it need checking: a
   * namespace of thousands of workloads is not scanned once per candidate.
   */
  private final Map<String, Map<String, List<ObservedWorkload>>> byLabel = new HashMap<>();

  private record Service(String team, Signal signal, String value) {
    static final Comparator<Service> ORDER =
        Comparator.comparing(Service::team)
            .thenComparing(Service::signal)
            .thenComparing(Service::value);
  }

  private ClaimPlanner(NamespaceSnapshot snapshot, Function<ObservedWorkload, String> ownerTeam) {
    this.snapshot = snapshot;
    this.ownerTeam = ownerTeam;
    for (OwnershipClaim claim : snapshot.claims().inPrecedenceOrder()) takenNames.add(claim.name());
    for (ObservedWorkload w : snapshot.workloads()) {
      w.workload()
          .labels()
          .forEach(
              (k, v) ->
                  byLabel
                      .computeIfAbsent(k, key -> new HashMap<>())
                      .computeIfAbsent(v, value -> new ArrayList<>())
                      .add(w));
    }
  }

  /**
   * @param suggested the namespace's workloads that got a team, with their suggestions
   * @param ownerTeam the (canonical) team of a workload owned without conflict, else null
   */
  static ClaimPlan plan(
      NamespaceSnapshot snapshot,
      Map<ObservedWorkload, Suggestion> suggested,
      Function<ObservedWorkload, String> ownerTeam) {
    ClaimPlanner planner = new ClaimPlanner(snapshot, ownerTeam);
    Map<Service, List<ObservedWorkload>> services = new TreeMap<>(Service.ORDER);
    suggested.forEach(
        (w, s) -> services.computeIfAbsent(service(w, s), k -> new ArrayList<>()).add(w));
    services.forEach((service, members) -> planner.claim(service, members, suggested));
    return new ClaimPlan(planner.claims, planner.labels);
  }

  /**
   * Workloads tied by the same value share a service; a name hint or the namespace majority says
   * nothing about which workloads belong together, so each such workload is its own.
   */
  private static Service service(ObservedWorkload w, Suggestion s) {
    Evidence strongest = s.evidence().get(0);
    return strongest.signal().sharesAValue()
        ? new Service(s.team(), strongest.signal(), strongest.value())
        : new Service(s.team(), strongest.signal(), w.ref().toString());
  }

  private void claim(
      Service service,
      List<ObservedWorkload> members,
      Map<ObservedWorkload, Suggestion> suggested) {
    Set<WorkloadRef> refs = new LinkedHashSet<>();
    members.forEach(w -> refs.add(w.ref()));
    LabelSelector selector = cleanSelector(members, service.team(), service.signal().selectorKey());
    if (selector != null) {
      String base =
          refs.size() > 1 && service.signal().sharesAValue()
              ? serviceName(service)
              : members.get(0).ref().name();
      propose(base, service.team(), selector, members, suggested);
      return;
    }
    Set<WorkloadRef> done = new HashSet<>();
    for (ObservedWorkload member : members) {
      if (!done.add(member.ref())) continue; // the same workload twice in the input
      LabelSelector own = cleanSelector(List.of(member), service.team(), null);
      if (own != null) {
        propose(member.ref().name(), service.team(), own, List.of(member), suggested);
      } else {
        labels.add(
            new ProposedLabel(member.ref(), service.team(), suggested.get(member).confidence()));
      }
    }
  }

  private void propose(
      String base,
      String team,
      LabelSelector selector,
      List<ObservedWorkload> members,
      Map<ObservedWorkload, Suggestion> suggested) {
    Set<WorkloadRef> refs = new TreeSet<>();
    Confidence weakest = Confidence.HIGH;
    Set<String> evidence = new LinkedHashSet<>();
    for (ObservedWorkload member : members) {
      refs.add(member.ref());
      Suggestion s = suggested.get(member);
      if (s.confidence().compareTo(weakest) > 0) weakest = s.confidence();
      s.evidence().forEach(e -> evidence.add(e.message()));
    }
    List<String> kept =
        new ArrayList<>(evidence).subList(0, Math.min(evidence.size(), MAX_EVIDENCE));
    claims.add(
        new ProposedClaim(
            snapshot.namespace(),
            uniqueName(base),
            team,
            selector,
            describe(selector),
            new ArrayList<>(refs),
            weakest,
            kept));
  }

  /**
   * The first candidate selector that claims the group cleanly: a label every member shares (the
   * signal's own label first, then name labels), all shared labels together, then an {@code In}
   * over a name label.
   */
  private LabelSelector cleanSelector(
      List<ObservedWorkload> members, String team, String preferredKey) {
    Map<String, String> shared = sharedLabels(members);
    List<String> keys = new ArrayList<>(shared.keySet());
    keys.sort(
        Comparator.comparingInt((String k) -> preference(k, preferredKey)).thenComparing(k -> k));
    List<LabelSelector> candidates = new ArrayList<>();
    for (String key : keys) {
      candidates.add(new LabelSelectorBuilder().addToMatchLabels(key, shared.get(key)).build());
    }
    if (shared.size() > 1) {
      candidates.add(new LabelSelectorBuilder().withMatchLabels(new TreeMap<>(shared)).build());
    }
    List<String> nameKeys = new ArrayList<>();
    if (preferredKey != null) nameKeys.add(preferredKey);
    nameKeys.addAll(NamespaceSuggestions.NAME_LABELS);
    for (String key : nameKeys) {
      Set<String> values = new TreeSet<>();
      for (ObservedWorkload w : members) {
        String value = w.workload().labels().get(key);
        if (value == null || value.isEmpty() || isExcluded(w, key)) {
          values = null;
          break;
        }
        values.add(value);
      }
      if (values != null && values.size() > 1 && values.size() <= MAX_IN_VALUES) {
        candidates.add(
            new LabelSelectorBuilder()
                .addToMatchExpressions(
                    new LabelSelectorRequirementBuilder()
                        .withKey(key)
                        .withOperator("In")
                        .withValues(new ArrayList<>(values))
                        .build())
                .build());
      }
    }
    for (LabelSelector candidate : candidates) {
      if (claimsCleanly(candidate, members, team)) return candidate;
    }
    return null;
  }

  private static int preference(String key, String preferredKey) {
    if (key.equals(preferredKey)) return 0;
    int name = NamespaceSuggestions.NAME_LABELS.indexOf(key);
    return name >= 0 ? 1 + name : 1 + NamespaceSuggestions.NAME_LABELS.size();
  }

  /** The labels (key and value) every member carries, volatile ones left out. */
  private static Map<String, String> sharedLabels(List<ObservedWorkload> members) {
    Map<String, String> shared = null;
    for (ObservedWorkload w : members) {
      Map<String, String> usable = new LinkedHashMap<>();
      w.workload()
          .labels()
          .forEach(
              (k, v) -> {
                if (!v.isEmpty() && !isExcluded(w, k)) usable.put(k, v);
              });
      if (shared == null) {
        shared = usable;
      } else {
        shared.entrySet().removeIf(e -> !e.getValue().equals(usable.get(e.getKey())));
      }
    }
    return shared == null ? Map.of() : shared;
  }

  /** Volatile labels, and an owner label the resolver skipped for its invalid value. */
  private static boolean isExcluded(ObservedWorkload w, String key) {
    if (VOLATILE_LABELS.contains(key)) return true;
    for (String prefix : VOLATILE_PREFIXES) {
      if (key.startsWith(prefix)) return true;
    }
    for (InvalidOwnerLabel invalid : w.resolution().invalidLabels()) {
      if (invalid.key().equals(key)) return true;
    }
    return false;
  }

  private boolean claimsCleanly(
      LabelSelector selector, List<ObservedWorkload> members, String team) {
    LabelSelectorMatcher matcher;
    try {
      matcher = LabelSelectorMatcher.compile(selector);
    } catch (InvalidSelectorException e) {
      return false; // a label value a selector cannot carry (manifests can hold anything)
    }
    if (matcher.selectsEverything()) return false;
    Set<ObservedWorkload> group = new HashSet<>(members);
    for (ObservedWorkload member : members) {
      if (!matcher.matches(member.workload().labels())) return false;
    }
    for (ObservedWorkload w : selectable(selector)) {
      if (group.contains(w) || !matcher.matches(w.workload().labels())) continue;
      if (!team.equals(ownerTeam.apply(w))) return false;
    }
    return true;
  }

  /** The workloads that carry what the selector requires first: all it can possibly select. */
  private List<ObservedWorkload> selectable(LabelSelector selector) {
    if (selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()) {
      Map.Entry<String, String> first = selector.getMatchLabels().entrySet().iterator().next();
      return byLabel
          .getOrDefault(first.getKey(), Map.of())
          .getOrDefault(first.getValue(), List.of());
    }
    LabelSelectorRequirement in = selector.getMatchExpressions().get(0);
    List<ObservedWorkload> carrying = new ArrayList<>();
    for (String value : in.getValues()) {
      carrying.addAll(byLabel.getOrDefault(in.getKey(), Map.of()).getOrDefault(value, List.of()));
    }
    return carrying;
  }

  private static String describe(LabelSelector selector) {
    try {
      return LabelSelectorMatcher.compile(selector).describe();
    } catch (InvalidSelectorException e) {
      throw new IllegalStateException("a checked selector no longer compiles", e);
    }
  }

  private static String serviceName(Service service) {
    String value = service.value();
    return switch (service.signal()) {
      case HELM_RELEASE, FLUX_KUSTOMIZATION, FLUX_HELM_RELEASE, IMAGE_REPOSITORY ->
          value.substring(value.lastIndexOf('/') + 1);
      default -> value;
    };
  }

  /**
   * A DNS-1123 label from a value or workload name, never the name of an existing ServiceOwnership
   * of the namespace (applying it would overwrite that one) or of another proposal.
   */
  private String uniqueName(String base) {
    String name = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    name = name.replaceAll("^-+", "");
    if (name.length() > MAX_NAME - NAME_ROOM_FOR_SUFFIX)
      name = name.substring(0, MAX_NAME - NAME_ROOM_FOR_SUFFIX);
    name = name.replaceAll("-+$", "");
    if (name.isEmpty()) name = "suggested";
    String candidate = name;
    for (int n = 2; takenNames.contains(candidate); n++) candidate = name + "-" + n;
    takenNames.add(candidate);
    return candidate;
  }
}
