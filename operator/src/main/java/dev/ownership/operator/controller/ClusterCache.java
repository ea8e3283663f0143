package dev.ownership.operator.controller;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.ownership.InvalidSpecException;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.NamespaceDirectory;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.text.SafeText;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Informer caches of namespaces, ServiceOwnerships and the five workload kinds (as projections).
 * Answers {@link NamespaceDirectory} for the resolver and the webhook, and tells a {@link Listener}
 * what changed. Every replica runs it, leader or not, so the webhook can answer everywhere.
 */
public final class ClusterCache implements NamespaceDirectory, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterCache.class);

  /**
   * Items per page of every informer's initial list (and relist), here and in the operator
   * framework's informers. Without a limit the API server answers one list of everything: fabric8
   * buffers the whole body (about 720 MB of JSON for 100,000 Deployments) and deserializes it at
   * once on the client's event loop, which blocks it for over a minute and needs more heap than the
   * shipped limits give. In pages of 500 (the figure client-go's reflector uses) only one page is
   * held at a time and each is projected before the next is read.
   */
  public static final long LIST_PAGE_SIZE = 500;

  /** What the cache reports; called on informer threads, so implementations must only enqueue. */
  public interface Listener {
    default void workloadChanged(WorkloadRef ref) {}

    /** A namespace appeared, disappeared or changed its labels. */
    default void namespaceChanged(String namespace) {}

    /**
     * A ServiceOwnership was added, changed or removed; {@code claim} is its usable form now, or
     * null.
     */
    default void claimChanged(String namespace, String name, OwnershipClaim claim) {}

    /** The informer now holds this resourceVersion of the workload. */
    default void workloadObserved(WorkloadRef ref, String resourceVersion) {}

    /**
     * A Team was added, changed or removed. {@code values} are the team values whose meaning may
     * have changed (its name, its old and new aliases); {@code inUseChanged}: the registry went
     * from unused to used or back, which can change every resolution.
     */
    default void teamsChanged(Set<String> values, boolean inUseChanged) {}
  }

  private final Set<String> namespaces;
  private final SharedIndexInformer<Namespace> namespaceInformer;
  private final List<SharedIndexInformer<ServiceOwnership>> claimInformers = new ArrayList<>();
  private final Map<WorkloadKind, List<SharedIndexInformer<GenericKubernetesResource>>>
      workloadInformers = new EnumMap<>(WorkloadKind.class);

  /** The store of each informer in {@link #workloadInformers}, at the same position. */
  private final Map<WorkloadKind, List<ProjectingItemStore>> workloadStores =
      new EnumMap<>(WorkloadKind.class);

  private final ConcurrentHashMap<String, ClaimSet> claimSets = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final TeamRegistryMode teamMode;
  private final SharedIndexInformer<Team> teamInformer;

  /** What the workload informers list and watch with ({@link WorkloadInformerClient}). */
  private final KubernetesClient workloadClient;

  private volatile TeamRegistry registry = TeamRegistry.NONE;
  private volatile boolean registryStale = true;

  /**
   * @param namespaces the namespaces to watch; empty for all
   */
  public ClusterCache(KubernetesClient client, Set<String> namespaces) {
    this(client, namespaces, TeamRegistryMode.OFF);
  }

  /**
   * @param teamMode {@code --team-registry}; with {@code off} Teams are not even watched
   */
  public ClusterCache(KubernetesClient client, Set<String> namespaces, TeamRegistryMode teamMode) {
    this.teamMode = teamMode;
    this.namespaces = Set.copyOf(namespaces);
    this.teamInformer =
        teamMode == TeamRegistryMode.OFF
            ? null
            : client.resources(Team.class).withLimit(LIST_PAGE_SIZE).runnableInformer(0);
    if (teamInformer != null) {
      teamInformer.addEventHandler(
          new ResourceEventHandler<>() {
            public void onAdd(Team team) {
              teamEvent(null, team);
            }

            public void onUpdate(Team before, Team after) {
              if (!Objects.equals(
                  before.getMetadata().getGeneration(), after.getMetadata().getGeneration())) {
                teamEvent(before, after);
              }
            }

            public void onDelete(Team team, boolean unknownFinalState) {
              teamEvent(team, null);
            }
          });
    }
    // Namespaces are few and their labels drive resolution: watch them all, filter in handlers.
    this.namespaceInformer = client.namespaces().withLimit(LIST_PAGE_SIZE).runnableInformer(0);
    namespaceInformer.addEventHandler(
        new ResourceEventHandler<>() {
          public void onAdd(Namespace ns) {
            namespaceEvent(null, ns);
          }

          public void onUpdate(Namespace before, Namespace after) {
            namespaceEvent(before, after);
          }

          public void onDelete(Namespace ns, boolean unknownFinalState) {
            namespaceEvent(ns, null);
          }
        });
    for (String ns : scopes()) {
      SharedIndexInformer<ServiceOwnership> informer =
          ns == null
              ? client
                  .resources(ServiceOwnership.class)
                  .inAnyNamespace()
                  .withLimit(LIST_PAGE_SIZE)
                  .runnableInformer(0)
              : client
                  .resources(ServiceOwnership.class)
                  .inNamespace(ns)
                  .withLimit(LIST_PAGE_SIZE)
                  .runnableInformer(0);
      informer.addEventHandler(
          new ResourceEventHandler<>() {
            public void onAdd(ServiceOwnership so) {
              claimEvent(so, false);
            }

            public void onUpdate(ServiceOwnership before, ServiceOwnership after) {
              if (claimRelevantChange(before, after)) claimEvent(after, false);
            }

            public void onDelete(ServiceOwnership so, boolean unknownFinalState) {
              claimEvent(so, true);
            }
          });
      claimInformers.add(informer);
    }
    this.workloadClient = WorkloadInformerClient.from(client);
    for (WorkloadKind kind : WorkloadKind.values()) {
      ResourceDefinitionContext context =
          new ResourceDefinitionContext.Builder()
              .withGroup(kind.group())
              .withVersion(kind.version())
              .withKind(kind.kind())
              .withPlural(kind.plural())
              .withNamespaced(true)
              .build();
      List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
      List<ProjectingItemStore> stores = new ArrayList<>();
      for (String ns : scopes()) {
        SharedIndexInformer<GenericKubernetesResource> informer =
            ns == null
                ? workloadClient
                    .genericKubernetesResources(context)
                    .inAnyNamespace()
                    .withLimit(LIST_PAGE_SIZE)
                    .runnableInformer(0)
                : workloadClient
                    .genericKubernetesResources(context)
                    .inNamespace(ns)
                    .withLimit(LIST_PAGE_SIZE)
                    .runnableInformer(0);
        ProjectingItemStore store = new ProjectingItemStore(kind);
        informer.itemStore(store);
        informer.addEventHandler(new WorkloadEvents(kind, store));
        informers.add(informer);
        stores.add(store);
      }
      workloadInformers.put(kind, informers);
      workloadStores.put(kind, stores);
    }
  }

  /** Listeners are told in the order they were added. */
  public void addListener(Listener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  /** Starts every informer and waits until all have listed once. */
  public void start(Duration timeout) throws Exception {
    try {
      CompletableFuture.allOf(
              allInformers()
                  .map(i -> i.start().toCompletableFuture())
                  .toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (teamInformer != null && !teamInformer.hasSynced() && isNotFound(e.getCause())) {
        throw new IllegalStateException(
            "the Team CRD (teams.ownership.dev) is not installed: kubectl apply -f crds/, or run"
                + " with --team-registry off",
            e.getCause());
      }
      throw e;
    }
    LOG.info(
        "Caches synced: {} namespaces, {} ServiceOwnerships, {} workloads",
        namespaceInformer.getStore().list().size(),
        claimInformers.stream().mapToInt(i -> i.getStore().list().size()).sum(),
        workloadCount());
  }

  public boolean hasSynced() {
    return allInformers().allMatch(SharedIndexInformer::hasSynced);
  }

  /** Informers are watching (or retrying); false once any of them stopped for good. */
  public boolean isHealthy() {
    return allInformers().allMatch(SharedIndexInformer::isRunning);
  }

  private Stream<SharedIndexInformer<?>> allInformers() {
    return Stream.of(
            Stream.<SharedIndexInformer<?>>of(namespaceInformer),
            teamInformer == null ? Stream.<SharedIndexInformer<?>>empty() : Stream.of(teamInformer),
            claimInformers.stream(),
            workloadInformers.values().stream().flatMap(List::stream))
        .flatMap(s -> s);
  }

  public boolean watches(String namespace) {
    return namespaces.isEmpty() || namespaces.contains(namespace);
  }

  /**
   * The registry as the Teams in the cache make it. Rebuilt once after a burst of Team changes, on
   * the first read (a start with 10,000 Teams rebuilds once, not 10,000 times).
   */
  @Override
  public TeamRegistry teams() {
    if (teamInformer == null) return TeamRegistry.NONE;
    if (registryStale) {
      synchronized (this) {
        if (registryStale) {
          registryStale = false;
          registry = TeamRegistry.of(teamInformer.getStore().list(), teamMode);
        }
      }
    }
    return registry;
  }

  /** The cached Team of that name, or null. */
  public Team team(String name) {
    return teamInformer == null ? null : teamInformer.getStore().getByKey(name);
  }

  private void teamEvent(Team before, Team after) {
    boolean wasInUse = teams().inUse();
    registryStale = true;
    // Resolution reads a Team's name, aliases and parent only: a status patch, a new contact or
    // reviewedAt changes no workload (the Team reconciler has its own informer for its status).
    if (before != null && after != null && sameNames(before, after)) return;
    boolean inUse = teams().inUse();
    Set<String> values = new HashSet<>();
    for (Team team : new Team[] {before, after}) {
      if (team == null) continue;
      values.add(team.getMetadata().getName());
      values.addAll(aliases(team));
    }
    listeners.forEach(l -> l.teamsChanged(Set.copyOf(values), wasInUse != inUse));
  }

  private static boolean sameNames(Team before, Team after) {
    return Objects.equals(aliases(before), aliases(after))
        && Objects.equals(parent(before), parent(after));
  }

  private static List<String> aliases(Team team) {
    return team.getSpec() == null || team.getSpec().getAliases() == null
        ? List.of()
        : team.getSpec().getAliases();
  }

  private static String parent(Team team) {
    return team.getSpec() == null ? null : team.getSpec().getParent();
  }

  private static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.fabric8.kubernetes.client.KubernetesClientException k
          && k.getCode() == 404) return true;
    }
    return false;
  }

  @Override
  public Map<String, String> labels(String namespace) {
    Namespace ns = namespaceInformer.getStore().getByKey(namespace);
    if (ns == null || ns.getMetadata().getLabels() == null) return Map.of();
    return ns.getMetadata().getLabels();
  }

  @Override
  public NamespaceClaims claims(String namespace) {
    ClaimSet set = claimSets.get(namespace);
    return set == null ? NamespaceClaims.NONE : set.claims;
  }

  /** Why a ServiceOwnership cannot be used, or null when it can. */
  public ClaimProblem problem(String namespace, String name) {
    ClaimSet set = claimSets.get(namespace);
    if (set == null) return null;
    String invalid;
    synchronized (set) {
      invalid = set.invalid.get(name);
    }
    if (invalid != null) return new ClaimProblem(ClaimProblem.INVALID_SPEC, invalid);
    if (set.claims.leftOut().contains(name)) {
      return new ClaimProblem(
          ClaimProblem.NAMESPACE_LIMIT, NamespaceClaims.leftOutMessage(namespace));
    }
    return null;
  }

  public boolean hasNamespace(String namespace) {
    return namespaceInformer.getStore().getByKey(namespace) != null;
  }

  public List<String> namespaceNames() {
    return namespaceInformer.getStore().listKeys();
  }

  /** The projection of one workload, or null when it is not (or no longer) in the cache. */
  public GenericKubernetesResource workload(WorkloadRef ref) {
    CachedWorkload cached = cachedWorkload(ref);
    return cached == null ? null : cached.toResource(ref.kind());
  }

  /**
   * What the cache holds of one workload, or null; read directly, without making a resource of it.
   */
  public CachedWorkload cachedWorkload(WorkloadRef ref) {
    String key = Cache.namespaceKeyFunc(ref.namespace(), ref.name());
    for (ProjectingItemStore store : workloadStores.get(ref.kind())) {
      CachedWorkload found = store.cached(key);
      if (found != null) return found;
    }
    return null;
  }

  public Stream<WorkloadRef> workloadsIn(String namespace) {
    // The namespace index gives keys; the store gives the names (no resource made per workload).
    return workloadInformers.entrySet().stream()
        .flatMap(
            e -> {
              List<SharedIndexInformer<GenericKubernetesResource>> informers = e.getValue();
              List<ProjectingItemStore> stores = workloadStores.get(e.getKey());
              return IntStream.range(0, informers.size())
                  .boxed()
                  .flatMap(
                      i ->
                          informers
                              .get(i)
                              .getIndexer()
                              .indexKeys(Cache.NAMESPACE_INDEX, namespace)
                              .stream()
                              .map(stores.get(i)::cached)
                              .filter(Objects::nonNull)
                              .map(w -> w.ref(e.getKey())));
            });
  }

  public Stream<WorkloadRef> allWorkloads() {
    return workloadStores.entrySet().stream()
        .flatMap(
            e ->
                e.getValue().stream()
                    .flatMap(ProjectingItemStore::cached)
                    .map(w -> w.ref(e.getKey())));
  }

  public int workloadCount() {
    return workloadStores.values().stream()
        .flatMap(List::stream)
        .mapToInt(ProjectingItemStore::size)
        .sum();
  }

  /** The cached ServiceOwnership namespace/name, or null. */
  public ServiceOwnership serviceOwnership(String namespace, String name) {
    for (SharedIndexInformer<ServiceOwnership> informer : claimInformers) {
      ServiceOwnership found = informer.getStore().getByKey(namespace + "/" + name);
      if (found != null) return found;
    }
    return null;
  }

  /** Every cached ServiceOwnership (as the API server last sent it). */
  public Stream<ServiceOwnership> serviceOwnerships() {
    return claimInformers.stream().flatMap(i -> i.getStore().list().stream());
  }

  private List<String> scopes() {
    List<String> scopes = new ArrayList<>();
    if (namespaces.isEmpty()) scopes.add(null);
    else scopes.addAll(namespaces);
    return scopes;
  }

  private void namespaceEvent(Namespace before, Namespace after) {
    Namespace any = after != null ? after : before;
    String name = any.getMetadata().getName();
    if (!watches(name)) return;
    Map<String, String> was = before == null ? null : before.getMetadata().getLabels();
    Map<String, String> now = after == null ? null : after.getMetadata().getLabels();
    if (before != null && after != null && Objects.equals(was, now)) return;
    listeners.forEach(l -> l.namespaceChanged(name));
  }

  /**
   * Recompiles only the changed ServiceOwnership, then re-sorts its namespace's claims: a namespace
   * with many ServiceOwnerships costs one compile per change, not one per claim.
   */
  private void claimEvent(ServiceOwnership changed, boolean deleted) {
    String ns = changed.getMetadata().getNamespace();
    String name = changed.getMetadata().getName();
    ClaimSet set = claimSets.computeIfAbsent(ns, k -> new ClaimSet());
    OwnershipClaim claim = null;
    synchronized (set) {
      set.usable.remove(name);
      String wasInvalid = set.invalid.remove(name);
      // A ServiceOwnership being deleted owns nothing: its workloads fall back before its
      // finalizer goes.
      if (!deleted && changed.getMetadata().getDeletionTimestamp() == null) {
        try {
          claim = OwnershipClaim.of(changed);
          set.usable.put(name, claim);
        } catch (InvalidSpecException e) {
          set.invalid.put(name, e.getMessage());
          if (!e.getMessage().equals(wasInvalid)) {
            LOG.warn(
                "ServiceOwnership {}/{} is invalid and owns nothing: {}",
                ns,
                name,
                SafeText.of(e.getMessage()));
          }
        }
      }
      set.claims = NamespaceClaims.of(set.usable.values());
      if (set.usable.isEmpty() && set.invalid.isEmpty()) claimSets.remove(ns, set);
    }
    OwnershipClaim now = claim;
    listeners.forEach(l -> l.claimChanged(ns, name, now));
  }

  private static boolean claimRelevantChange(HasMetadata before, ServiceOwnership after) {
    ServiceOwnership was = (ServiceOwnership) before;
    return !Objects.equals(was.getMetadata().getGeneration(), after.getMetadata().getGeneration())
        || !Objects.equals(
            was.getMetadata().getDeletionTimestamp(), after.getMetadata().getDeletionTimestamp());
  }

  @Override
  public void close() {
    allInformers().forEach(SharedIndexInformer::close);
    workloadClient.close();
  }

  /**
   * One namespace's compiled ServiceOwnerships; guarded by its own lock, read through {@code
   * claims}.
   */
  private static final class ClaimSet {
    final Map<String, OwnershipClaim> usable = new HashMap<>();
    final Map<String, String> invalid = new HashMap<>();
    volatile NamespaceClaims claims = NamespaceClaims.NONE;
  }

  private final class WorkloadEvents implements ResourceEventHandler<GenericKubernetesResource> {
    private final WorkloadKind kind;
    private final ProjectingItemStore store;

    WorkloadEvents(WorkloadKind kind, ProjectingItemStore store) {
      this.kind = kind;
      this.store = store;
    }

    /**
     * The ref with the cached workload's strings: the resolver's ledger keeps refs for as long as
     * the workload exists, and the event's object (which the cache does not keep) would otherwise
     * hold a second copy of its name and namespace.
     */
    private WorkloadRef ref(GenericKubernetesResource obj) {
      CachedWorkload cached = store.cached(store.getKey(obj));
      return cached != null ? cached.ref(kind) : WorkloadProjection.ref(kind, obj);
    }

    @Override
    public void onAdd(GenericKubernetesResource obj) {
      WorkloadRef ref = ref(obj);
      String version = obj.getMetadata().getResourceVersion();
      listeners.forEach(
          l -> {
            l.workloadObserved(ref, version);
            l.workloadChanged(ref);
          });
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      WorkloadRef ref = ref(after);
      String version = after.getMetadata().getResourceVersion();
      listeners.forEach(l -> l.workloadObserved(ref, version));
      // Status updates (replica counts, conditions) are most of the traffic and change nothing
      // here.
      if (WorkloadProjection.relevantChange(before, WorkloadProjection.project(kind, after))) {
        listeners.forEach(l -> l.workloadChanged(ref));
      }
    }

    @Override
    public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
      WorkloadRef ref = WorkloadProjection.ref(kind, obj);
      listeners.forEach(l -> l.workloadChanged(ref));
    }
  }
}
