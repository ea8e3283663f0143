package dev.ownership.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.TestSettings;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Team registry through the real webhook server over HTTPS: a workload labelled with a typo'd
 * team and a ServiceOwnership naming it, in every registry mode × namespace mode. The registry is
 * swapped under the running server, as the operator's cache swaps it when a Team changes.
 */
class WebhookRegistryTest {
  private static final InMemoryNamespaces NAMESPACES = new InMemoryNamespaces();
  private static WebhookFixture webhook;

  @BeforeAll
  static void start() {
    for (EnforcementMode mode : EnforcementMode.values())
      NAMESPACES.namespace(mode.value(), "ownership.dev/enforcement", mode.value());
    webhook = new WebhookFixture(TestSettings.of(EnforcementMode.WARN), NAMESPACES);
  }

  @AfterAll
  static void stop() throws IOException {
    webhook.close();
  }

  private static void registry(TeamRegistryMode mode) {
    NAMESPACES.teams(mode, "payments:pay", "web");
  }

  /** What comes back for the typo: allowed, the denial's or the warnings' text, the decision. */
  enum Expect {
    QUIET(true, "allowed"),
    WARNED(true, "warned"),
    AUDITED(true, "audited"),
    DENIED(false, "denied");

    final boolean allowed;
    final String decision;

    Expect(boolean allowed, String decision) {
      this.allowed = allowed;
      this.decision = decision;
    }
  }

  static Stream<Arguments> everyRegistryAndNamespaceMode() {
    List<Arguments> rows = new ArrayList<>();
    for (TeamRegistryMode registry : TeamRegistryMode.values()) {
      for (EnforcementMode namespace : EnforcementMode.values()) {
        Expect workload;
        Expect serviceOwnership;
        boolean complains =
            namespace == EnforcementMode.ENFORCE || namespace == EnforcementMode.WARN;
        if (registry == TeamRegistryMode.OFF || namespace == EnforcementMode.OFF) {
          workload = Expect.QUIET;
          serviceOwnership = Expect.QUIET;
        } else if (registry == TeamRegistryMode.WARN) {
          workload = complains ? Expect.WARNED : Expect.QUIET;
          serviceOwnership = complains ? Expect.WARNED : Expect.QUIET;
        } else {
          Expect judged =
              switch (namespace) {
                case ENFORCE -> Expect.DENIED;
                case WARN -> Expect.WARNED;
                default -> Expect.AUDITED;
              };
          workload = judged;
          serviceOwnership = judged;
        }
        rows.add(Arguments.of(registry, namespace, workload, serviceOwnership));
      }
    }
    return rows.stream();
  }

  /** The denial's message, else the warnings joined: where the user reads about the typo. */
  private static String text(JsonNode response) {
    if (!response.path("allowed").asBoolean()) return response.at("/status/message").asText();
    List<String> lines = new ArrayList<>();
    response.path("warnings").forEach(w -> lines.add(w.asText()));
    return String.join("\n", lines);
  }

  private static void assertAnswer(JsonNode response, Expect expect, String team) {
    assertThat(response.path("allowed").asBoolean())
        .as(response.toString())
        .isEqualTo(expect.allowed);
    if (!expect.allowed) assertThat(response.at("/status/code").asInt()).isEqualTo(403);
    if (expect == Expect.DENIED || expect == Expect.WARNED) {
      assertThat(text(response))
          .contains("team " + team + " (")
          .contains("is not a registered Team; did you mean payments?");
    } else {
      assertThat(response.has("warnings")).as(response.toString()).isFalse();
    }
    assertThat(response.has("auditAnnotations")).isEqualTo(expect == Expect.AUDITED);
  }

  @ParameterizedTest(name = "registry {0}, namespace {1}")
  @MethodSource("everyRegistryAndNamespaceMode")
  void aTypoIsJudgedInEveryModeForAWorkloadAndAServiceOwnership(
      TeamRegistryMode registry,
      EnforcementMode namespace,
      Expect workload,
      Expect serviceOwnership) {
    registry(registry);
    String ns = namespace.value();

    JsonNode deployment =
        webhook.review(
            Reviews.of(WorkloadKind.DEPLOYMENT)
                .namespace(ns)
                .object(Map.of("team", "paymnts"), Map.of("app", "cart")));
    assertAnswer(deployment, workload, "paymnts");
    if (workload == Expect.AUDITED)
      assertThat(deployment.at("/auditAnnotations/unowned").asText()).isEqualTo("Deployment/cart");
    assertThat(webhook.recorded.get(webhook.recorded.size() - 1))
        .isEqualTo(new WebhookFixture.Recorded("Deployment", "CREATE", ns, workload.decision));

    JsonNode claim = webhook.review(Reviews.serviceOwnership(ns, "checkout", "paymnts"));
    assertAnswer(claim, serviceOwnership, "paymnts");
    if (serviceOwnership == Expect.AUDITED)
      assertThat(claim.at("/auditAnnotations/unknown-team").asText())
          .isEqualTo("ServiceOwnership/checkout");
    assertThat(webhook.recorded.get(webhook.recorded.size() - 1))
        .isEqualTo(
            new WebhookFixture.Recorded(
                "ServiceOwnership", "CREATE", ns, serviceOwnership.decision));
  }

  @ParameterizedTest(name = "registry {0}, namespace {1}")
  @MethodSource("everyRegistryAndNamespaceMode")
  void aTeamNameOrAliasIsAllowedQuietlyInEveryMode(
      TeamRegistryMode registry, EnforcementMode namespace) {
    registry(registry);
    for (String team : List.of("payments", "pay")) {
      JsonNode deployment =
          webhook.review(
              Reviews.of(WorkloadKind.DEPLOYMENT)
                  .namespace(namespace.value())
                  .object(Map.of("team", team), Map.of("app", "cart")));
      assertAnswer(deployment, Expect.QUIET, team);
      JsonNode claim =
          webhook.review(Reviews.serviceOwnership(namespace.value(), "checkout", team));
      assertAnswer(claim, Expect.QUIET, team);
    }
  }

  @Test
  void aTeamCreatedWhileTheServerRunsIsKnownToTheNextReview() {
    NAMESPACES.teams(TeamRegistryMode.ENFORCE, "web");
    Reviews review = Reviews.serviceOwnership("enforce", "checkout", "payments");
    assertThat(webhook.review(review).path("allowed").asBoolean()).isFalse();

    NAMESPACES.teams(TeamRegistryMode.ENFORCE, "web", "payments");
    assertThat(webhook.review(review.uid("second")).path("allowed").asBoolean()).isTrue();
  }

  @Test
  void aServiceOwnershipWhoseTeamIsNotAStringIsABadRequestWithAJsonError() {
    registry(TeamRegistryMode.ENFORCE);
    Reviews review = Reviews.serviceOwnership("enforce", "checkout", "x");
    review.object().withObjectProperty("spec").putObject("team").put("name", "payments");

    HttpResponse<byte[]> answer = webhook.post(review.json());

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(WebhookFixture.json(answer.body()).path("error").asText())
        .isEqualTo("request.object.spec.team is an object; it must be a string");
  }
}
