package dev.ownership.operator.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownership.operator.admission.AdmissionHandler;
import dev.ownership.operator.admission.AdmissionPolicy;
import dev.ownership.operator.admission.AdmissionResult;
import dev.ownership.operator.admission.AdmissionReviewReader;
import dev.ownership.operator.admission.BadReviewException;
import dev.ownership.operator.admission.FailureMode;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.EnforcementRule;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.NamespaceDirectory;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.OwnerResolver;
import dev.ownership.operator.ownership.TeamRegistry;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.testing.Manifests;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzz tests of the admission path (Jazzer). In the normal build they replay the seed inputs under
 * {@code src/test/resources/.../AdmissionFuzzTestInputs/}; `.ci/run` fuzzes each one for a bounded
 * time ({@code JAZZER_FUZZ=1}), and docs/reliability.md ("Testing it yourself") gives the command
 * that fuzzes one target, and how to fuzz it longer.
 */
class AdmissionFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TeamRegistry REGISTRY =
      TeamRegistry.of(
          List.of(Manifests.team("payments", "pay"), Manifests.team("web")),
          TeamRegistryMode.ENFORCE);
  private static final NamespaceDirectory NAMESPACES =
      new NamespaceDirectory() {
        @Override
        public Map<String, String> labels(String namespace) {
          return switch (namespace) {
            case "shop" -> Map.of("ownership.dev/enforcement", "enforce");
            case "blog" -> Map.of("ownership.dev/enforcement", "warn", "ownership.dev/team", "web");
            default -> Map.of();
          };
        }

        @Override
        public NamespaceClaims claims(String namespace) {
          return NamespaceClaims.NONE;
        }

        // Enforced, so unknown teams reach every registry path (suggestions, denials).
        @Override
        public TeamRegistry teams() {
          return REGISTRY;
        }
      };
  private static final AdmissionHandler HANDLER =
      new AdmissionHandler(
          new AdmissionPolicy(
              new OwnerResolver(OwnerLabelKeys.DEFAULT),
              NAMESPACES,
              new EnforcementRule(EnforcementMode.WARN, Set.of("kube-system"))),
          FailureMode.CLOSED,
          (kind, operation, mode, decision, nanos) -> {});

  /** Any bytes: a review, or a BadReviewException that says why not; nothing else escapes. */
  @FuzzTest(maxDuration = "15s")
  void theReaderEitherReadsOrSaysWhy(byte[] body) {
    try {
      new AdmissionReviewReader().read(body);
    } catch (BadReviewException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  /**
   * Any bytes: the reader accepts exactly what the Jackson reader it replaced accepted, reads the
   * same request, and refuses for the same reason (syntax errors need only both be syntax errors).
   */
  @FuzzTest(maxDuration = "15s")
  void theReaderReadsAsTheJacksonReaderDid(byte[] body) {
    List<String> differences = new java.util.ArrayList<>();
    dev.ownership.operator.admission.ReaderOracle.compare(body, differences);
    assertThat(differences).isEmpty();
  }

  /** Any bytes: 200 with a review or 400 with a JSON error; never an exception, never a 500. */
  @FuzzTest(maxDuration = "15s")
  void theHandlerAlwaysAnswers(byte[] body) throws IOException {
    AdmissionResult result = HANDLER.handle(body);
    assertThat(result.httpStatus()).isIn(200, 400);
    JsonNode answer = JSON.readTree(result.body());
    if (result.httpStatus() == 200) {
      assertThat(answer.path("response").path("allowed").isBoolean()).isTrue();
      // a failure-mode-closed 500 would mean the decision itself crashed
      assertThat(answer.path("response").path("status").path("code").asInt(0)).isNotEqualTo(500);
    } else {
      assertThat(answer.path("error").asText()).isNotBlank();
    }
  }

  /**
   * Changing what the decision does not read — the pod spec, annotations, replicas, the user —
   * never changes the decision.
   */
  @FuzzTest(maxDuration = "15s")
  void fieldsTheDecisionDoesNotReadNeverChangeIt(FuzzedDataProvider data) throws IOException {
    ObjectNode review = baseReview(data);
    JsonNode before = decision(review);
    ObjectNode mutated = review.deepCopy();
    ObjectNode object = (ObjectNode) mutated.path("request").path("object");
    ((ObjectNode) object.path("metadata"))
        .putObject("annotations")
        .put(data.consumeString(40), data.consumeString(200));
    ObjectNode spec = (ObjectNode) object.path("spec");
    spec.put("replicas", data.consumeInt());
    ObjectNode podSpec = ((ObjectNode) spec.path("template")).putObject("spec");
    ArrayNode containers = podSpec.putArray("containers");
    containers
        .addObject()
        .put("name", data.consumeString(30))
        .put("image", data.consumeString(100));
    ((ObjectNode) mutated.path("request"))
        .putObject("userInfo")
        .put("username", data.consumeRemainingAsString());
    assertThat(decision(mutated)).isEqualTo(before);
  }

  private static ObjectNode baseReview(FuzzedDataProvider data) {
    ObjectNode review =
        JSON.createObjectNode()
            .put("apiVersion", "admission.k8s.io/v1")
            .put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request").put("uid", "fuzz");
    request.putObject("kind").put("group", "apps").put("version", "v1").put("kind", "Deployment");
    request.put("operation", data.consumeBoolean() ? "CREATE" : "UPDATE");
    request.put("namespace", data.pickValue(new String[] {"shop", "blog", "kube-system", "other"}));
    ObjectNode object =
        request.putObject("object").put("apiVersion", "apps/v1").put("kind", "Deployment");
    ObjectNode metadata = object.putObject("metadata").put("name", "w");
    if (data.consumeBoolean())
      metadata
          .putObject("labels")
          .put(data.pickValue(new String[] {"team", "owner", "app"}), data.consumeString(70));
    ObjectNode template = object.putObject("spec").putObject("template");
    template.putObject("metadata").putObject("labels").put("app", data.consumeString(20));
    return review;
  }

  private static JsonNode decision(ObjectNode review) throws IOException {
    JsonNode answer =
        JSON.readTree(HANDLER.handle(JSON.writeValueAsBytes(review)).body()).path("response");
    ObjectNode decision = JSON.createObjectNode();
    decision.set("allowed", answer.path("allowed"));
    decision.set("status", answer.path("status"));
    decision.set("warnings", answer.path("warnings"));
    decision.set("auditAnnotations", answer.path("auditAnnotations"));
    return decision;
  }
}
