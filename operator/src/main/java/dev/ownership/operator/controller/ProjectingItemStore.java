package dev.ownership.operator.controller;

import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An informer store that keeps only a {@link CachedWorkload} of each workload. fabric8's informer
 * reads {@code GenericKubernetesResource}s from it (the previous object of an update, the initial
 * adds, a relist's deletions, the namespace index): it gets a {@link CachedResource} for each,
 * which makes the resource's fields from the record only when they are read. At sync fabric8 reads
 * every workload at once (one add notification each, queued before any is handled): made eagerly,
 * 100,000 resources of about 2 KB were alive together, the largest part of the startup's peak heap.
 * The operator's own readers take the cached form itself through {@link #cached}.
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
    return items.values().stream().map(this::resource);
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
    return cached == null ? null : new CachedResource(kind, cached);
  }

  /**
   * A resource whose fields are made from its record on each read, and kept by nobody: it costs two
   * references however long fabric8 holds it (its notifications of a sync, a relist's list of every
   * cached workload).
   */
  private static final class CachedResource extends GenericKubernetesResource {
    private final WorkloadKind kind;
    private final CachedWorkload cached;

    CachedResource(WorkloadKind kind, CachedWorkload cached) {
      this.kind = kind;
      this.cached = cached;
    }

    private GenericKubernetesResource made() {
      return cached.toResource(kind);
    }

    @Override
    public String getApiVersion() {
      return made().getApiVersion();
    }

    @Override
    public String getKind() {
      return made().getKind();
    }

    @Override
    public ObjectMeta getMetadata() {
      return made().getMetadata();
    }

    @Override
    public Map<String, Object> getAdditionalProperties() {
      return made().getAdditionalProperties();
    }

    // A view of the cache: nothing may change it through here (fabric8 does not; a change
    // would be lost silently otherwise).
    @Override
    public void setApiVersion(String apiVersion) {
      throw readOnly();
    }

    @Override
    public void setKind(String kind) {
      throw readOnly();
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
      throw readOnly();
    }

    @Override
    public void setAdditionalProperty(String name, Object value) {
      throw readOnly();
    }

    @Override
    public void setAdditionalProperties(Map<String, Object> additionalProperties) {
      throw readOnly();
    }

    private static UnsupportedOperationException readOnly() {
      return new UnsupportedOperationException("a cached workload is read-only");
    }
  }
}
