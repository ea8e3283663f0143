package dev.ownership.operator.controller;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The client the workload informers list and watch with: the operator's configuration (credentials,
 * TLS, token refresh), but its own connections and event loop, and JSON reading that keeps only
 * what the cache keeps ({@link WorkloadSkimmer}). Its own event loop because the workloads' watch
 * traffic is by far the largest the operator receives: on a shared one, the answers to the
 * operator's writes waited behind the watch events those writes caused.
 */
final class WorkloadInformerClient {
  private WorkloadInformerClient() {}

  static KubernetesClient from(KubernetesClient client) {
    return new KubernetesClientBuilder()
        .withConfig(client.getConfiguration())
        .withKubernetesSerialization(serialization())
        .build();
  }

  /** The JSON reading of that client: lists and watch events of workloads, skimmed. */
  static KubernetesSerialization serialization() {
    ObjectMapper mapper =
        new ObjectMapper()
            .addMixIn(GenericKubernetesResource.class, Skimmed.class)
            .addMixIn(WatchEvent.class, SkimmedWatchEvent.class);
    return new KubernetesSerialization(mapper, true);
  }

  /** List items are read into {@code GenericKubernetesResource}s: skimmed. */
  @JsonDeserialize(using = WorkloadSkimmer.class)
  private abstract static class Skimmed {}

  /**
   * A watch event's object is otherwise read as a tree and then as whatever class fabric8 has for
   * its kind (a typed Deployment), and converted to the informer's type after.
   */
  private abstract static class SkimmedWatchEvent {
    @JsonDeserialize(using = WorkloadSkimmer.class)
    Object object;

    @JsonDeserialize(using = WorkloadSkimmer.class)
    abstract void setObject(Object object);
  }
}
