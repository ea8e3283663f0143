package dev.ownership.operator.admission;

import dev.ownership.operator.ownership.ControllerReference;
import dev.ownership.operator.ownership.LabelValues;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.text.SafeText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an {@code admission.k8s.io/v1} AdmissionReview in one streaming pass, keeping only what the
 * decision needs (for a ServiceOwnership: its {@code spec.team}). Everything else — the pod spec,
 * status, managedFields, userInfo — is scanned by {@link JsonCursor} (checked, never decoded) and
 * never becomes an object, which keeps a 10 KB review in the microseconds.
 *
 * <p>Thread-safe: each call has its own cursor.
 */
public final class AdmissionReviewReader {
  /**
   * Where the pod template sits below {@code spec}, as {@link WorkloadKind#podTemplatePath()}
   * defines it.
   */
  private static final byte[][] POD_TEMPLATE = belowSpec(WorkloadKind.DEPLOYMENT);

  private static final byte[][] JOB_POD_TEMPLATE = belowSpec(WorkloadKind.CRONJOB);

  /** A ServiceOwnership's {@code spec.team}: the one field of its spec the webhook judges. */
  private static final byte[] SPEC_TEAM = JsonCursor.name("team");

  public static final String API_VERSION = "admission.k8s.io/v1";
  public static final String KIND = "AdmissionReview";

  private static final byte[] F_API_VERSION = JsonCursor.name("apiVersion");
  private static final byte[] F_KIND = JsonCursor.name("kind");
  private static final byte[] F_REQUEST = JsonCursor.name("request");
  private static final byte[] F_UID = JsonCursor.name("uid");
  private static final byte[] F_OPERATION = JsonCursor.name("operation");
  private static final byte[] F_NAMESPACE = JsonCursor.name("namespace");
  private static final byte[] F_NAME = JsonCursor.name("name");
  private static final byte[] F_DRY_RUN = JsonCursor.name("dryRun");
  private static final byte[] F_OBJECT = JsonCursor.name("object");
  private static final byte[] F_OLD_OBJECT = JsonCursor.name("oldObject");
  private static final byte[] F_GROUP = JsonCursor.name("group");
  private static final byte[] F_METADATA = JsonCursor.name("metadata");
  private static final byte[] F_SPEC = JsonCursor.name("spec");
  private static final byte[] F_GENERATE_NAME = JsonCursor.name("generateName");
  private static final byte[] F_LABELS = JsonCursor.name("labels");
  private static final byte[] F_OWNER_REFERENCES = JsonCursor.name("ownerReferences");
  private static final byte[] F_CONTROLLER = JsonCursor.name("controller");

  public ReviewRequest read(byte[] body) throws BadReviewException {
    return read(body, 0, body.length);
  }

  public ReviewRequest read(byte[] body, int offset, int length) throws BadReviewException {
    byte[] utf8 = body;
    int from = offset;
    int size = length;
    String unreadableTail = null;
    switch (BodyEncoding.of(body, offset, length)) {
      case UTF8 -> {}
      case UTF8_BOM -> {
        from += 3;
        size -= 3;
      }
      default -> {
        BodyEncoding.Converted converted = BodyEncoding.toUtf8(body, offset, length);
        utf8 = converted.utf8();
        unreadableTail = converted.unreadableTail();
        from = 0;
        size = utf8.length;
      }
    }
    return readReview(new JsonCursor(utf8, from, size, unreadableTail));
  }

  private static ReviewRequest readReview(JsonCursor c) throws BadReviewException {
    int first = c.first();
    if (first == 0)
      throw new BadReviewException(
          "the body is empty; send an AdmissionReview (" + API_VERSION + ") as JSON");
    if (first == JsonCursor.ARRAY) {
      throw new BadReviewException(
          "the body is a JSON array; send a single AdmissionReview object");
    }
    if (first != JsonCursor.OBJECT) {
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
    c.enter();
    while (c.nextField()) {
      if (c.fieldIs(F_API_VERSION)) {
        apiVersion = string(c, "apiVersion");
      } else if (c.fieldIs(F_KIND)) {
        kind = string(c, "kind");
      } else if (c.fieldIs(F_REQUEST)) {
        requestSeen = true;
        if (c.kind() == JsonCursor.OBJECT) {
          request = readRequest(c);
        } else {
          requestProblem = "request is " + describe(c.kind()) + "; it must be an object";
          c.skipValue();
        }
      } else {
        c.skipValue();
      }
    }
    if (c.next() != 0)
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

  private static ReviewRequest readRequest(JsonCursor c) throws BadReviewException {
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
    c.enter();
    while (c.nextField()) {
      int value = c.kind();
      if (c.fieldIs(F_UID)) {
        uid = string(c, "request.uid");
      } else if (c.fieldIs(F_KIND)) {
        if (value == JsonCursor.OBJECT) {
          kindSeen = true;
          String[] gk = readGroupKind(c);
          group = gk[0] == null ? "" : gk[0];
          kind = gk[1];
        } else if (value != JsonCursor.NULL) {
          throw new BadReviewException(
              "request.kind is "
                  + describe(value)
                  + "; it must be an object {group, version, kind}");
        }
      } else if (c.fieldIs(F_OPERATION)) {
        operation = string(c, "request.operation");
      } else if (c.fieldIs(F_NAMESPACE)) {
        namespace = string(c, "request.namespace");
      } else if (c.fieldIs(F_NAME)) {
        name = string(c, "request.name");
      } else if (c.fieldIs(F_DRY_RUN)) {
        if (value == JsonCursor.TRUE || value == JsonCursor.FALSE) {
          dryRun = value == JsonCursor.TRUE;
        } else if (value != JsonCursor.NULL) {
          throw new BadReviewException(
              "request.dryRun is " + describe(value) + "; it must be true or false");
        }
      } else if (c.fieldIs(F_OBJECT)) {
        object = readObjectOrNull(c, "request.object");
      } else if (c.fieldIs(F_OLD_OBJECT)) {
        oldObject = readObjectOrNull(c, "request.oldObject");
      } else {
        c.skipValue();
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

  private static String[] readGroupKind(JsonCursor c) throws BadReviewException {
    String group = null;
    String kind = null;
    c.enter();
    while (c.nextField()) {
      if (c.fieldIs(F_GROUP)) {
        group = string(c, "request.kind.group");
      } else if (c.fieldIs(F_KIND)) {
        kind = string(c, "request.kind.kind");
      } else {
        c.skipValue();
      }
    }
    return new String[] {group, kind};
  }

  private static ReviewedObject readObjectOrNull(JsonCursor c, String path)
      throws BadReviewException {
    int value = c.kind();
    if (value == JsonCursor.NULL) return null;
    if (value != JsonCursor.OBJECT)
      throw new BadReviewException(path + " is " + describe(value) + "; it must be an object");
    String apiVersion = null;
    String kind = null;
    Metadata metadata = Metadata.EMPTY;
    Map<String, String> templateLabels = null;
    Map<String, String> jobTemplateLabels = null;
    String team = null;
    String teamProblem = null;
    c.enter();
    while (c.nextField()) {
      if (c.fieldIs(F_API_VERSION)) {
        apiVersion = string(c, path + ".apiVersion");
      } else if (c.fieldIs(F_KIND)) {
        kind = string(c, path + ".kind");
      } else if (c.fieldIs(F_METADATA)) {
        metadata = readMetadata(c, path + ".metadata", true);
      } else if (c.fieldIs(F_SPEC)) {
        if (c.kind() != JsonCursor.OBJECT) {
          c.skipValue();
          continue;
        }
        // The kind is not known yet (fields come in any order), so both template paths are read.
        c.enter();
        while (c.nextField()) {
          int specValue = c.kind();
          if (c.fieldIs(POD_TEMPLATE[0])) {
            templateLabels = podTemplateLabels(c, POD_TEMPLATE, 1, specPath(c, path));
          } else if (c.fieldIs(JOB_POD_TEMPLATE[0])) {
            jobTemplateLabels = podTemplateLabels(c, JOB_POD_TEMPLATE, 1, specPath(c, path));
          } else if (c.fieldIs(SPEC_TEAM)) {
            if (specValue == JsonCursor.STRING) {
              team = c.readString();
            } else if (specValue != JsonCursor.NULL) {
              teamProblem =
                  specPath(c, path) + " is " + describe(specValue) + "; it must be a string";
              c.skipValue();
            }
          } else {
            c.skipValue();
          }
        }
      } else {
        c.skipValue();
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

  private static String specPath(JsonCursor c, String path) {
    return path + ".spec." + c.fieldName();
  }

  /**
   * Follows {@code steps} (from {@code step} on) down from this value to a pod template and returns
   * its {@code metadata.labels}; everything else (the big part: the pod spec) is skipped unread.
   * Null when a step is absent.
   */
  private static Map<String, String> podTemplateLabels(
      JsonCursor c, byte[][] steps, int step, String path) throws BadReviewException {
    if (c.kind() != JsonCursor.OBJECT) {
      c.skipValue();
      return null;
    }
    boolean last = step == steps.length;
    byte[] wanted = last ? F_METADATA : steps[step];
    Map<String, String> labels = null;
    c.enter();
    while (c.nextField()) {
      if (!c.fieldIs(wanted)) {
        c.skipValue();
      } else if (last) {
        labels = readMetadata(c, path + ".metadata", false).labels;
      } else {
        labels = podTemplateLabels(c, steps, step + 1, path + "." + c.fieldName());
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

  private static Metadata readMetadata(JsonCursor c, String path, boolean withOwners)
      throws BadReviewException {
    int value = c.kind();
    if (value == JsonCursor.NULL) return Metadata.EMPTY;
    if (value != JsonCursor.OBJECT)
      throw new BadReviewException(path + " is " + describe(value) + "; it must be an object");
    String name = null;
    String generateName = null;
    String namespace = null;
    Map<String, String> labels = null;
    List<ControllerReference> owners = null;
    c.enter();
    while (c.nextField()) {
      if (c.fieldIs(F_NAME)) {
        name = string(c, path + ".name");
      } else if (c.fieldIs(F_GENERATE_NAME)) {
        generateName = string(c, path + ".generateName");
      } else if (c.fieldIs(F_NAMESPACE)) {
        namespace = string(c, path + ".namespace");
      } else if (c.fieldIs(F_LABELS)) {
        labels = readLabels(c, path + ".labels");
      } else if (withOwners && c.fieldIs(F_OWNER_REFERENCES)) {
        owners = readOwnerReferences(c, path + ".ownerReferences");
      } else {
        c.skipValue();
      }
    }
    return new Metadata(name, generateName, namespace, labels, owners);
  }

  private static Map<String, String> readLabels(JsonCursor c, String path)
      throws BadReviewException {
    int value = c.kind();
    if (value == JsonCursor.NULL) return null;
    if (value != JsonCursor.OBJECT)
      throw new BadReviewException(
          path + " is " + describe(value) + "; it must be a map of strings");
    Map<String, String> labels = new HashMap<>();
    c.enter();
    while (c.nextField()) {
      String key = c.fieldName();
      int token = c.kind();
      if (token == JsonCursor.NULL) {
        labels.put(key, LabelValues.ofNull());
      } else if (token == JsonCursor.STRING) {
        labels.put(key, c.readString());
      } else {
        throw new BadReviewException(LabelValues.notAString(path, key, describe(token)));
      }
    }
    return labels;
  }

  private static List<ControllerReference> readOwnerReferences(JsonCursor c, String path)
      throws BadReviewException {
    int value = c.kind();
    if (value == JsonCursor.NULL) return null;
    if (value != JsonCursor.ARRAY)
      throw new BadReviewException(path + " is " + describe(value) + "; it must be a list");
    List<ControllerReference> owners = new ArrayList<>(1);
    int index = 0;
    c.enter();
    while (c.nextElement()) {
      String at = path + "[" + index++ + "]";
      int token = c.kind();
      if (token != JsonCursor.OBJECT)
        throw new BadReviewException(at + " is " + describe(token) + "; it must be an object");
      String apiVersion = null;
      String kind = null;
      String name = null;
      boolean controller = false;
      c.enter();
      while (c.nextField()) {
        if (c.fieldIs(F_API_VERSION)) {
          apiVersion = string(c, at + ".apiVersion");
        } else if (c.fieldIs(F_KIND)) {
          kind = string(c, at + ".kind");
        } else if (c.fieldIs(F_NAME)) {
          name = string(c, at + ".name");
        } else if (c.fieldIs(F_CONTROLLER)) {
          controller = flag(c.kind(), at + ".controller");
        } else {
          c.skipValue();
        }
      }
      owners.add(new ControllerReference(apiVersion, kind, name, controller));
    }
    return owners;
  }

  /** A boolean field (null reads as false, as the API server reads an unset one). */
  private static boolean flag(int value, String path) throws BadReviewException {
    if (value == JsonCursor.TRUE) return true;
    if (value == JsonCursor.FALSE || value == JsonCursor.NULL) return false;
    throw new BadReviewException(path + " is " + describe(value) + "; it must be true or false");
  }

  /** A string field, or null when it is JSON null; anything else is a bad request. */
  private static String string(JsonCursor c, String path) throws BadReviewException {
    int value = c.kind();
    if (value == JsonCursor.STRING) return c.readString();
    if (value == JsonCursor.NULL) return null;
    throw new BadReviewException(path + " is " + describe(value) + "; it must be a string");
  }

  private static String describe(int kind) {
    return switch (kind) {
      case JsonCursor.OBJECT -> "an object";
      case JsonCursor.ARRAY -> "an array";
      case JsonCursor.STRING -> "a string";
      case JsonCursor.NUMBER -> "a number";
      case JsonCursor.TRUE, JsonCursor.FALSE -> "a boolean";
      case JsonCursor.NULL -> "null";
      default -> "missing";
    };
  }

  private static byte[][] belowSpec(WorkloadKind kind) {
    List<String> path = kind.podTemplatePath();
    return path.subList(1, path.size()).stream().map(JsonCursor::name).toArray(byte[][]::new);
  }
}
