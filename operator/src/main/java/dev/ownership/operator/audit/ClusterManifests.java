package dev.ownership.operator.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the live cluster as if it were manifests: Namespaces, Teams, ServiceOwnerships and the five
 * workload kinds in every namespace, page by page ({@code limit} + {@code continue}) so that large
 * clusters are not loaded by one request.
 */
public final class ClusterManifests {
  public static final String SOURCE = "cluster";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final long pageSize;
  private final List<ManifestDocument> documents = new ArrayList<>();
  private final List<AuditProblem> notices = new ArrayList<>();

  private ClusterManifests(KubernetesClient client, long pageSize) {
    this.client = client;
    this.pageSize = pageSize;
  }

  /**
   * @throws KubernetesClientException when the cluster cannot be read (no access, no connection)
   */
  public static ManifestReader.Result read(KubernetesClient client, long pageSize) {
    ClusterManifests reader = new ClusterManifests(client, pageSize);
    reader.listAll(context("", "v1", "Namespace", "namespaces", false));
    try {
      reader.listAll(
          context(
              ServiceOwnership.GROUP,
              ServiceOwnership.VERSION,
              "ServiceOwnership",
              "serviceownerships",
              true));
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) throw e;
      reader.notices.add(
          new AuditProblem(
              DocumentOrigin.wholeSource(SOURCE),
              "the ServiceOwnership CRD is not installed (kubectl apply -f crds/); resolving"
                  + " without ServiceOwnerships"));
    }
    try {
      reader.listAll(
          context(ServiceOwnership.GROUP, ServiceOwnership.VERSION, "Team", "teams", false));
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) throw e;
      reader.notices.add(
          new AuditProblem(
              DocumentOrigin.wholeSource(SOURCE),
              "the Team CRD is not installed (kubectl apply -f crds/); resolving without the Team"
                  + " registry"));
    }
    for (WorkloadKind kind : WorkloadKind.values()) {
      reader.listAll(context(kind.group(), kind.version(), kind.kind(), kind.plural(), true));
    }
    return new ManifestReader.Result(
        List.copyOf(reader.documents), List.of(), List.copyOf(reader.notices));
  }

  private static ResourceDefinitionContext context(
      String group, String version, String kind, String plural, boolean namespaced) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }

  private void listAll(ResourceDefinitionContext context) {
    String apiVersion =
        context.getGroup().isEmpty()
            ? context.getVersion()
            : context.getGroup() + "/" + context.getVersion();
    String continueToken = null;
    do {
      ListOptions options =
          new ListOptionsBuilder().withLimit(pageSize).withContinue(continueToken).build();
      GenericKubernetesResourceList page =
          context.isNamespaceScoped()
              ? client.genericKubernetesResources(context).inAnyNamespace().list(options)
              : client.genericKubernetesResources(context).list(options);
      for (GenericKubernetesResource item : page.getItems()) {
        JsonNode body = JSON.valueToTree(item);
        // List items come without apiVersion and kind from some servers; the request says what they
        // are.
        ((com.fasterxml.jackson.databind.node.ObjectNode) body)
            .put("apiVersion", apiVersion)
            .put("kind", context.getKind());
        String namespace = item.getMetadata().getNamespace();
        documents.add(
            new ManifestDocument(
                DocumentOrigin.wholeSource(
                    SOURCE
                        + " "
                        + context.getKind()
                        + " "
                        + (namespace == null ? "" : namespace + "/")
                        + item.getMetadata().getName()),
                body));
      }
      continueToken = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    } while (continueToken != null && !continueToken.isEmpty());
  }
}
