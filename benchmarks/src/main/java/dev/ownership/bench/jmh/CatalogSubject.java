package dev.ownership.bench.jmh;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.ServiceOwnershipSpec;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.api.TeamSpec;
import dev.ownership.operator.catalog.CatalogBenchEntry;
import dev.ownership.operator.catalog.CatalogSource;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.who.RegisteredTeams;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every call {@link CatalogBenchmark} makes into the operator, in one place.
 *
 * <p>Relies on: {@code CatalogSource}, {@code Catalog(CatalogSource, OwnerResolver,
 * TeamDirectory)}, {@code CatalogHandler.handle(CatalogRequest)} (through {@link
 * CatalogBenchEntry}, same package), {@code RegisteredTeams(Supplier, Duration, Clock)}, {@code
 * TeamRegistry.of(Collection, TeamRegistryMode)}, {@code OwnershipClaim.usable}, {@code
 * NamespaceClaims.of}, {@code Workload(WorkloadRef, Map, List)} and the CRD model's setters.
 *
 * <p>The cluster: {@code namespaces} namespaces {@code ns-N} of {@code perNamespace} Deployments
 * {@code w-N-I} labelled {@code app=svc-(I % 10)}; ten ServiceOwnerships per namespace, {@code
 * svc-K} selecting {@code app=svc-K} for team {@code team-(10N+K) % teams}; {@code teams}
 * registered Teams {@code team-T} (alias {@code t-T}). Every tenth workload also carries an owner
 * label naming an alias, so resolution looks aliases up too. The registry warns.
 */
public final class CatalogSubject {
  static final int SERVICES_PER_NAMESPACE = 10;
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

  private final CatalogBenchEntry entry;

  public CatalogSubject(int namespaces, int perNamespace, int teams) {
    Source source = new Source();
    for (int n = 0; n < namespaces; n++) {
      String ns = "ns-" + n;
      source.namespaces.put(ns, Map.of("kubernetes.io/metadata.name", ns));
      List<OwnershipClaim> claims = new ArrayList<>();
      for (int k = 0; k < SERVICES_PER_NAMESPACE; k++) {
        ServiceOwnership so = serviceOwnership(ns, "svc-" + k, team(n, k, teams));
        source.serviceOwnerships.add(so);
        OwnershipClaim.usable(so).ifPresent(claims::add);
      }
      source.claims.put(ns, NamespaceClaims.of(claims));
      List<Workload> workloads = new ArrayList<>(perNamespace);
      for (int i = 0; i < perNamespace; i++) {
        int k = i % SERVICES_PER_NAMESPACE;
        Map<String, String> labels =
            i % 10 == 3
                ? Map.of("app", "svc-" + k, "ownership.dev/team", "t-" + (team(n, k, teams)))
                : Map.of("app", "svc-" + k);
        workloads.add(
            new Workload(
                new WorkloadRef(WorkloadKind.DEPLOYMENT, ns, "w-" + n + "-" + i),
                labels,
                List.of()));
      }
      source.workloads.put(ns, workloads);
    }
    List<Team> registered = new ArrayList<>(teams);
    for (int t = 0; t < teams; t++) registered.add(team("team-" + t, "t-" + t));
    TeamRegistry registry = TeamRegistry.of(registered, TeamRegistryMode.WARN);
    entry =
        new CatalogBenchEntry(
            source,
            new OwnerResolver(OwnerLabelKeys.DEFAULT),
            new RegisteredTeams(() -> registry, Duration.ofDays(180), CLOCK));
  }

  /** The team number of ServiceOwnership {@code svc-k} in namespace {@code ns-n}. */
  static int team(int n, int k, int teams) {
    return (n * SERVICES_PER_NAMESPACE + k) % teams;
  }

  /** The status and body of {@code GET path?query} (query may be null). */
  public CatalogBenchEntry.Page get(String path, String query) {
    return entry.get(path, query);
  }

  private static ServiceOwnership serviceOwnership(String ns, String name, int team) {
    ServiceOwnership so = new ServiceOwnership();
    so.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(ns)
            .withName(name)
            .withGeneration(1L)
            .withCreationTimestamp("2025-01-01T00:00:00Z")
            .build());
    ServiceOwnershipSpec spec = new ServiceOwnershipSpec();
    spec.setTeam("team-" + team);
    spec.setSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", name)).build());
    so.setSpec(spec);
    return so;
  }

  static Team team(String name, String alias) {
    Team team = new Team();
    team.setMetadata(new ObjectMetaBuilder().withName(name).build());
    TeamSpec spec = new TeamSpec();
    spec.setDisplayName("Team " + name);
    spec.setAliases(List.of(alias));
    spec.setReviewedAt("2026-11-01");
    team.setSpec(spec);
    return team;
  }

  /** The cluster as maps that never change: the index is built once and then only read. */
  private static final class Source implements CatalogSource {
    final Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();
    final Map<String, NamespaceClaims> claims = new HashMap<>();
    final Map<String, List<Workload>> workloads = new HashMap<>();
    final List<ServiceOwnership> serviceOwnerships = new ArrayList<>();

    @Override
    public List<String> namespaces() {
      return List.copyOf(namespaces.keySet());
    }

    @Override
    public Map<String, String> namespaceLabels(String namespace) {
      return namespaces.getOrDefault(namespace, Map.of());
    }

    @Override
    public NamespaceClaims claims(String namespace) {
      return claims.getOrDefault(namespace, NamespaceClaims.NONE);
    }

    @Override
    public List<ServiceOwnership> serviceOwnerships() {
      return serviceOwnerships;
    }

    @Override
    public List<Workload> workloads(String namespace) {
      return workloads.getOrDefault(namespace, List.of());
    }

    @Override
    public EnforcementMode enforcementMode(String namespace) {
      return EnforcementMode.WARN;
    }

    @Override
    public long version() {
      return 1;
    }
  }
}
