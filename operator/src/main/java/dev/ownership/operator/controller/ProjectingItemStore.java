package dev.ownership.operator.controller;

import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An informer store that keeps only a {@link CachedWorkload} of each workload. fabric8's informer
 * reads {@code GenericKubernetesResource}s from it (the previous object of an update, the initial
 * adds, a relist's deletions, the namespace index): those are made from the cached form on each
 * call and live as long as that event. The operator's own readers take the cached form itself
 * through {@link #cached}.
 */
final class ProjectingItemStore implements ItemStore<GenericKubernetesResource> {
  private final WorkloadKind kind;
  private final ConcurrentHashMap<String, CachedWorkload> items = new ConcurrentHashMap<>();

  ProjectingItemStore(WorkloadKind kind) {
    this.kind = kind;
  }

  @Override
  public String getKey(GenericKubernetesResource obj) {
    return Cache.metaNamespaceKeyFunc(obj);
  }

  @Override
  public GenericKubernetesResource put(String key, GenericKubernetesResource obj) {
    // Only the informer's cache writes, under its lock: nothing changes the key in between.
    CachedWorkload previous = items.get(key);
    return resource(items.put(key, CachedWorkload.of(kind, obj, previous)));
  }

  @Override
  public GenericKubernetesResource remove(String key) {
    return resource(items.remove(key));
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<GenericKubernetesResource> values() {
    return items.values().stream().map(w -> w.toResource(kind));
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public GenericKubernetesResource get(String key) {
    return resource(items.get(key));
  }

  /** The cached form under an informer key ({@code namespace/name}), or null. */
  CachedWorkload cached(String key) {
    return items.get(key);
  }

  /** Every cached workload, without making resources of them. */
  Stream<CachedWorkload> cached() {
    return items.values().stream();
  }

  private GenericKubernetesResource resource(CachedWorkload cached) {
    return cached == null ? null : cached.toResource(kind);
  }
}
