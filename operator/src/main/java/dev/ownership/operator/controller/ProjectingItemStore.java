package dev.ownership.operator.controller;

import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** An informer store that keeps only the {@link WorkloadProjection} of each workload. */
final class ProjectingItemStore implements ItemStore<GenericKubernetesResource> {
  private final WorkloadKind kind;
  private final ConcurrentHashMap<String, GenericKubernetesResource> items =
      new ConcurrentHashMap<>();

  ProjectingItemStore(WorkloadKind kind) {
    this.kind = kind;
  }

  @Override
  public String getKey(GenericKubernetesResource obj) {
    return Cache.metaNamespaceKeyFunc(obj);
  }

  @Override
  public GenericKubernetesResource put(String key, GenericKubernetesResource obj) {
    return items.put(key, WorkloadProjection.project(kind, obj));
  }

  @Override
  public GenericKubernetesResource remove(String key) {
    return items.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return items.keySet().stream();
  }

  @Override
  public Stream<GenericKubernetesResource> values() {
    return items.values().stream();
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public GenericKubernetesResource get(String key) {
    return items.get(key);
  }
}
