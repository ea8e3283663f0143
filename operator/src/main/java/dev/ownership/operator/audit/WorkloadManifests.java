package dev.ownership.operator.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.ownership.ControllerReference;
import dev.ownership.operator.ownership.LabelValues;
import dev.ownership.operator.ownership.Workload;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what owner resolution needs from a workload manifest, without binding the whole object. */
final class WorkloadManifests {
  /** A manifest that cannot be read as a workload; the message says what to fix. */
  static final class UnreadableManifest extends Exception {
    private final String pointer;

    UnreadableManifest(String message, String pointer) {
      super(message);
      this.pointer = pointer;
    }

    /** The JSON Pointer of the offending node. */
    String pointer() {
      return pointer;
    }
  }

  private WorkloadManifests() {}

  static Workload toWorkload(WorkloadKind kind, JsonNode object, String defaultNamespace)
      throws UnreadableManifest {
    JsonNode metadata = object.path("metadata");
    if (!metadata.isMissingNode() && !metadata.isObject())
      throw new UnreadableManifest(
          "metadata is " + ManifestReader.describe(metadata) + ", not a mapping", "/metadata");
    String name = metadata.path("name").asText("");
    if (name.isEmpty()) {
      String generateName = metadata.path("generateName").asText("");
      if (generateName.isEmpty())
        throw new UnreadableManifest(kind.kind() + " has no metadata.name", "/metadata");
      name = generateName + "*";
    }
    String namespace = metadata.path("namespace").asText("");
    if (namespace.isEmpty()) namespace = defaultNamespace;

    JsonNode template = object;
    for (String segment : kind.podTemplatePath()) template = template.path(segment);
    Map<String, String> own = labels(metadata.path("labels"), List.of("metadata", "labels"));
    List<String> templateLabels = new ArrayList<>(kind.podTemplatePath());
    templateLabels.addAll(List.of("metadata", "labels"));
    Map<String, String> podTemplate =
        labels(template.path("metadata").path("labels"), templateLabels);

    List<ControllerReference> owners = new ArrayList<>();
    JsonNode references = metadata.path("ownerReferences");
    if (references.isArray()) {
      for (JsonNode reference : references) {
        owners.add(
            new ControllerReference(
                reference.path("apiVersion").asText(""),
                reference.path("kind").asText(""),
                reference.path("name").asText(""),
                reference.path("controller").asBoolean(false)));
      }
    }
    return Workload.of(new WorkloadRef(kind, namespace, name), own, podTemplate, owners);
  }

  /**
   * @param path where the labels are, e.g. {@code [metadata, labels]}
   */
  static Map<String, String> labels(JsonNode labels, List<String> path) throws UnreadableManifest {
    if (labels.isMissingNode() || labels.isNull()) return Map.of();
    String where = String.join(".", path);
    String pointer = SourceLines.pointer(path.toArray(String[]::new));
    if (!labels.isObject())
      throw new UnreadableManifest(
          where + " is " + ManifestReader.describe(labels) + ", not a mapping", pointer);
    Map<String, String> result = new LinkedHashMap<>();
    var fields = labels.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        result.put(field.getKey(), LabelValues.ofNull());
      } else if (value.isTextual()) {
        result.put(field.getKey(), value.asText());
      } else {
        // kubectl refuses it too ("cannot unmarshal number into ... of type string").
        throw new UnreadableManifest(
            LabelValues.notAString(where, field.getKey(), ManifestReader.describe(value)),
            pointer + "/" + SourceLines.escape(field.getKey()));
      }
    }
    return result;
  }
}
