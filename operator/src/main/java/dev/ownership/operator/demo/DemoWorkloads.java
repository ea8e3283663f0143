package dev.ownership.operator.demo;

import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The demo cluster's workload objects of every kind, sorted as the reports list them. */
final class DemoWorkloads {
  private DemoWorkloads() {}

  static List<GenericKubernetesResource> list(KubernetesClient client) {
    List<GenericKubernetesResource> workloads = new ArrayList<>();
    for (WorkloadKind kind : WorkloadKind.values()) {
      ResourceDefinitionContext context =
          new ResourceDefinitionContext.Builder()
              .withGroup(kind.group())
              .withVersion(kind.version())
              .withKind(kind.kind())
              .withPlural(kind.plural())
              .withNamespaced(true)
              .build();
      for (GenericKubernetesResource r :
          client.genericKubernetesResources(context).inAnyNamespace().list().getItems()) {
        // Some servers list items without kind; the request says what they are.
        r.setKind(kind.kind());
        r.setApiVersion(kind.apiVersion());
        workloads.add(r);
      }
    }
    workloads.sort(
        Comparator.comparing((GenericKubernetesResource r) -> r.getMetadata().getNamespace())
            .thenComparing(GenericKubernetesResource::getKind)
            .thenComparing(r -> r.getMetadata().getName()));
    return workloads;
  }

  static WorkloadKind kindOf(GenericKubernetesResource resource) {
    return WorkloadKind.fromApiVersionKind(resource.getApiVersion(), resource.getKind())
        .orElseThrow();
  }
}
