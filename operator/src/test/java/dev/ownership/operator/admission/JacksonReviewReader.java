package dev.ownership.operator.admission;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.ownership.operator.ownership.ControllerReference;
import dev.ownership.operator.ownership.LabelValues;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.text.SafeText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jackson-based AdmissionReview reader as it was before {@link AdmissionReviewReader} moved to
 * {@link JsonCursor}; kept, unchanged apart from its name, as the oracle of the differential tests:
 * the new reader must accept exactly what this one accepts and read the same request from it.
 */
final class JacksonReviewReader {
  /**
   * Where the pod template sits below {@code spec}, as {@link WorkloadKind#podTemplatePath()}
   * defines it.
   */
  private static final List<String> POD_TEMPLATE = belowSpec(WorkloadKind.DEPLOYMENT);

  private static final List<String> JOB_POD_TEMPLATE = belowSpec(WorkloadKind.CRONJOB);

  /** A ServiceOwnership's {@code spec.team}: the one field of its spec the webhook judges. */
  private static final String SPEC_TEAM = "team";

  public static final String API_VERSION = AdmissionReviewReader.API_VERSION;
  public static final String KIND = AdmissionReviewReader.KIND;

  private static final JsonFactory JSON = JsonFactory.builder().build();

  public ReviewRequest read(byte[] body) throws BadReviewException {
    return read(body, 0, body.length);
  }

  public ReviewRequest read(byte[] body, int offset, int length) throws BadReviewException {
    try (JsonParser p = JSON.createParser(body, offset, length)) {
      return readReview(p);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new BadReviewException(
          "the body is not valid JSON: " + SafeText.of(e.getOriginalMessage()) + where);
    } catch (IOException e) {
      throw new BadReviewException("the body could not be read: " + SafeText.of(e.getMessage()));
    }
  }

  private static ReviewRequest readReview(JsonParser p) throws IOException, BadReviewException {
    JsonToken first = p.nextToken();
    if (first == null)
      throw new BadReviewException(
          "the body is empty; send an AdmissionReview (" + API_VERSION + ") as JSON");
    if (first == JsonToken.START_ARRAY) {
      throw new BadReviewException(
          "the body is a JSON array; send a single AdmissionReview object");
    }
    if (first != JsonToken.START_OBJECT) {
      throw new BadReviewException(
          "the body is not a JSON object (found "
              + describe(first)
              + "); send an AdmissionReview object");
    }
    String apiVersion = null;
    String kind = null;
    ReviewRequest request = null;
    boolean requestSeen = false;
    String requestProblem = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "apiVersion" -> apiVersion = string(p, value, "apiVersion");
        case "kind" -> kind = string(p, value, "kind");
        case "request" -> {
          requestSeen = true;
          if (value == JsonToken.START_OBJECT) {
            request = readRequest(p);
          } else {
            requestProblem = "request is " + describe(value) + "; it must be an object";
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    if (p.nextToken() != null)
      throw new BadReviewException("unexpected data after the AdmissionReview object");

    if (apiVersion == null)
      throw new BadReviewException("apiVersion is missing; expected " + API_VERSION);
    if (!API_VERSION.equals(apiVersion)) {
      throw new BadReviewException(
          "apiVersion "
              + SafeText.of(apiVersion, SafeText.QUOTE_LIMIT)
              + " is not supported; this webhook answers "
              + API_VERSION
              + " only (set admissionReviewVersions: [v1] in the webhook configuration)");
    }
    if (kind != null && !KIND.equals(kind))
      throw new BadReviewException(
          "kind " + SafeText.of(kind, SafeText.QUOTE_LIMIT) + " is not " + KIND);
    if (!requestSeen)
      throw new BadReviewException(
          "request is missing; an AdmissionReview sent to a webhook carries a request");
    if (requestProblem != null) throw new BadReviewException(requestProblem);
    return request;
  }

  private static ReviewRequest readRequest(JsonParser p) throws IOException, BadReviewException {
    String uid = null;
    String group = null;
    String kind = null;
    boolean kindSeen = false;
    String operation = null;
    String namespace = null;
    String name = null;
    boolean dryRun = false;
    ReviewedObject object = null;
    ReviewedObject oldObject = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "uid" -> uid = string(p, value, "request.uid");
        case "kind" -> {
          if (value == JsonToken.START_OBJECT) {
            kindSeen = true;
            String[] gk = readGroupKind(p);
            group = gk[0] == null ? "" : gk[0];
            kind = gk[1];
          } else if (value != JsonToken.VALUE_NULL) {
            throw new BadReviewException(
                "request.kind is "
                    + describe(value)
                    + "; it must be an object {group, version, kind}");
          }
        }
        case "operation" -> operation = string(p, value, "request.operation");
        case "namespace" -> namespace = string(p, value, "request.namespace");
        case "name" -> name = string(p, value, "request.name");
        case "dryRun" -> {
          if (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE) {
            dryRun = value == JsonToken.VALUE_TRUE;
          } else if (value != JsonToken.VALUE_NULL) {
            throw new BadReviewException(
                "request.dryRun is " + describe(value) + "; it must be true or false");
          }
        }
        case "object" -> object = readObjectOrNull(p, value, "request.object");
        case "oldObject" -> oldObject = readObjectOrNull(p, value, "request.oldObject");
        default -> p.skipChildren();
      }
    }
    if (uid == null || uid.isEmpty()) {
      throw new BadReviewException("request.uid is missing; the response must echo it");
    }
    if (!kindSeen || kind == null) {
      group = null;
      kind = object == null ? null : object.kind();
    }
    return new ReviewRequest(
        uid, group, kind, operation, namespace, name, dryRun, object, oldObject);
  }

  private static String[] readGroupKind(JsonParser p) throws IOException, BadReviewException {
    String group = null;
    String kind = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "group" -> group = string(p, value, "request.kind.group");
        case "kind" -> kind = string(p, value, "request.kind.kind");
        default -> p.skipChildren();
      }
    }
    return new String[] {group, kind};
  }

  private static ReviewedObject readObjectOrNull(JsonParser p, JsonToken value, String path)
      throws IOException, BadReviewException {
    if (value == JsonToken.VALUE_NULL) return null;
    if (value != JsonToken.START_OBJECT)
      throw new BadReviewException(path + " is " + describe(value) + "; it must be an object");
    String apiVersion = null;
    String kind = null;
    Metadata metadata = Metadata.EMPTY;
    Map<String, String> templateLabels = null;
    Map<String, String> jobTemplateLabels = null;
    String team = null;
    String teamProblem = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken token = p.nextToken();
      switch (field) {
        case "apiVersion" -> apiVersion = string(p, token, path + ".apiVersion");
        case "kind" -> kind = string(p, token, path + ".kind");
        case "metadata" -> metadata = readMetadata(p, token, path + ".metadata", true);
        case "spec" -> {
          if (token != JsonToken.START_OBJECT) {
            p.skipChildren();
            continue;
          }
          // The kind is not known yet (fields come in any order), so both template paths are read.
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String specField = p.currentName();
            JsonToken specValue = p.nextToken();
            String where = path + ".spec." + specField;
            if (specField.equals(POD_TEMPLATE.get(0))) {
              templateLabels =
                  podTemplateLabels(
                      p, specValue, POD_TEMPLATE.subList(1, POD_TEMPLATE.size()), where);
            } else if (specField.equals(JOB_POD_TEMPLATE.get(0))) {
              jobTemplateLabels =
                  podTemplateLabels(
                      p, specValue, JOB_POD_TEMPLATE.subList(1, JOB_POD_TEMPLATE.size()), where);
            } else if (specField.equals(SPEC_TEAM)) {
              if (specValue == JsonToken.VALUE_STRING) {
                team = p.getText();
              } else if (specValue != JsonToken.VALUE_NULL) {
                teamProblem = where + " is " + describe(specValue) + "; it must be a string";
                p.skipChildren();
              }
            } else {
              p.skipChildren();
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    return new ReviewedObject(
        apiVersion,
        kind,
        metadata.name,
        metadata.generateName,
        metadata.namespace,
        metadata.labels,
        templateLabels,
        jobTemplateLabels,
        metadata.ownerReferences,
        team,
        teamProblem);
  }

  /**
   * Follows {@code steps} down from this value to a pod template and returns its {@code
   * metadata.labels}; everything else (the big part: the pod spec) is skipped unread. Null when a
   * step is absent.
   */
  private static Map<String, String> podTemplateLabels(
      JsonParser p, JsonToken value, List<String> steps, String path)
      throws IOException, BadReviewException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    String wanted = steps.isEmpty() ? "metadata" : steps.get(0);
    Map<String, String> labels = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken token = p.nextToken();
      if (!field.equals(wanted)) {
        p.skipChildren();
      } else if (steps.isEmpty()) {
        labels = readMetadata(p, token, path + ".metadata", false).labels;
      } else {
        labels = podTemplateLabels(p, token, steps.subList(1, steps.size()), path + "." + field);
      }
    }
    return labels;
  }

  private record Metadata(
      String name,
      String generateName,
      String namespace,
      Map<String, String> labels,
      List<ControllerReference> ownerReferences) {
    static final Metadata EMPTY = new Metadata(null, null, null, null, null);
  }

  private static Metadata readMetadata(
      JsonParser p, JsonToken value, String path, boolean withOwners)
      throws IOException, BadReviewException {
    if (value == JsonToken.VALUE_NULL) return Metadata.EMPTY;
    if (value != JsonToken.START_OBJECT)
      throw new BadReviewException(path + " is " + describe(value) + "; it must be an object");
    String name = null;
    String generateName = null;
    String namespace = null;
    Map<String, String> labels = null;
    List<ControllerReference> owners = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken token = p.nextToken();
      switch (field) {
        case "name" -> name = string(p, token, path + ".name");
        case "generateName" -> generateName = string(p, token, path + ".generateName");
        case "namespace" -> namespace = string(p, token, path + ".namespace");
        case "labels" -> labels = readLabels(p, token, path + ".labels");
        case "ownerReferences" -> {
          if (withOwners) {
            owners = readOwnerReferences(p, token, path + ".ownerReferences");
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    return new Metadata(name, generateName, namespace, labels, owners);
  }

  private static Map<String, String> readLabels(JsonParser p, JsonToken value, String path)
      throws IOException, BadReviewException {
    if (value == JsonToken.VALUE_NULL) return null;
    if (value != JsonToken.START_OBJECT)
      throw new BadReviewException(
          path + " is " + describe(value) + "; it must be a map of strings");
    Map<String, String> labels = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken token = p.nextToken();
      if (token == JsonToken.VALUE_NULL) {
        labels.put(key, LabelValues.ofNull());
      } else if (token == JsonToken.VALUE_STRING) {
        labels.put(key, p.getText());
      } else {
        throw new BadReviewException(LabelValues.notAString(path, key, describe(token)));
      }
    }
    return labels;
  }

  private static List<ControllerReference> readOwnerReferences(
      JsonParser p, JsonToken value, String path) throws IOException, BadReviewException {
    if (value == JsonToken.VALUE_NULL) return null;
    if (value != JsonToken.START_ARRAY)
      throw new BadReviewException(path + " is " + describe(value) + "; it must be a list");
    List<ControllerReference> owners = new ArrayList<>(1);
    JsonToken token;
    int index = 0;
    while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
      String at = path + "[" + index++ + "]";
      if (token != JsonToken.START_OBJECT)
        throw new BadReviewException(at + " is " + describe(token) + "; it must be an object");
      String apiVersion = null;
      String kind = null;
      String name = null;
      boolean controller = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "apiVersion" -> apiVersion = string(p, v, at + ".apiVersion");
          case "kind" -> kind = string(p, v, at + ".kind");
          case "name" -> name = string(p, v, at + ".name");
          case "controller" -> controller = flag(v, at + ".controller");
          default -> p.skipChildren();
        }
      }
      owners.add(new ControllerReference(apiVersion, kind, name, controller));
    }
    return owners;
  }

  /** A boolean field (null reads as false, as the API server reads an unset one). */
  private static boolean flag(JsonToken value, String path) throws BadReviewException {
    if (value == JsonToken.VALUE_TRUE) return true;
    if (value == JsonToken.VALUE_FALSE || value == JsonToken.VALUE_NULL) return false;
    throw new BadReviewException(path + " is " + describe(value) + "; it must be true or false");
  }

  /** A string field, or null when it is JSON null; anything else is a bad request. */
  private static String string(JsonParser p, JsonToken value, String path)
      throws IOException, BadReviewException {
    if (value == JsonToken.VALUE_STRING) return p.getText();
    if (value == JsonToken.VALUE_NULL) return null;
    throw new BadReviewException(path + " is " + describe(value) + "; it must be a string");
  }

  private static String describe(JsonToken token) {
    if (token == null) return "missing";
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }

  private static List<String> belowSpec(WorkloadKind kind) {
    List<String> path = kind.podTemplatePath();
    return List.copyOf(path.subList(1, path.size()));
  }
}
