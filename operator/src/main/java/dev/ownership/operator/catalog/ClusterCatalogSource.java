package dev.ownership.operator.catalog;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.controller.ClusterCache;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.who.WorkloadReading;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The catalog's view over a replica's {@link ClusterCache}: the same caches the webhook answers
 * from, present on leader and followers alike.
 */
public final class ClusterCatalogSource implements CatalogSource, ClusterCache.Listener {
  private final ClusterCache cache;
  private final OperatorSettings settings;
  private final AtomicLong version = new AtomicLong();

  /** Registers itself with the cache, to learn when what it resolved is stale. */
  public ClusterCatalogSource(ClusterCache cache, OperatorSettings settings) {
    this.cache = cache;
    this.settings = settings;
    cache.addListener(this);
  }

  @Override
  public List<String> namespaces() {
    return cache.namespaceNames().stream().filter(cache::watches).toList();
  }

  @Override
  public Map<String, String> namespaceLabels(String namespace) {
    return cache.labels(namespace);
  }

  @Override
  public NamespaceClaims claims(String namespace) {
    return cache.claims(namespace);
  }

  @Override
  public List<ServiceOwnership> serviceOwnerships() {
    return cache.serviceOwnerships().toList();
  }

  @Override
  public List<Workload> workloads(String namespace) {
    List<Workload> workloads = new ArrayList<>();
    cache
        .workloadsIn(namespace)
        .forEach(
            ref -> {
              GenericKubernetesResource cached = cache.workload(ref);
              if (cached != null) workloads.add(WorkloadReading.workload(ref.kind(), cached));
            });
    return workloads;
  }

  @Override
  public EnforcementMode enforcementMode(String namespace) {
    return settings.enforcementRule().of(namespace, cache.labels(namespace)).mode();
  }

  @Override
  public long version() {
    return version.get();
  }

  @Override
  public void workloadChanged(WorkloadRef ref) {
    version.incrementAndGet();
  }

  @Override
  public void namespaceChanged(String namespace) {
    version.incrementAndGet();
  }

  @Override
  public void claimChanged(String namespace, String name, OwnershipClaim claim) {
    version.incrementAndGet();
  }

  /** A Team's name or aliases changed: resolutions may change (its contacts are read live). */
  @Override
  public void teamsChanged(Set<String> values, boolean inUseChanged) {
    version.incrementAndGet();
  }
}
