package dev.ownership.operator.suggest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.Dns1123;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Proposals as people apply them: ServiceOwnership objects and {@code kubectl label} commands. */
public final class ClaimManifests {
  /** Annotations on a proposed ServiceOwnership that say why it was proposed. */
  public static final String CONFIDENCE_ANNOTATION = "suggest.ownership.dev/confidence";

  public static final String EVIDENCE_ANNOTATION = "suggest.ownership.dev/evidence";

  /** What the API server accepts as the name of a workload: a DNS-1123 subdomain. */
  private static final Pattern OBJECT_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private static final int MAX_OBJECT_NAME = 253;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClaimManifests() {}

  /** The ServiceOwnership, as an object tree for a YAML or JSON writer (never text pasted). */
  public static ObjectNode serviceOwnership(ProposedClaim claim) {
    ObjectNode root = JSON.createObjectNode();
    root.put("apiVersion", ServiceOwnership.API_VERSION);
    root.put("kind", "ServiceOwnership");
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("name", claim.name());
    metadata.put("namespace", claim.namespace());
    ObjectNode annotations = metadata.putObject("annotations");
    annotations.put(CONFIDENCE_ANNOTATION, claim.confidence().value());
    annotations.put(EVIDENCE_ANNOTATION, String.join("; ", claim.evidence()));
    ObjectNode spec = root.putObject("spec");
    spec.put("team", claim.team());
    spec.set("selector", selector(claim.selector()));
    return root;
  }

  /** Only the parts a selector has, so that the output shows no empty lists. */
  static ObjectNode selector(LabelSelector selector) {
    ObjectNode node = JSON.createObjectNode();
    if (selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()) {
      ObjectNode labels = node.putObject("matchLabels");
      new TreeMap<>(selector.getMatchLabels()).forEach(labels::put);
    }
    if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
      ArrayNode expressions = node.putArray("matchExpressions");
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        ObjectNode expression = expressions.addObject();
        expression.put("key", requirement.getKey());
        expression.put("operator", requirement.getOperator());
        ArrayNode values = expression.putArray("values");
        requirement.getValues().forEach(values::add);
      }
    }
    return node;
  }

  /**
   * {@code kubectl label --namespace NS KIND/NAME KEY=TEAM}. Every part is checked against the
   * rules the API server applies to it, so the command is one shell word per part, safe to print
   * anywhere; empty when a part breaks them (such a workload cannot exist in a cluster).
   *
   * @param key the owner label key to set (the first of {@code --owner-label-keys})
   */
  public static Optional<String> labelCommand(ProposedLabel label, String key) {
    String namespace = label.workload().namespace();
    String name = label.workload().name();
    if (!Dns1123.isLabel(namespace)
        || name.length() > MAX_OBJECT_NAME
        || !OBJECT_NAME.matcher(name).matches()
        || !Dns1123.isLabel(label.team())
        || !isLabelKey(key)) {
      return Optional.empty();
    }
    return Optional.of(
        "kubectl label --namespace "
            + namespace
            + " "
            + label.workload().kind().kind().toLowerCase(java.util.Locale.ROOT)
            + "/"
            + name
            + " "
            + key
            + "="
            + label.team());
  }

  /** Owner label keys were checked when parsed; this keeps the promise above on its own. */
  private static boolean isLabelKey(String key) {
    return key != null
        && key.matches(
            "([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  }
}
