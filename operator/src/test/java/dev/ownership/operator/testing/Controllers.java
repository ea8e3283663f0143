package dev.ownership.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * What Kubernetes' controllers would create below a workload: ReplicaSets, Jobs and Pods with
 * controller ownerReferences, as the CRUD mock has no controllers of its own.
 */
public final class Controllers {
  private final KubernetesClient client;

  public Controllers(KubernetesClient client) {
    this.client = client;
  }

  /** Creates the object and returns it as stored (with its uid). */
  public <T extends HasMetadata> T create(T object) {
    return client.resource(object).create();
  }

  public static OwnerReference controller(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /** A pod of {@code owner} (null for an orphan), labelled like its template. */
  public Pod pod(String ns, String name, HasMetadata owner, Map<String, String> labels) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace(ns)
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("registry.example/app:1.0")
            .endContainer()
            .endSpec();
    if (owner != null) pod.editMetadata().withOwnerReferences(controller(owner)).endMetadata();
    return create(pod.build());
  }

  public ReplicaSet replicaSet(
      String ns, String name, HasMetadata owner, Map<String, String> labels) {
    ReplicaSetBuilder rs =
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withNamespace(ns)
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withNewSelector()
            .withMatchLabels(labels)
            .endSelector()
            .withTemplate(Manifests.template(labels))
            .endSpec();
    if (owner != null) rs.editMetadata().withOwnerReferences(controller(owner)).endMetadata();
    return create(rs.build());
  }

  public Job job(String ns, String name, HasMetadata owner, Map<String, String> labels) {
    JobBuilder job =
        new JobBuilder()
            .withNewMetadata()
            .withNamespace(ns)
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withTemplate(Manifests.template(labels))
            .endSpec();
    if (owner != null) job.editMetadata().withOwnerReferences(controller(owner)).endMetadata();
    return create(job.build());
  }

  public Service service(String ns, String name, Map<String, String> selector) {
    return create(
        new ServiceBuilder()
            .withNewMetadata()
            .withNamespace(ns)
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withSelector(selector)
            .addNewPort()
            .withPort(80)
            .endPort()
            .endSpec()
            .build());
  }
}
