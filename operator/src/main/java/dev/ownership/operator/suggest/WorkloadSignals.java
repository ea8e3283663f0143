package dev.ownership.operator.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ownership.operator.ownership.Workload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a workload says about where it came from, beyond what owner resolution reads: the tool that
 * deployed it (Helm, Argo CD, Flux), the application it is part of, and the repositories of its
 * images. Label signals are read from the workload's effective labels (pod template overlaid by its
 * own), annotations from its own metadata, images from its pod template's containers. The one
 * extractor for manifests and live objects alike: both arrive here as JSON trees.
 *
 * @param helmRelease null when absent, as every other field
 * @param imageRepositories distinct, in container order (see {@link ImageRepository})
 */
public record WorkloadSignals(
    NamespacedName helmRelease,
    String argoCdApplication,
    NamespacedName fluxKustomization,
    NamespacedName fluxHelmRelease,
    String partOf,
    String instance,
    String chart,
    List<String> imageRepositories) {
  public static final String HELM_RELEASE_NAME = "meta.helm.sh/release-name";
  public static final String HELM_RELEASE_NAMESPACE = "meta.helm.sh/release-namespace";
  public static final String ARGO_CD_TRACKING_ID = "argocd.argoproj.io/tracking-id";
  public static final String ARGO_CD_INSTANCE_LABEL = "argocd.argoproj.io/instance";
  public static final String FLUX_KUSTOMIZATION_NAME = "kustomize.toolkit.fluxcd.io/name";
  public static final String FLUX_KUSTOMIZATION_NAMESPACE = "kustomize.toolkit.fluxcd.io/namespace";
  public static final String FLUX_HELM_RELEASE_NAME = "helm.toolkit.fluxcd.io/name";
  public static final String FLUX_HELM_RELEASE_NAMESPACE = "helm.toolkit.fluxcd.io/namespace";
  public static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
  public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  public static final String CHART_LABEL = "helm.sh/chart";

  /** A pod rarely has more; the bound keeps a hostile manifest from costing more. */
  static final int MAX_IMAGES = 32;

  public static final WorkloadSignals NONE =
      new WorkloadSignals(null, null, null, null, null, null, null, List.of());

  private static final ObjectMapper JSON = new ObjectMapper();

  public WorkloadSignals {
    imageRepositories = imageRepositories == null ? List.of() : List.copyOf(imageRepositories);
  }

  /**
   * Reads the signals of a workload manifest or a live object converted to JSON.
   *
   * @param workload the same object's resolution input (its effective labels, kind and namespace)
   */
  public static WorkloadSignals from(Workload workload, JsonNode object) {
    Map<String, String> labels = workload.labels();
    JsonNode annotations = object.path("metadata").path("annotations");
    String namespace = workload.ref().namespace();

    NamespacedName helm = null;
    String release = text(annotations.path(HELM_RELEASE_NAME));
    if (release != null) {
      String releaseNamespace = text(annotations.path(HELM_RELEASE_NAMESPACE));
      helm = new NamespacedName(releaseNamespace == null ? namespace : releaseNamespace, release);
    }

    // tracking-id is "<application>:<group>/<kind>:<namespace>/<name>"; the label holds the name.
    String argo = text(annotations.path(ARGO_CD_TRACKING_ID));
    if (argo != null) {
      int colon = argo.indexOf(':');
      argo = colon > 0 ? argo.substring(0, colon) : null;
    }
    if (argo == null) argo = blankToNull(labels.get(ARGO_CD_INSTANCE_LABEL));

    JsonNode template = object;
    for (String segment : workload.ref().kind().podTemplatePath())
      template = template.path(segment);
    Set<String> repositories = new LinkedHashSet<>();
    JsonNode containers = template.path("spec").path("containers");
    if (containers.isArray()) {
      for (JsonNode container : containers) {
        if (repositories.size() == MAX_IMAGES) break;
        ImageRepository.of(text(container.path("image"))).ifPresent(repositories::add);
      }
    }

    return new WorkloadSignals(
        helm,
        argo,
        namespacedLabel(labels, FLUX_KUSTOMIZATION_NAME, FLUX_KUSTOMIZATION_NAMESPACE, namespace),
        namespacedLabel(labels, FLUX_HELM_RELEASE_NAME, FLUX_HELM_RELEASE_NAMESPACE, namespace),
        blankToNull(labels.get(PART_OF_LABEL)),
        blankToNull(labels.get(INSTANCE_LABEL)),
        blankToNull(labels.get(CHART_LABEL)),
        new ArrayList<>(repositories));
  }

  /** Reads the signals of a typed or generic live object from the API. */
  public static WorkloadSignals from(Workload workload, HasMetadata object) {
    JsonNode tree = JSON.valueToTree(object);
    return from(workload, tree);
  }

  private static NamespacedName namespacedLabel(
      Map<String, String> labels, String nameKey, String namespaceKey, String namespace) {
    String name = blankToNull(labels.get(nameKey));
    if (name == null) return null;
    String objectNamespace = blankToNull(labels.get(namespaceKey));
    return new NamespacedName(objectNamespace == null ? namespace : objectNamespace, name);
  }

  private static String text(JsonNode node) {
    return node.isTextual() ? blankToNull(node.asText()) : null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
