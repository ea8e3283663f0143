package dev.ownership.operator.deploy;

import static dev.ownership.operator.deploy.DeployManifestsTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownership.operator.deploy.AdmissionCel.Request;
import dev.ownership.operator.deploy.Kustomize.Rendered;
import dev.ownership.operator.testing.NeedsTool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/namespace-label-guard: the ValidatingAdmissionPolicy's CEL, evaluated for the requests
 * that matter, refuses every set, change or removal of ownership.dev/enforcement by a requester
 * outside the allowed groups, and nothing else.
 */
@NeedsTool({"kubectl"})
class NamespaceLabelGuardTest {
  static final String LABEL = "ownership.dev/enforcement";
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> USER = List.of("system:authenticated", "team-shop");
  static final List<String> ADMIN = List.of("system:authenticated", "system:masters");
  static Rendered guard;
  static JsonNode policy;

  @BeforeAll
  static void render() throws Exception {
    guard = Kustomize.render("deploy/namespace-label-guard");
    policy = guard.get("ValidatingAdmissionPolicy", "ownership-enforcement-label");
  }

  static JsonNode namespace(Map<String, String> labels) {
    ObjectNode ns = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
    ObjectNode metadata = ns.putObject("metadata").put("name", "shop");
    if (labels != null) metadata.set("labels", JSON.valueToTree(labels));
    return ns;
  }

  static boolean update(
      List<String> groups, Map<String, String> before, Map<String, String> after) {
    return AdmissionCel.policyAdmits(
        policy, new Request("UPDATE", "jane", groups, namespace(after), namespace(before)));
  }

  static boolean create(List<String> groups, Map<String, String> labels) {
    return AdmissionCel.policyAdmits(
        policy, new Request("CREATE", "jane", groups, namespace(labels), null));
  }

  @Test
  void bindingDeniesWithThePolicyForNamespaceCreateAndUpdate() {
    assertThat(guard.objects()).hasSize(2);
    JsonNode binding = guard.get("ValidatingAdmissionPolicyBinding", "ownership-enforcement-label");
    assertThat(binding.at("/spec/policyName").asText())
        .isEqualTo(policy.at("/metadata/name").asText());
    assertThat(texts(binding.at("/spec/validationActions"))).containsExactly("Deny");
    assertThat(binding.at("/spec/matchResources").isMissingNode()).isTrue();
    assertThat(policy.path("apiVersion").asText()).isEqualTo("admissionregistration.k8s.io/v1");
    assertThat(policy.at("/spec/failurePolicy").asText()).isEqualTo("Fail");
    JsonNode rules = policy.at("/spec/matchConstraints/resourceRules");
    assertThat(rules).hasSize(1);
    assertThat(texts(rules.at("/0/apiGroups"))).containsExactly("");
    assertThat(texts(rules.at("/0/resources"))).containsExactly("namespaces");
    assertThat(texts(rules.at("/0/operations"))).containsExactlyInAnyOrder("CREATE", "UPDATE");
  }

  @Test
  void someoneOutsideTheAllowedGroupsCannotSetChangeOrRemoveTheLabel() {
    assertThat(update(USER, Map.of(LABEL, "enforce"), Map.of(LABEL, "off"))).isFalse();
    assertThat(update(USER, Map.of(LABEL, "warn"), Map.of(LABEL, "enforce"))).isFalse();
    assertThat(update(USER, Map.of(LABEL, "enforce"), Map.of("team", "shop"))).isFalse();
    assertThat(update(USER, Map.of(LABEL, "enforce"), null)).isFalse();
    assertThat(update(USER, Map.of("team", "shop"), Map.of("team", "shop", LABEL, "off")))
        .isFalse();
    assertThat(update(USER, null, Map.of(LABEL, ""))).as("an empty value is a value").isFalse();
    assertThat(update(null, Map.of(LABEL, "warn"), Map.of(LABEL, "off"))).as("no groups").isFalse();
    assertThat(create(USER, Map.of(LABEL, "off"))).isFalse();
    assertThat(create(USER, Map.of(LABEL, ""))).isFalse();
  }

  @Test
  void everythingElseIsAdmitted() {
    assertThat(update(USER, Map.of(LABEL, "enforce"), Map.of(LABEL, "enforce", "team", "shop")))
        .as("other labels change, the enforcement label stays")
        .isTrue();
    assertThat(update(USER, null, Map.of("team", "shop"))).isTrue();
    assertThat(update(USER, null, null)).isTrue();
    assertThat(update(null, Map.of(LABEL, "warn"), Map.of(LABEL, "warn"))).isTrue();
    assertThat(create(USER, Map.of("team", "shop"))).isTrue();
    assertThat(create(USER, null)).isTrue();
    assertThat(update(ADMIN, Map.of(LABEL, "enforce"), Map.of(LABEL, "off")))
        .as("an allowed group changes it")
        .isTrue();
    assertThat(create(ADMIN, Map.of(LABEL, "off"))).isTrue();
  }

  @Test
  void theRefusalNamesTheNamespaceAndThePolicy() throws Exception {
    Map<String, Object> bindings =
        new Request("UPDATE", "jane", USER, namespace(Map.of(LABEL, "off")), namespace(null))
            .bindings();
    Object message =
        AdmissionCel.eval(policy.at("/spec/validations/0/messageExpression").asText(), bindings);
    assertThat(message)
        .isEqualTo(
            "label ownership.dev/enforcement of Namespace shop may only be set, changed or removed"
                + " by the groups allowed in ValidatingAdmissionPolicy ownership-enforcement-label"
                + " (see docs/install.md)");
    assertThat(InstallDocs.text().replaceAll("\\s+", " "))
        .contains(((String) message).replace("Namespace shop", "Namespace <name>"));
  }

  @Test
  void theOverlayOfTheDocsAllowsAnotherGroup() throws Exception {
    String overlay = InstallDocs.overlayAfterResources("my-label-guard/kustomization.yaml");
    JsonNode patched =
        Kustomize.renderOverlay("label-guard", "deploy/namespace-label-guard", overlay)
            .get("ValidatingAdmissionPolicy", "ownership-enforcement-label");
    assertThat(patched.at("/spec/variables/0/name").asText()).isEqualTo("allowedGroups");
    List<String> platform = List.of("system:authenticated", "platform-admins");
    Request change =
        new Request(
            "UPDATE",
            "jane",
            platform,
            namespace(Map.of(LABEL, "off")),
            namespace(Map.of(LABEL, "enforce")));
    assertThat(AdmissionCel.policyAdmits(policy, change)).as("shipped policy").isFalse();
    assertThat(AdmissionCel.policyAdmits(patched, change)).as("patched policy").isTrue();
    assertThat(update(ADMIN, Map.of(LABEL, "enforce"), Map.of(LABEL, "off"))).isTrue();
  }
}
