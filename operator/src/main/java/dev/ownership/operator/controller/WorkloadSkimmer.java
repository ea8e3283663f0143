package dev.ownership.operator.controller;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.ownership.operator.ownership.OwnershipKeys;
import dev.ownership.operator.ownership.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a workload from the list and watch JSON of its informer keeping only what {@link
 * CachedWorkload} keeps, and skips the rest without building it. fabric8 would turn every watch
 * event's object into a JSON tree, then a typed Deployment, then convert that to a {@code
 * GenericKubernetesResource} of nested maps (of which the cache keeps under 1 %): at 100,000
 * workloads that was over half of the startup CPU, and while 10,000 workloads were being marked it
 * kept the client's event loop busy, so answers to the writes queued behind it.
 *
 * <p>The result has the full object's shape with only those parts in it: the metadata the cache
 * reads, the operator's own annotations, and the pod template's labels where each kind keeps them
 * (a list item carries no kind, so the store's kind picks). A watch's ERROR event carries a {@code
 * Status} (410 Gone makes the informer list again): that is read as one.
 */
final class WorkloadSkimmer extends JsonDeserializer<KubernetesResource> {

  /** Where each kind's pod template is, with its labels below: ["spec", "template", ...]. */
  private static final List<List<String>> TEMPLATE_LABEL_PATHS =
      java.util.Arrays.stream(WorkloadKind.values())
          .map(WorkloadKind::podTemplatePath)
          .distinct()
          .map(
              path -> {
                List<String> full = new ArrayList<>(path);
                full.add("metadata");
                full.add("labels");
                return List.copyOf(full);
              })
          .toList();

  @Override
  public KubernetesResource deserialize(JsonParser p, DeserializationContext ctxt)
      throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.START_OBJECT) token = p.nextToken();
    if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT) {
      throw MismatchedInputException.from(
          p, GenericKubernetesResource.class, "a workload must be a JSON object");
    }
    String apiVersion = null;
    String kind = null;
    ObjectMeta metadata = null;
    Map<String, Object> kept = new LinkedHashMap<>(2);
    // A Status's own fields (scalars at the top); a workload's "status" is an object and skipped.
    Integer code = null;
    String status = null;
    String reason = null;
    String message = null;
    for (; token == JsonToken.FIELD_NAME; token = p.nextToken()) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "apiVersion" -> apiVersion = text(p, value);
        case "kind" -> kind = text(p, value);
        case "metadata" -> metadata = value == JsonToken.START_OBJECT ? metadata(p) : skip(p);
        case "code" -> {
          if (value == JsonToken.VALUE_NUMBER_INT) code = p.getIntValue();
          else p.skipChildren();
        }
        case "status" -> status = value.isScalarValue() ? text(p, value) : skip(p);
        case "reason" -> reason = value.isScalarValue() ? text(p, value) : skip(p);
        case "message" -> message = value.isScalarValue() ? text(p, value) : skip(p);
        default -> {
          List<List<String>> paths = below(TEMPLATE_LABEL_PATHS, 0, field);
          if (paths.isEmpty() || value != JsonToken.START_OBJECT) p.skipChildren();
          else kept.put(field, descend(p, paths, 1));
        }
      }
    }
    if ("Status".equals(kind)) {
      return new StatusBuilder()
          .withApiVersion(apiVersion)
          .withKind(kind)
          .withCode(code)
          .withStatus(status)
          .withReason(reason)
          .withMessage(message)
          .build();
    }
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion(apiVersion);
    resource.setKind(kind);
    resource.setMetadata(metadata == null ? new ObjectMeta() : metadata);
    // List items carry no kind: every kind's template path is kept in the full object's shape, and
    // the store's kind picks its own (WorkloadProjection.podTemplateLabels), as for a full object.
    kept.forEach(resource::setAdditionalProperty);
    return resource;
  }

  /** The paths whose step at {@code depth} is {@code field}. */
  private static List<List<String>> below(List<List<String>> paths, int depth, String field) {
    List<List<String>> matching = null;
    for (List<String> path : paths) {
      if (path.size() > depth && path.get(depth).equals(field)) {
        if (matching == null) matching = new ArrayList<>(paths.size());
        matching.add(path);
      }
    }
    return matching == null ? List.of() : matching;
  }

  /**
   * The parts of an object reached along {@code paths}' first {@code depth} steps that lie on them,
   * as nested maps.
   */
  private static Map<String, Object> descend(JsonParser p, List<List<String>> paths, int depth)
      throws IOException {
    Map<String, Object> out = new LinkedHashMap<>(2);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      List<List<String>> matching = below(paths, depth, field);
      if (matching.isEmpty() || value != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      // The paths are distinct and none is a prefix of another: they end here or all go deeper.
      out.put(
          field,
          matching.get(0).size() == depth + 1
              ? stringMap(p, null)
              : descend(p, matching, depth + 1));
    }
    return out;
  }

  private static ObjectMeta metadata(JsonParser p) throws IOException {
    ObjectMeta meta = new ObjectMeta();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "name" -> meta.setName(text(p, value));
        case "namespace" -> meta.setNamespace(text(p, value));
        case "uid" -> meta.setUid(text(p, value));
        case "resourceVersion" -> meta.setResourceVersion(text(p, value));
        case "deletionTimestamp" -> meta.setDeletionTimestamp(text(p, value));
        case "labels" ->
            meta.setLabels(value == JsonToken.START_OBJECT ? stringMap(p, null) : skip(p));
        case "annotations" ->
            meta.setAnnotations(
                value == JsonToken.START_OBJECT ? stringMap(p, OwnershipKeys.PREFIX) : skip(p));
        case "ownerReferences" ->
            meta.setOwnerReferences(value == JsonToken.START_ARRAY ? owners(p) : skip(p));
        default -> p.skipChildren();
      }
    }
    return meta;
  }

  private static List<OwnerReference> owners(JsonParser p) throws IOException {
    List<OwnerReference> owners = new ArrayList<>(1);
    while (p.nextToken() == JsonToken.START_OBJECT) {
      OwnerReference owner = new OwnerReference();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "apiVersion" -> owner.setApiVersion(text(p, value));
          case "kind" -> owner.setKind(text(p, value));
          case "name" -> owner.setName(text(p, value));
          case "uid" -> owner.setUid(text(p, value));
          case "controller" ->
              owner.setController(
                  value == JsonToken.VALUE_TRUE
                      ? Boolean.TRUE
                      : value == JsonToken.VALUE_FALSE ? Boolean.FALSE : null);
          default -> p.skipChildren();
        }
      }
      owners.add(owner);
    }
    if (p.currentToken() != JsonToken.END_ARRAY) {
      throw MismatchedInputException.from(
          p, OwnerReference.class, "metadata.ownerReferences must hold objects");
    }
    return owners;
  }

  /**
   * A map of string values (a JSON null stays null, as fabric8 reads it); with {@code prefix}, only
   * the keys starting with it, the others skipped unread.
   */
  private static Map<String, String> stringMap(JsonParser p, String prefix) throws IOException {
    Map<String, String> map = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken value = p.nextToken();
      if (prefix != null && !key.startsWith(prefix)) {
        p.skipChildren();
        continue;
      }
      map.put(key, text(p, value));
    }
    return map;
  }

  /** A scalar as text (null for JSON null), as fabric8's model reads a string field. */
  private static String text(JsonParser p, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) return null;
    if (value.isScalarValue()) return p.getText();
    throw MismatchedInputException.from(
        p, String.class, "expected a string for " + p.currentName() + ", found " + value);
  }

  /** Skips the current value; typed to fit wherever a value was expected. */
  private static <T> T skip(JsonParser p) throws IOException {
    p.skipChildren();
    return null;
  }
}
