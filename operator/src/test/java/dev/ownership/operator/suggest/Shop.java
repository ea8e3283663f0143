package dev.ownership.operator.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownership.operator.ownership.InvalidSelectorException;
import dev.ownership.operator.ownership.LabelSelectorMatcher;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.OwnershipClaim;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A namespace written the way manifests are (labels, annotations, images), resolved by the real
 * resolver and read by the real signal extractor: what the suggestion tests start from.
 */
final class Shop {
  static final String NS = "shop";
  static final OwnerResolver RESOLVER = new OwnerResolver(OwnerLabelKeys.DEFAULT);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<OwnershipClaim> claims = new ArrayList<>();
  private final List<JsonNode> manifests = new ArrayList<>();
  private Map<String, String> namespaceLabels = Map.of();

  /** A Deployment with labels on its pod template, annotations on itself and these images. */
  Shop deployment(
      String name, Map<String, String> labels, Map<String, String> annotations, String... images) {
    return workload(WorkloadKind.DEPLOYMENT, name, labels, annotations, images);
  }

  Shop deployment(String name, Map<String, String> labels) {
    return deployment(name, labels, Map.of());
  }

  Shop workload(
      WorkloadKind kind,
      String name,
      Map<String, String> labels,
      Map<String, String> annotations,
      String... images) {
    ObjectNode object = JSON.createObjectNode();
    object.put("apiVersion", kind.apiVersion()).put("kind", kind.kind());
    ObjectNode metadata = object.putObject("metadata").put("name", name).put("namespace", NS);
    annotations.forEach(metadata.putObject("annotations")::put);
    ObjectNode template = object;
    for (String segment : kind.podTemplatePath()) template = template.putObject(segment);
    labels.forEach(template.putObject("metadata").putObject("labels")::put);
    var containers = template.putObject("spec").putArray("containers");
    for (int i = 0; i < images.length; i++) {
      containers.addObject().put("name", "c" + i).put("image", images[i]);
    }
    manifests.add(object);
    return this;
  }

  Shop claim(String name, String team, Map<String, String> matchLabels) {
    return claim(name, team, new LabelSelectorBuilder().withMatchLabels(matchLabels).build());
  }

  Shop claim(String name, String team, LabelSelector selector) {
    try {
      claims.add(
          new OwnershipClaim(NS, name, team, name, null, LabelSelectorMatcher.compile(selector)));
    } catch (InvalidSelectorException e) {
      throw new AssertionError(e);
    }
    return this;
  }

  Shop namespaceLabels(Map<String, String> labels) {
    this.namespaceLabels = labels;
    return this;
  }

  NamespaceSnapshot snapshot() {
    NamespaceClaims namespaceClaims = NamespaceClaims.of(claims);
    List<ObservedWorkload> workloads = new ArrayList<>();
    for (JsonNode manifest : manifests) {
      WorkloadKind kind = WorkloadKind.fromKind(manifest.path("kind").asText()).orElseThrow();
      JsonNode template = manifest;
      for (String segment : kind.podTemplatePath()) template = template.path(segment);
      Map<String, String> labels =
          JSON.convertValue(template.path("metadata").path("labels"), Map.class);
      Workload workload =
          new Workload(
              new WorkloadRef(kind, NS, manifest.path("metadata").path("name").asText()),
              labels,
              List.of());
      workloads.add(
          new ObservedWorkload(
              workload,
              WorkloadSignals.from(workload, manifest),
              RESOLVER.resolve(workload, namespaceLabels, namespaceClaims)));
    }
    return new NamespaceSnapshot(NS, namespaceClaims, workloads);
  }

  NamespaceSuggestions suggestions(TeamNames teams) {
    return new OwnerSuggester(teams).suggest(snapshot());
  }

  NamespaceSuggestions suggestions() {
    return suggestions(TeamNames.NONE);
  }

  /** The suggestion for an unowned Deployment of this namespace. */
  Suggestion suggestion(String name) {
    return suggestions()
        .forWorkload(new WorkloadRef(WorkloadKind.DEPLOYMENT, NS, name))
        .orElseThrow(() -> new AssertionError(name + " is owned or unknown"));
  }
}
