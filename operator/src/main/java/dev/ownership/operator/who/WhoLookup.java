package dev.ownership.operator.who;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.Resolution;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers {@code who}: reads what resolution needs straight from the API (the target's chain, the
 * namespace's labels and ServiceOwnerships) and resolves with the operator's own {@link
 * OwnerResolver}, so the answer is right even before the operator has written any annotation.
 */
public final class WhoLookup {
  private final ClusterReader reader;
  private final OwnerResolver resolver;
  private final OwnerCards cards;
  private final List<String> notes;

  public WhoLookup(ClusterReader reader, OwnerResolver resolver, OwnerCards cards) {
    this(reader, resolver, cards, List.of());
  }

  /**
   * @param notes what was noted before looking up (e.g. that Teams could not be listed); every
   *     answer carries them
   */
  public WhoLookup(
      ClusterReader reader, OwnerResolver resolver, OwnerCards cards, List<String> notes) {
    this.reader = reader;
    this.resolver = resolver;
    this.cards = cards;
    this.notes = List.copyOf(notes);
  }

  /**
   * @throws ReadFailure when the target (or a controller on its chain) does not exist or cannot be
   *     read
   */
  public WhoAnswer lookup(Target target, String namespace) {
    OwnerChain.Walk walk = new OwnerChain(reader).walk(target, namespace);
    if (walk.deadEnd() != null) {
      return new WhoAnswer(target.toString(), namespace, List.of(), walk.deadEnd(), notes);
    }
    TeamRegistry teams = cards.teams().registry();
    Map<String, String> labels = reader.namespaceLabels(namespace).orElse(Map.of());
    List<ServiceOwnership> serviceOwnerships = reader.serviceOwnerships(namespace);
    NamespaceClaims claims = claims(serviceOwnerships);
    Map<String, ServiceOwnership> byName = byName(serviceOwnerships);
    List<OwnerCard> result = new ArrayList<>();
    for (OwnerChain.Found found : walk.found()) {
      Workload workload = WorkloadReading.workload(found.kind(), found.workload());
      Resolution resolution = resolver.resolve(workload, labels, claims, teams);
      result.add(cards.card(workload.ref(), found.chain(), resolution, byName, claims));
    }
    return new WhoAnswer(target.toString(), namespace, result, null, notes);
  }

  /**
   * Everything resolved to the team, in every namespace the user may list; where cluster-wide lists
   * are forbidden, namespace by namespace, noting the namespaces that could not be read. An alias
   * answers for its Team; a value the registry does not know is still searched for (in {@code warn}
   * it may own workloads) and noted with the closest registered names.
   */
  public TeamAnswer team(String asked, String currentNamespace) {
    List<String> notes = new ArrayList<>(this.notes);
    TeamRegistry teams = cards.teams().registry();
    String team = teams.canonical(asked).orElse(asked);
    if (!team.equals(asked)) notes.add(asked + " is an alias of Team " + team);
    if (teams.inUse() && teams.canonical(asked).isEmpty()) {
      notes.add(asked + " is not a registered Team; " + teams.didYouMean(asked));
    }
    Map<String, Map<String, String>> namespaces = new TreeMap<>();
    try {
      for (Namespace ns : reader.namespaces()) {
        Map<String, String> labels = ns.getMetadata().getLabels();
        namespaces.put(ns.getMetadata().getName(), labels == null ? Map.of() : labels);
      }
    } catch (ReadFailure e) {
      notes.add(e.getMessage() + "; searched only namespace " + currentNamespace);
      namespaces.put(currentNamespace, reader.namespaceLabels(currentNamespace).orElse(Map.of()));
    }

    Map<String, NamespaceContent> contents = readEverywhere(namespaces.keySet(), notes);
    List<ServiceOwnership> services = new ArrayList<>();
    List<OwnerCard> owned = new ArrayList<>();
    for (Map.Entry<String, NamespaceContent> e : contents.entrySet()) {
      String ns = e.getKey();
      NamespaceContent content = e.getValue();
      for (ServiceOwnership so : content.serviceOwnerships) {
        if (team.equals(cards.canonical(so))) services.add(so);
      }
      NamespaceClaims claims = claims(content.serviceOwnerships);
      Map<String, ServiceOwnership> byName = byName(content.serviceOwnerships);
      Map<String, String> labels = namespaces.getOrDefault(ns, Map.of());
      for (Map.Entry<WorkloadKind, List<GenericKubernetesResource>> kind :
          content.workloads.entrySet()) {
        for (GenericKubernetesResource item : kind.getValue()) {
          Workload workload = WorkloadReading.workload(kind.getKey(), item);
          if (workload.isPartOfAnotherWorkload()) continue;
          Resolution resolution = resolver.resolve(workload, labels, claims, teams);
          if (!team.equals(resolution.team())) continue;
          owned.add(
              cards.card(
                  workload.ref(),
                  List.of(TargetKind.of(kind.getKey()).slashName(workload.ref().name())),
                  resolution,
                  byName,
                  claims));
        }
      }
    }
    owned.sort(Comparator.comparing(OwnerCard::ref));
    services.sort(
        Comparator.comparing((ServiceOwnership so) -> so.getMetadata().getNamespace())
            .thenComparing(so -> so.getMetadata().getName()));
    return new TeamAnswer(team, cards.teams().team(team).orElse(null), services, owned, notes);
  }

  private static final class NamespaceContent {
    final List<ServiceOwnership> serviceOwnerships = new ArrayList<>();
    final Map<WorkloadKind, List<GenericKubernetesResource>> workloads = new LinkedHashMap<>();
  }

  /** One list per kind across all namespaces when allowed, else one per kind and namespace. */
  private Map<String, NamespaceContent> readEverywhere(
      java.util.Set<String> namespaces, List<String> notes) {
    Map<String, NamespaceContent> contents = new TreeMap<>();
    namespaces.forEach(ns -> contents.put(ns, new NamespaceContent()));
    try {
      for (ServiceOwnership so : reader.serviceOwnerships(null)) {
        content(contents, so.getMetadata().getNamespace()).serviceOwnerships.add(so);
      }
      for (WorkloadKind kind : WorkloadKind.values()) {
        for (GenericKubernetesResource item : reader.list(TargetKind.of(kind), null)) {
          content(contents, item.getMetadata().getNamespace())
              .workloads
              .computeIfAbsent(kind, k -> new ArrayList<>())
              .add(item);
        }
      }
      contents.keySet().retainAll(namespaces);
      return contents;
    } catch (ReadFailure clusterWide) {
      contents.clear();
    }
    List<String> skipped = new ArrayList<>();
    for (String ns : namespaces) {
      NamespaceContent content = new NamespaceContent();
      try {
        content.serviceOwnerships.addAll(reader.serviceOwnerships(ns));
        for (WorkloadKind kind : WorkloadKind.values()) {
          content.workloads.put(kind, reader.list(TargetKind.of(kind), ns));
        }
        contents.put(ns, content);
      } catch (ReadFailure e) {
        skipped.add(ns);
      }
    }
    if (!skipped.isEmpty()) {
      notes.add(
          "skipped "
              + skipped.size()
              + " namespace(s) you may not list workloads or ServiceOwnerships in: "
              + String.join(", ", skipped.subList(0, Math.min(10, skipped.size())))
              + (skipped.size() > 10 ? ", ..." : ""));
    }
    return contents;
  }

  private static NamespaceContent content(Map<String, NamespaceContent> contents, String ns) {
    return contents.computeIfAbsent(ns, k -> new NamespaceContent());
  }

  static NamespaceClaims claims(List<ServiceOwnership> serviceOwnerships) {
    List<OwnershipClaim> usable = new ArrayList<>();
    for (ServiceOwnership so : serviceOwnerships) OwnershipClaim.usable(so).ifPresent(usable::add);
    return NamespaceClaims.of(usable);
  }

  static Map<String, ServiceOwnership> byName(List<ServiceOwnership> serviceOwnerships) {
    Map<String, ServiceOwnership> byName = new TreeMap<>();
    serviceOwnerships.forEach(so -> byName.put(so.getMetadata().getName(), so));
    return byName;
  }
}
