package dev.ownership.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.TeamRegistryMode;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.TestSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Team registry at admission (INTERFACE §8), through the handler without sockets: every
 * registry mode × namespace mode for a workload's team label and a ServiceOwnership's spec.team.
 */
class AdmissionRegistryTest {
  private static final String TYPO_WARNING =
      "Deployment %s/cart: team paymnts (label ownership.dev/team) is not a registered Team; did"
          + " you mean payments?";
  private static final String ENFORCED =
      " The team registry is enforced, so this value owns nothing.";
  private static final String ADVICE =
      "Deployment %s/cart has no owner. Add label ownership.dev/team=<team>, or make a"
          + " ServiceOwnership in namespace %s select it.";
  private static final String SO_TYPO =
      "team paymnts (ServiceOwnership %s/checkout) is not a registered Team; did you mean"
          + " payments?";
  private static final String SO_WARN =
      " It still owns what it selects; once the team registry is enforced it will own nothing.";
  private static final String SO_ENFORCED =
      " The team registry is enforced, so this ServiceOwnership owns nothing.";

  private final List<WebhookFixture.Recorded> recorded = new ArrayList<>();

  private static InMemoryNamespaces namespaces(TeamRegistryMode registry) {
    return new InMemoryNamespaces()
        .namespace("shop", "ownership.dev/enforcement", "enforce")
        .namespace("blog", "ownership.dev/enforcement", "warn")
        .namespace("lab", "ownership.dev/enforcement", "audit")
        .namespace("sandbox", "ownership.dev/enforcement", "off")
        .teams(registry, "payments:pay:team-payments", "web");
  }

  private JsonNode answer(InMemoryNamespaces namespaces, Reviews review) {
    AdmissionResult result =
        WebhookFixture.handler(TestSettings.of(EnforcementMode.WARN), namespaces, recorded)
            .handle(review.json());
    assertThat(result.httpStatus()).as(new String(result.body())).isEqualTo(200);
    JsonNode response = WebhookFixture.json(result.body()).path("response");
    assertThat(response.path("uid").asText()).isEqualTo(review.uid());
    return response;
  }

  private static List<String> warnings(JsonNode response) {
    List<String> list = new ArrayList<>();
    response.path("warnings").forEach(w -> list.add(w.asText()));
    return list;
  }

  private static Map<String, String> annotations(JsonNode response) {
    Map<String, String> map = new java.util.TreeMap<>();
    response
        .path("auditAnnotations")
        .fields()
        .forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static Reviews deployment(String namespace, String team) {
    return Reviews.of(WorkloadKind.DEPLOYMENT)
        .namespace(namespace)
        .object(Map.of("app", "cart", "ownership.dev/team", team), Map.of("app", "cart"));
  }

  private WebhookFixture.Recorded last() {
    return recorded.get(recorded.size() - 1);
  }

  /**
   * One row: registry mode, namespace, the team label, and what comes back: allowed, decision, the
   * denial message (or null) and the warnings.
   */
  static Stream<Arguments> workloadTable() {
    List<Arguments> rows = new ArrayList<>();
    for (TeamRegistryMode registry : TeamRegistryMode.values()) {
      for (String ns : List.of("shop", "blog", "lab", "sandbox")) {
        // A Team's name and an alias are owners in every mode.
        for (String team : List.of("payments", "pay"))
          rows.add(Arguments.of(registry, ns, team, true, "allowed", null, List.of()));
      }
    }
    // off: the registry is not consulted; any DNS-1123 value is a team.
    for (String ns : List.of("shop", "blog", "lab", "sandbox"))
      rows.add(Arguments.of(TeamRegistryMode.OFF, ns, "paymnts", true, "allowed", null, List.of()));
    // warn: the typo still owns; enforce and warn namespaces say so, audit and off stay quiet.
    for (String ns : List.of("shop", "blog"))
      rows.add(
          Arguments.of(
              TeamRegistryMode.WARN,
              ns,
              "paymnts",
              true,
              "warned",
              null,
              List.of(TYPO_WARNING.formatted(ns))));
    rows.add(
        Arguments.of(TeamRegistryMode.WARN, "lab", "paymnts", true, "allowed", null, List.of()));
    rows.add(
        Arguments.of(
            TeamRegistryMode.WARN, "sandbox", "paymnts", true, "allowed", null, List.of()));
    // enforce: the typo owns nothing, so the workload is unowned and judged so.
    rows.add(
        Arguments.of(
            TeamRegistryMode.ENFORCE,
            "shop",
            "paymnts",
            false,
            "denied",
            TYPO_WARNING.formatted("shop") + ENFORCED + " " + ADVICE.formatted("shop", "shop"),
            List.of()));
    rows.add(
        Arguments.of(
            TeamRegistryMode.ENFORCE,
            "blog",
            "paymnts",
            true,
            "warned",
            null,
            List.of(TYPO_WARNING.formatted("blog") + ENFORCED, ADVICE.formatted("blog", "blog"))));
    rows.add(
        Arguments.of(TeamRegistryMode.ENFORCE, "lab", "paymnts", true, "audited", null, List.of()));
    rows.add(
        Arguments.of(
            TeamRegistryMode.ENFORCE, "sandbox", "paymnts", true, "allowed", null, List.of()));
    return rows.stream();
  }

  @ParameterizedTest(name = "registry {0}, namespace {1}, team {2}")
  @MethodSource("workloadTable")
  void aWorkloadsTeamLabelIsJudgedByTheRegistryAndTheNamespaceMode(
      TeamRegistryMode registry,
      String namespace,
      String team,
      boolean allowed,
      String decision,
      String denial,
      List<String> expectedWarnings) {
    JsonNode response = answer(namespaces(registry), deployment(namespace, team));

    assertThat(response.path("allowed").asBoolean()).isEqualTo(allowed);
    if (denial == null) {
      assertThat(response.has("status")).isFalse();
    } else {
      assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
      assertThat(response.path("status").path("message").asText()).isEqualTo(denial);
    }
    assertThat(warnings(response)).isEqualTo(expectedWarnings);
    if (decision.equals("audited")) {
      assertThat(annotations(response)).isEqualTo(Map.of("unowned", "Deployment/cart"));
    } else {
      assertThat(response.has("auditAnnotations")).isFalse();
    }
    String mode =
        Map.of("shop", "enforce", "blog", "warn", "lab", "audit", "sandbox", "off").get(namespace);
    assertThat(last())
        .isEqualTo(new WebhookFixture.Recorded("Deployment", "CREATE", mode, decision));
  }

  @Test
  void aValueNoTeamIsCloseToSaysSo() {
    JsonNode response =
        answer(namespaces(TeamRegistryMode.ENFORCE), deployment("shop", "zzz-platform"));
    assertThat(response.path("status").path("message").asText())
        .startsWith(
            "Deployment shop/cart: team zzz-platform (label ownership.dev/team) is not a registered"
                + " Team; no registered team is close."
                + ENFORCED);
  }

  @Test
  void aLabelThatDiffersOnlyByCaseIsInvalidWhateverTheRegistry() {
    JsonNode response =
        answer(namespaces(TeamRegistryMode.ENFORCE), deployment("shop", "Payments"));
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("message").asText())
        .startsWith("Deployment shop/cart: label ownership.dev/team=Payments is not a valid");
  }

  @Test
  void underEnforceAnUnknownLabelFallsThroughToTheNamespaceTeamWithAWarning() {
    InMemoryNamespaces namespaces =
        namespaces(TeamRegistryMode.ENFORCE)
            .namespace(
                "team-web", "ownership.dev/enforcement", "enforce", "ownership.dev/team", "web");
    JsonNode response = answer(namespaces, deployment("team-web", "paymnts"));

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(warnings(response)).containsExactly(TYPO_WARNING.formatted("team-web") + ENFORCED);
    assertThat(last().decision()).isEqualTo("warned");
  }

  @Test
  void underEnforceAServiceOwnershipNamingAnUnknownTeamOwnsNothingAndTheDenialNamesIt() {
    InMemoryNamespaces namespaces =
        namespaces(TeamRegistryMode.ENFORCE)
            .serviceOwnership("shop", "checkout", "paymnts", Map.of("app", "cart"));
    JsonNode response =
        answer(
            namespaces,
            Reviews.of(WorkloadKind.DEPLOYMENT)
                .namespace("shop")
                .object(null, Map.of("app", "cart")));

    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("message").asText())
        .startsWith(
            "Deployment shop/cart: team paymnts (ServiceOwnership checkout) is not a registered"
                + " Team; did you mean payments?"
                + ENFORCED
                + " Deployment shop/cart has no owner.");
  }

  @Test
  void manyUnknownTeamsAreListedUpToFiveThenCounted() {
    InMemoryNamespaces namespaces = namespaces(TeamRegistryMode.WARN);
    for (int i = 1; i <= 7; i++)
      namespaces.serviceOwnership("blog", "svc" + i, "ghost", Map.of("app", "cart"));
    JsonNode response =
        answer(
            namespaces,
            Reviews.of(WorkloadKind.DEPLOYMENT)
                .namespace("blog")
                .object(null, Map.of("app", "cart")));

    List<String> warnings = warnings(response);
    assertThat(warnings).hasSize(6);
    assertThat(warnings.get(0))
        .isEqualTo(
            "Deployment blog/cart: team ghost (ServiceOwnership svc1) is not a registered Team;"
                + " no registered team is close.");
    assertThat(warnings.get(5))
        .isEqualTo("Deployment blog/cart: and 2 more team values are not registered.");
  }

  @Test
  void noTeamYetMeansNoRegistryEvenWhenEnforced() {
    InMemoryNamespaces namespaces =
        new InMemoryNamespaces()
            .namespace("shop", "ownership.dev/enforcement", "enforce")
            .teams(TeamRegistryMode.ENFORCE);
    JsonNode response = answer(namespaces, deployment("shop", "paymnts"));
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.has("warnings")).isFalse();
  }

  @Test
  void anUpdateOfAWorkloadThatAlreadyHadTheUnknownTeamIsAllowedWithAWarning() {
    Reviews review =
        deployment("shop", "paymnts")
            .updateFrom(
                Map.of("app", "cart", "ownership.dev/team", "paymnts"), Map.of("app", "cart"));
    JsonNode response = answer(namespaces(TeamRegistryMode.ENFORCE), review);

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(warnings(response))
        .startsWith(TYPO_WARNING.formatted("shop") + ENFORCED, ADVICE.formatted("shop", "shop"));
    assertThat(last())
        .isEqualTo(new WebhookFixture.Recorded("Deployment", "UPDATE", "enforce", "warned"));
  }

  @Test
  void anUpdateThatSwapsARegisteredTeamForAnUnknownOneIsRefused() {
    Reviews review =
        deployment("shop", "paymnts")
            .updateFrom(
                Map.of("app", "cart", "ownership.dev/team", "payments"), Map.of("app", "cart"));
    JsonNode response = answer(namespaces(TeamRegistryMode.ENFORCE), review);
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(last().decision()).isEqualTo("denied");
  }

  // ServiceOwnership reviews

  static Stream<Arguments> serviceOwnershipTable() {
    List<Arguments> rows = new ArrayList<>();
    for (TeamRegistryMode registry : TeamRegistryMode.values()) {
      for (String ns : List.of("shop", "blog", "lab", "sandbox")) {
        for (String team : List.of("payments", "pay", "team-payments"))
          rows.add(Arguments.of(registry, ns, team, true, "allowed", null, List.of(), Map.of()));
        // Every typo is fine in an off namespace and while the registry is off.
        if (ns.equals("sandbox") || registry == TeamRegistryMode.OFF)
          rows.add(
              Arguments.of(registry, ns, "paymnts", true, "allowed", null, List.of(), Map.of()));
      }
    }
    for (String ns : List.of("shop", "blog"))
      rows.add(
          Arguments.of(
              TeamRegistryMode.WARN,
              ns,
              "paymnts",
              true,
              "warned",
              null,
              List.of(SO_TYPO.formatted(ns) + SO_WARN),
              Map.of()));
    rows.add(
        Arguments.of(
            TeamRegistryMode.WARN, "lab", "paymnts", true, "allowed", null, List.of(), Map.of()));
    rows.add(
        Arguments.of(
            TeamRegistryMode.ENFORCE,
            "shop",
            "paymnts",
            false,
            "denied",
            SO_TYPO.formatted("shop")
                + " Namespace shop enforces ownership and the team registry is enforced: set"
                + " spec.team to the name or an alias of a Team (kubectl get teams).",
            List.of(),
            Map.of()));
    rows.add(
        Arguments.of(
            TeamRegistryMode.ENFORCE,
            "blog",
            "paymnts",
            true,
            "warned",
            null,
            List.of(SO_TYPO.formatted("blog") + SO_ENFORCED),
            Map.of()));
    rows.add(
        Arguments.of(
            TeamRegistryMode.ENFORCE,
            "lab",
            "paymnts",
            true,
            "audited",
            null,
            List.of(),
            Map.of("unknown-team", "ServiceOwnership/checkout")));
    return rows.stream();
  }

  @ParameterizedTest(name = "registry {0}, namespace {1}, spec.team {2}")
  @MethodSource("serviceOwnershipTable")
  void aServiceOwnershipsTeamIsJudgedByTheRegistryAndTheNamespaceMode(
      TeamRegistryMode registry,
      String namespace,
      String team,
      boolean allowed,
      String decision,
      String denial,
      List<String> expectedWarnings,
      Map<String, String> expectedAnnotations) {
    JsonNode response =
        answer(namespaces(registry), Reviews.serviceOwnership(namespace, "checkout", team));

    assertThat(response.path("allowed").asBoolean()).isEqualTo(allowed);
    if (denial == null) {
      assertThat(response.has("status")).isFalse();
    } else {
      assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
      assertThat(response.path("status").path("reason").asText()).isEqualTo("Forbidden");
      assertThat(response.path("status").path("message").asText()).isEqualTo(denial);
    }
    assertThat(warnings(response)).isEqualTo(expectedWarnings);
    assertThat(annotations(response)).isEqualTo(expectedAnnotations);
    String mode =
        Map.of("shop", "enforce", "blog", "warn", "lab", "audit", "sandbox", "off").get(namespace);
    assertThat(last())
        .isEqualTo(new WebhookFixture.Recorded("ServiceOwnership", "CREATE", mode, decision));
  }

  @Test
  void anExemptNamespaceIsNotJudged() {
    JsonNode response =
        answer(
            namespaces(TeamRegistryMode.ENFORCE),
            Reviews.serviceOwnership("kube-system", "dns", "paymnts"));
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(last())
        .isEqualTo(new WebhookFixture.Recorded("ServiceOwnership", "CREATE", "off", "exempt"));
  }

  @Test
  void anUpdateOfAServiceOwnershipThatAlreadyNamedNoTeamIsAllowedWithAWarning() {
    JsonNode response =
        answer(
            namespaces(TeamRegistryMode.ENFORCE),
            Reviews.serviceOwnership("shop", "checkout", "paymnts").updateFromTeam("paymnts"));

    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(warnings(response))
        .containsExactly(
            SO_TYPO.formatted("shop") + SO_ENFORCED,
            "Allowed because ServiceOwnership shop/checkout already named no registered Team"
                + " before this update; namespace shop enforces ownership, so fix spec.team before"
                + " the next change.");
    assertThat(last())
        .isEqualTo(new WebhookFixture.Recorded("ServiceOwnership", "UPDATE", "enforce", "warned"));
  }

  @Test
  void anUpdateThatRenamesTheTeamToAnUnknownOneIsRefused() {
    JsonNode response =
        answer(
            namespaces(TeamRegistryMode.ENFORCE),
            Reviews.serviceOwnership("shop", "checkout", "paymnts").updateFromTeam("payments"));
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(last())
        .isEqualTo(new WebhookFixture.Recorded("ServiceOwnership", "UPDATE", "enforce", "denied"));
  }

  @Test
  void aTeamThatDiffersOnlyByCaseGetsTheNameItMeant() {
    JsonNode response =
        answer(
            namespaces(TeamRegistryMode.ENFORCE),
            Reviews.serviceOwnership("shop", "checkout", "Payments"));
    assertThat(response.path("status").path("message").asText())
        .startsWith(
            "team Payments (ServiceOwnership shop/checkout) is not a registered Team; did you mean"
                + " payments?");
  }

  @Test
  void controlCharactersInATeamAreEscapedAndLongValuesCut() {
    String hostile = "pay\nments\u001b[2J" + "x".repeat(5000);
    JsonNode response =
        answer(
            namespaces(TeamRegistryMode.WARN),
            Reviews.serviceOwnership("blog", "checkout", hostile));
    String warning = warnings(response).get(0);
    assertThat(warning).startsWith("team pay\\nments\\u001b[2J").doesNotContain("\n", "\u001b");
    assertThat(warning.length()).isLessThan(400);
  }

  @Test
  void aDeleteOfAServiceOwnershipIsAllowedAndCountedUnderItsKind() {
    JsonNode response =
        answer(
            namespaces(TeamRegistryMode.ENFORCE),
            Reviews.serviceOwnership("shop", "checkout", "paymnts").operation("DELETE"));
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(last())
        .isEqualTo(new WebhookFixture.Recorded("ServiceOwnership", "DELETE", "enforce", "allowed"));
  }

  static Stream<Arguments> junk() {
    return Stream.of(
        Arguments.of(
            Reviews.serviceOwnership("shop", "checkout", "payments").object(null),
            "request.object is null; a CREATE review of a ServiceOwnership must carry the object"),
        Arguments.of(
            Reviews.serviceOwnership("shop", "checkout", null),
            "request.object.spec.team is missing; a ServiceOwnership names the team that owns it"),
        Arguments.of(
            withTeam(Reviews.serviceOwnership("shop", "checkout", "x"), 42),
            "request.object.spec.team is a number; it must be a string"),
        Arguments.of(
            withTeam(Reviews.serviceOwnership("shop", "checkout", "x"), List.of("a")),
            "request.object.spec.team is an array; it must be a string"),
        Arguments.of(
            Reviews.serviceOwnership("", "checkout", "payments").namespace(""),
            "request.namespace is missing; a ServiceOwnership is namespaced"),
        Arguments.of(
            Reviews.serviceOwnership("shop", "checkout", "payments").operation(null),
            "request.operation is missing; expected CREATE or UPDATE"));
  }

  private static Reviews withTeam(Reviews review, Object team) {
    review.object().withObjectProperty("spec").set("team", Reviews.JSON.valueToTree(team));
    return review;
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("junk")
  void aServiceOwnershipReviewThatIsNotUsableIsABadRequest(Reviews review, String error) {
    AdmissionResult result =
        WebhookFixture.handler(
                TestSettings.of(EnforcementMode.WARN),
                namespaces(TeamRegistryMode.ENFORCE),
                recorded)
            .handle(review.json());
    assertThat(result.httpStatus()).isEqualTo(400);
    assertThat(WebhookFixture.json(result.body()).path("error").asText()).isEqualTo(error);
  }

  /** docs/admission.md quotes what the webhook says; the quotes must stay true. */
  @Test
  void theMessagesDocsAdmissionMdQuotesAreWhatTheWebhookSays() throws java.io.IOException {
    String docs =
        java.nio.file.Files.readString(
            java.nio.file.Path.of(System.getProperty("ownership.repoRoot", ".."))
                .resolve("docs/admission.md"));
    Reviews labelled =
        Reviews.of(WorkloadKind.DEPLOYMENT)
            .namespace("shop")
            .object(Map.of("team", "paymnts"), Map.of("app", "cart"));
    String warning = warnings(answer(namespaces(TeamRegistryMode.WARN), labelled)).get(0);
    String denial =
        answer(namespaces(TeamRegistryMode.ENFORCE), labelled.uid("denied"))
            .at("/status/message")
            .asText();
    String refusal =
        answer(
                namespaces(TeamRegistryMode.ENFORCE),
                Reviews.serviceOwnership("shop", "checkout", "paymnts"))
            .at("/status/message")
            .asText();

    for (String said : List.of(warning, denial, refusal))
      assertThat(docs).contains("\n" + said + "\n");
    assertThat(docs.replaceAll("\\s+", " "))
        .contains("`" + AdmissionPolicy.OWNS_UNTIL_ENFORCED + "`");
  }

  @Test
  void aWorkloadWithASpecTeamOfAnyShapeIsNotABadRequest() {
    Reviews review = deployment("shop", "payments");
    review.object().withObjectProperty("spec").put("team", 42);
    JsonNode response = answer(namespaces(TeamRegistryMode.ENFORCE), review);
    assertThat(response.path("allowed").asBoolean()).isTrue();
  }
}
