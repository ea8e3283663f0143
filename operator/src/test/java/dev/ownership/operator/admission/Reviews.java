package dev.ownership.operator.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownership.operator.ownership.WorkloadKind;
import java.util.Map;
import java.util.UUID;

/** Builds AdmissionReview bodies the way the API server sends them. */
final class Reviews {
  static final ObjectMapper JSON = new ObjectMapper();

  private final String group;
  private final String version;
  private final String kind;
  private String uid = UUID.randomUUID().toString();
  private String operation = "CREATE";
  private String namespace = "shop";
  private String name = "cart";
  private boolean dryRun;
  private ObjectNode object;
  private ObjectNode oldObject;

  private Reviews(String group, String version, String kind) {
    this.group = group;
    this.version = version;
    this.kind = kind;
  }

  static Reviews of(WorkloadKind kind) {
    return new Reviews(kind.group(), kind.version(), kind.kind());
  }

  static Reviews of(String group, String version, String kind) {
    return new Reviews(group, version, kind);
  }

  /**
   * A review of a manifest as it would be created; the request's kind comes from its apiVersion and
   * kind.
   */
  static Reviews ofManifest(JsonNode manifest, String namespace) {
    String apiVersion = manifest.path("apiVersion").asText("");
    int slash = apiVersion.indexOf('/');
    Reviews review =
        new Reviews(
            slash < 0 ? "" : apiVersion.substring(0, slash),
            apiVersion.substring(slash + 1),
            manifest.path("kind").asText(""));
    ObjectNode object = manifest.deepCopy();
    object.withObjectProperty("metadata").put("namespace", namespace);
    review.namespace = namespace;
    review.name = object.path("metadata").path("name").asText("");
    review.object = object;
    return review;
  }

  /** A review of ServiceOwnership {@code name} in {@code namespace} naming {@code team}. */
  static Reviews serviceOwnership(String namespace, String name, String team) {
    Reviews review = new Reviews("ownership.dev", "v1alpha1", "ServiceOwnership");
    review.namespace = namespace;
    review.name = name;
    review.object = review.serviceOwnershipObject(team);
    return review;
  }

  /** Makes this an UPDATE of a ServiceOwnership that named {@code team}. */
  Reviews updateFromTeam(String team) {
    operation = "UPDATE";
    oldObject = serviceOwnershipObject(team);
    return this;
  }

  private ObjectNode serviceOwnershipObject(String team) {
    ObjectNode o = JSON.createObjectNode();
    o.put("apiVersion", group + "/" + version).put("kind", kind);
    o.putObject("metadata")
        .put("name", name)
        .put("namespace", namespace)
        .put("uid", UUID.randomUUID().toString())
        .put("generation", 1);
    ObjectNode spec = o.putObject("spec");
    if (team != null) spec.put("team", team);
    spec.put("service", name).put("tier", 1).put("lifecycle", "production");
    spec.putObject("selector").putObject("matchLabels").put("app", name);
    spec.putArray("contacts").addObject().put("type", "slack").put("value", "#payments-oncall");
    o.putObject("status").put("matchedWorkloads", 2);
    return o;
  }

  Reviews uid(String value) {
    uid = value;
    return this;
  }

  Reviews operation(String value) {
    operation = value;
    return this;
  }

  Reviews namespace(String value) {
    namespace = value;
    return this;
  }

  Reviews name(String value) {
    name = value;
    return this;
  }

  Reviews dryRun() {
    dryRun = true;
    return this;
  }

  /** The object under review: own labels and pod template labels (null leaves either out). */
  Reviews object(Map<String, String> labels, Map<String, String> templateLabels) {
    object = workload(labels, templateLabels);
    return this;
  }

  Reviews object(ObjectNode value) {
    object = value;
    return this;
  }

  /** Makes this an UPDATE from an object with these labels. */
  Reviews updateFrom(Map<String, String> labels, Map<String, String> templateLabels) {
    operation = "UPDATE";
    oldObject = workload(labels, templateLabels);
    return this;
  }

  ObjectNode object() {
    return object;
  }

  Reviews ownedBy(String apiVersion, String ownerKind, String ownerName, boolean controller) {
    ArrayNode refs = object.withObjectProperty("metadata").putArray("ownerReferences");
    refs.addObject()
        .put("apiVersion", apiVersion)
        .put("kind", ownerKind)
        .put("name", ownerName)
        .put("uid", UUID.randomUUID().toString())
        .put("controller", controller)
        .put("blockOwnerDeletion", true);
    return this;
  }

  String uid() {
    return uid;
  }

  ObjectNode tree() {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", uid);
    request.putObject("kind").put("group", group).put("version", version).put("kind", kind);
    request
        .putObject("resource")
        .put("group", group)
        .put("version", version)
        .put("resource", kind.toLowerCase() + "s");
    request.put("name", name);
    request.put("namespace", namespace);
    request.put("operation", operation);
    ObjectNode user = request.putObject("userInfo");
    user.put("username", "kubernetes-admin");
    user.putArray("groups").add("system:masters").add("system:authenticated");
    if (object == null) request.putNull("object");
    else request.set("object", object);
    if (oldObject == null) request.putNull("oldObject");
    else request.set("oldObject", oldObject);
    request.put("dryRun", dryRun);
    request
        .putObject("options")
        .put("kind", "CREATE".equals(operation) ? "CreateOptions" : "UpdateOptions")
        .put("apiVersion", "meta.k8s.io/v1");
    return review;
  }

  byte[] json() {
    try {
      return JSON.writeValueAsBytes(tree());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A realistic object of this kind: metadata, a selector and a pod template with one container.
   */
  private ObjectNode workload(Map<String, String> labels, Map<String, String> templateLabels) {
    ObjectNode o = JSON.createObjectNode();
    o.put("apiVersion", group.isEmpty() ? version : group + "/" + version).put("kind", kind);
    ObjectNode metadata = o.putObject("metadata");
    metadata.put("name", name).put("namespace", namespace).put("uid", UUID.randomUUID().toString());
    if (labels != null) metadata.set("labels", JSON.valueToTree(labels));
    metadata.putObject("annotations").put("deployment.kubernetes.io/revision", "3");
    ObjectNode spec = o.putObject("spec");
    ObjectNode template;
    if ("CronJob".equals(kind)) {
      spec.put("schedule", "*/5 * * * *");
      template = spec.putObject("jobTemplate").putObject("spec").putObject("template");
    } else {
      if (!"Job".equals(kind)) spec.putObject("selector").putObject("matchLabels").put("app", name);
      template = spec.putObject("template");
    }
    ObjectNode templateMetadata = template.putObject("metadata");
    if (templateLabels != null) templateMetadata.set("labels", JSON.valueToTree(templateLabels));
    ObjectNode container = template.putObject("spec").putArray("containers").addObject();
    container.put("name", name).put("image", "registry.example.com/shop/" + name + ":1.4.2");
    container.putArray("args").add("--port=8080").add("--log-level=info");
    container
        .putObject("resources")
        .putObject("requests")
        .put("cpu", "100m")
        .put("memory", "128Mi");
    o.putObject("status");
    return o;
  }
}
