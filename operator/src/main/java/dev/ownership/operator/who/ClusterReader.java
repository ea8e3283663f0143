package dev.ownership.operator.who;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.api.Team;
import dev.ownership.operator.text.SafeText;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every read {@code who} makes, through one client: gets and lists, nothing else. Failures become
 * {@link ReadFailure}s with one-line messages; a 404 on a get is "absent", not a failure.
 */
public final class ClusterReader {
  private static final ResourceDefinitionContext NAMESPACES =
      new ResourceDefinitionContext.Builder()
          .withGroup("")
          .withVersion("v1")
          .withKind("Namespace")
          .withPlural("namespaces")
          .withNamespaced(false)
          .build();

  private final KubernetesClient client;

  public ClusterReader(KubernetesClient client) {
    this.client = client;
  }

  /** The object, or empty when it does not exist. */
  public Optional<GenericKubernetesResource> get(TargetKind kind, String namespace, String name) {
    return Optional.ofNullable(
        read(
            "get",
            kind.group(),
            kind.plural(),
            namespace,
            () ->
                client
                    .genericKubernetesResources(context(kind))
                    .inNamespace(namespace)
                    .withName(name)
                    .get()));
  }

  /** Every object of the kind in the namespace, or in all namespaces when it is null. */
  public List<GenericKubernetesResource> list(TargetKind kind, String namespace) {
    return read(
        "list",
        kind.group(),
        kind.plural(),
        namespace,
        () ->
            namespace == null
                ? client
                    .genericKubernetesResources(context(kind))
                    .inAnyNamespace()
                    .list()
                    .getItems()
                : client
                    .genericKubernetesResources(context(kind))
                    .inNamespace(namespace)
                    .list()
                    .getItems());
  }

  /** The namespace's labels, or empty when the namespace does not exist. */
  public Optional<Map<String, String>> namespaceLabels(String namespace) {
    GenericKubernetesResource ns =
        read(
            "get",
            "",
            "namespaces",
            null,
            () -> client.genericKubernetesResources(NAMESPACES).withName(namespace).get());
    if (ns == null) return Optional.empty();
    Map<String, String> labels = ns.getMetadata().getLabels();
    return Optional.of(labels == null ? Map.of() : labels);
  }

  /** Every namespace, with its labels. */
  public List<Namespace> namespaces() {
    return read("list", "", "namespaces", null, () -> client.namespaces().list().getItems());
  }

  /**
   * The ServiceOwnerships of the namespace (all namespaces when null); none when the CRD is not
   * installed, which is what the operator would see too.
   */
  public List<ServiceOwnership> serviceOwnerships(String namespace) {
    try {
      return read(
          "list",
          ServiceOwnership.GROUP,
          "serviceownerships",
          namespace,
          () ->
              namespace == null
                  ? client.resources(ServiceOwnership.class).inAnyNamespace().list().getItems()
                  : client
                      .resources(ServiceOwnership.class)
                      .inNamespace(namespace)
                      .list()
                      .getItems());
    } catch (ReadFailure e) {
      if (e.getCause() instanceof KubernetesClientException k && k.getCode() == 404)
        return List.of();
      throw e;
    }
  }

  /**
   * Every Team of the registry; none when the Team CRD is not installed, which is what the operator
   * would see too (a registry not in use).
   */
  public List<Team> teams() {
    try {
      return read(
          "list",
          ServiceOwnership.GROUP,
          "teams",
          null,
          () -> client.resources(Team.class).list().getItems());
    } catch (ReadFailure e) {
      if (e.getCause() instanceof KubernetesClientException k && k.getCode() == 404)
        return List.of();
      throw e;
    }
  }

  public String defaultNamespace() {
    String ns = client.getConfiguration().getNamespace();
    return ns == null || ns.isBlank() ? "default" : ns;
  }

  private <T> T read(
      String verb, String group, String resource, String namespace, Supplier<T> call) {
    try {
      return call.get();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        throw new ReadFailure(
            ForbiddenRead.message(e.getStatus(), verb, group, resource, namespace), e);
      }
      if (e.getCode() == 401) {
        throw new ReadFailure(
            "unauthorized: the API server at "
                + client.getMasterUrl()
                + " did not accept the kubeconfig's credentials (log in again?)",
            e);
      }
      String where =
          client.getMasterUrl() == null ? "the cluster" : client.getMasterUrl().toString();
      String detail = e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "";
      throw new ReadFailure(
          "cannot "
              + verb
              + " "
              + resource
              + (namespace == null ? "" : " in namespace " + namespace)
              + " from "
              + where
              + ": "
              + detail
              + SafeText.of(rootMessage(e), 200),
          e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  static ResourceDefinitionContext context(TargetKind kind) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(kind.group())
        .withVersion(kind.version())
        .withKind(kind.kind())
        .withPlural(kind.plural())
        .withNamespaced(true)
        .build();
  }
}
