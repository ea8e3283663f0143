package dev.ownership.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownership.operator.config.OperatorSettings;
import dev.ownership.operator.ownership.Dns1123;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.NamespaceClaims;
import dev.ownership.operator.ownership.NamespaceDirectory;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.TestSettings;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision rules of INTERFACE §4, driven through the handler without sockets. */
class AdmissionRulesTest {
  private static final String RULE = Dns1123.RULE;

  private final InMemoryNamespaces namespaces =
      new InMemoryNamespaces()
          .namespace("shop", "ownership.dev/enforcement", "enforce")
          .namespace("blog", "ownership.dev/enforcement", "warn")
          .namespace("lab", "ownership.dev/enforcement", "audit")
          .namespace("sandbox", "ownership.dev/enforcement", "off")
          .namespace("typo", "ownership.dev/enforcement", "enforced")
          .namespace(
              "payments", "ownership.dev/enforcement", "enforce", "ownership.dev/team", "payments");
  private final List<WebhookFixture.Recorded> recorded = new ArrayList<>();

  private AdmissionHandler handler(OperatorSettings settings, NamespaceDirectory directory) {
    return WebhookFixture.handler(settings, directory, recorded);
  }

  private JsonNode answer(Reviews review) {
    return answer(TestSettings.of(EnforcementMode.WARN), review);
  }

  private JsonNode answer(OperatorSettings settings, Reviews review) {
    AdmissionResult result = handler(settings, namespaces).handle(review.json());
    assertThat(result.httpStatus()).as(new String(result.body())).isEqualTo(200);
    JsonNode response = WebhookFixture.json(result.body()).path("response");
    assertThat(response.path("uid").asText()).isEqualTo(review.uid());
    return response;
  }

  private static Reviews deployment(
      String namespace, Map<String, String> labels, Map<String, String> templateLabels) {
    return Reviews.of(WorkloadKind.DEPLOYMENT).namespace(namespace).object(labels, templateLabels);
  }

  private static List<String> warnings(JsonNode response) {
    List<String> list = new ArrayList<>();
    response.path("warnings").forEach(w -> list.add(w.asText()));
    return list;
  }

  private WebhookFixture.Recorded lastRecorded() {
    return recorded.get(recorded.size() - 1);
  }

  @Test
  void enforceDeniesAnUnownedWorkloadNamingTheLabelAndTheServiceOwnershipsOfItsNamespace() {
    namespaces.serviceOwnership("shop", "checkout", "payments", Map.of("app", "checkout"));
    JsonNode response = answer(deployment("shop", null, Map.of("app", "cart")));

    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
    assertThat(response.path("status").path("message").asText())
        .isEqualTo(
            "Deployment shop/cart has no owner. Add label ownership.dev/team=<team>, or make a"
                + " ServiceOwnership in namespace shop select it (existing: checkout selects"
                + " app=checkout).");
    assertThat(lastRecorded())
        .isEqualTo(new WebhookFixture.Recorded("Deployment", "CREATE", "enforce", "denied"));
  }

  @Test
  void theMessageListsServiceOwnershipsOldestFirstWithTheirSelectorsAndCountsTheRest() {
    LabelSelector expression = new LabelSelector();
    expression.setMatchExpressions(
        List.of(new LabelSelectorRequirement("tier", "In", List.of("web", "api"))));
    namespaces.serviceOwnership("shop", "frontend", "web", expression);
    for (int i = 1; i <= 6; i++)
      namespaces.serviceOwnership("shop", "svc" + i, "team" + i, Map.of("app", "svc" + i));

    String message =
        answer(deployment("shop", null, Map.of("app", "cart")))
            .path("status")
            .path("message")
            .asText();

    assertThat(message)
        .endsWith(
            "(existing: frontend selects tier in (api,web); svc1 selects app=svc1; svc2 selects"
                + " app=svc2; svc3 selects app=svc3; svc4 selects app=svc4; and 2 more).");
  }

  @Test
  void withoutServiceOwnershipsTheMessageEndsAfterTheAdvice() {
    String message = answer(deployment("shop", null, null)).path("status").path("message").asText();
    assertThat(message)
        .isEqualTo(
            "Deployment shop/cart has no owner. Add label ownership.dev/team=<team>, "
                + "or make a ServiceOwnership in namespace shop select it.");
  }

  @Test
  void theAdviceNamesTheFirstConfiguredOwnerLabelKey() {
    OperatorSettings settings =
        TestSettings.of(
            EnforcementMode.ENFORCE, FailureMode.OPEN, OwnerLabelKeys.parse("acme.io/squad,team"));
    String message =
        answer(settings, deployment("elsewhere", null, null))
            .path("status")
            .path("message")
            .asText();
    assertThat(message).contains("Add label acme.io/squad=<team>");
  }

  @Test
  void podTemplateLabelsCountAndTheWorkloadsOwnLabelsWinOverThem() {
    assertThat(
            answer(deployment("shop", null, Map.of("team", "payments")))
                .path("allowed")
                .asBoolean())
        .isTrue();
    // The workload's own (invalid) value replaces the template's valid one, so nothing valid is
    // left.
    JsonNode overridden =
        answer(deployment("shop", Map.of("team", "Not_A_Team"), Map.of("team", "payments")));
    assertThat(overridden.path("allowed").asBoolean()).isFalse();
  }

  @Test
  void aCronJobIsReadThroughItsJobTemplate() {
    JsonNode owned =
        answer(
            Reviews.of(WorkloadKind.CRONJOB)
                .namespace("shop")
                .object(null, Map.of("team", "payments")));
    assertThat(owned.path("allowed").asBoolean()).isTrue();

    // A Deployment has no jobTemplate: labels placed there do not count for it.
    Reviews deployment = deployment("shop", null, null);
    deployment
        .object()
        .with("spec")
        .putObject("jobTemplate")
        .putObject("spec")
        .putObject("template")
        .putObject("metadata")
        .putObject("labels")
        .put("team", "payments");
    assertThat(answer(deployment).path("allowed").asBoolean()).isFalse();
  }

  @Test
  void aSelectingServiceOwnershipOrTheNamespaceTeamLabelOwnsTheWorkload() {
    namespaces.serviceOwnership("shop", "checkout", "payments", Map.of("app", "checkout"));
    JsonNode selected = answer(deployment("shop", null, Map.of("app", "checkout")));
    assertThat(selected.path("allowed").asBoolean()).isTrue();
    assertThat(selected.has("warnings")).isFalse();

    JsonNode namespaceOwned = answer(deployment("payments", null, null));
    assertThat(namespaceOwned.path("allowed").asBoolean()).isTrue();
    assertThat(namespaceOwned.has("status")).isFalse();
  }

  @Test
  void aConflictIsAllowedWithAWarningNamingItInEnforceAndWarnOnly() {
    for (String ns : List.of("shop", "blog", "lab"))
      namespaces.serviceOwnership(ns, "checkout", "payments", Map.of("app", "checkout"));
    Map<String, String> template = Map.of("app", "checkout", "team", "web");

    for (String ns : List.of("shop", "blog")) {
      JsonNode response = answer(deployment(ns, null, template));
      assertThat(response.path("allowed").asBoolean()).isTrue();
      assertThat(warnings(response))
          .containsExactly(
              "Deployment "
                  + ns
                  + "/cart is owned by team web, but its owners disagree: "
                  + "label team=web overrides ServiceOwnership checkout (team payments).");
      assertThat(lastRecorded().decision()).isEqualTo("allowed");
    }
    JsonNode audited = answer(deployment("lab", null, template));
    assertThat(audited.path("allowed").asBoolean()).isTrue();
    assertThat(audited.has("warnings")).isFalse();
    assertThat(audited.has("auditAnnotations")).isFalse();
  }

  @Test
  void anInvalidTeamLabelIsAnErrorInEnforceAndAWarningInWarnWithTheRule() {
    JsonNode denied =
        answer(deployment("shop", Map.of("ownership.dev/team", "Payments_Team"), null));
    assertThat(denied.path("allowed").asBoolean()).isFalse();
    assertThat(denied.path("status").path("message").asText())
        .startsWith(
            "Deployment shop/cart: label ownership.dev/team=Payments_Team is not a valid team name"
                + " and was ignored: a team must be "
                + RULE
                + ".")
        .contains("Deployment shop/cart has no owner.");

    JsonNode warned =
        answer(deployment("blog", Map.of("ownership.dev/team", "Payments_Team"), null));
    assertThat(warned.path("allowed").asBoolean()).isTrue();
    assertThat(warnings(warned)).hasSize(2).first().asString().contains(RULE);
    assertThat(lastRecorded().decision()).isEqualTo("warned");
  }

  @Test
  void anInvalidTeamLabelIsAnErrorEvenWhenAnotherSourceOwnsTheWorkload() {
    JsonNode denied = answer(deployment("payments", Map.of("team", "-payments"), null));
    assertThat(denied.path("allowed").asBoolean()).isFalse();
    assertThat(denied.path("status").path("message").asText())
        .isEqualTo(
            "Deployment payments/cart: label team=-payments is not a valid team name and was"
                + " ignored: a team must be "
                + RULE
                + ".");
  }

  @Test
  void auditAllowsAndAnnotatesAnUnownedWorkload() {
    JsonNode response = answer(deployment("lab", null, Map.of("app", "cart")));
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.has("warnings")).isFalse();
    assertThat(response.path("auditAnnotations").properties()).hasSize(1);
    assertThat(response.path("auditAnnotations").path("unowned").asText())
        .isEqualTo("Deployment/cart");
    assertThat(lastRecorded())
        .isEqualTo(new WebhookFixture.Recorded("Deployment", "CREATE", "audit", "audited"));
  }

  @Test
  void offAllowsWithNothingRecorded() {
    JsonNode response =
        answer(
            TestSettings.of(EnforcementMode.ENFORCE),
            deployment("sandbox", Map.of("team", "Bad_Team"), null));
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(
            response.has("warnings") || response.has("auditAnnotations") || response.has("status"))
        .isFalse();
    assertThat(lastRecorded())
        .isEqualTo(new WebhookFixture.Recorded("Deployment", "CREATE", "off", "allowed"));
  }

  @Test
  void withoutANamespaceLabelTheDefaultModeApplies() {
    Reviews review = deployment("unknown-to-the-directory", null, null);
    assertThat(answer(TestSettings.of(EnforcementMode.ENFORCE), review).path("allowed").asBoolean())
        .isFalse();
    assertThat(warnings(answer(TestSettings.of(EnforcementMode.WARN), review))).hasSize(1);
    assertThat(answer(TestSettings.of(EnforcementMode.AUDIT), review).has("auditAnnotations"))
        .isTrue();
  }

  @Test
  void anEnforcementLabelThatIsNoModeFallsBackToTheDefaultAndSaysSo() {
    JsonNode response =
        answer(
            TestSettings.of(EnforcementMode.WARN),
            deployment("typo", Map.of("team", "payments"), null));
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(warnings(response))
        .containsExactly(
            "Namespace typo has label ownership.dev/enforcement=enforced, which is not a mode "
                + "(enforce, warn, audit or off); using the default, warn.");
  }

  /** The fallback of a label that names no mode is the default (here warn), never enforce. */
  @Test
  void anUnownedWorkloadInANamespaceWhoseLabelIsNoModeIsJudgedByTheDefault() {
    JsonNode response =
        answer(TestSettings.of(EnforcementMode.WARN), deployment("typo", null, null));
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(warnings(response)).hasSize(2);
    assertThat(warnings(response).get(0)).contains("which is not a mode");
    assertThat(warnings(response).get(1)).contains("has no owner");
    assertThat(lastRecorded().mode()).isEqualTo("warn");
    assertThat(lastRecorded().decision()).isEqualTo("warned");
  }

  /** In audit mode only a missing owner is recorded; an owned workload's bad label is not. */
  @Test
  void auditRecordsNothingForAnOwnedWorkloadWithABadTeamLabel() {
    JsonNode response =
        answer(
            deployment("lab", Map.of("ownership.dev/team", "payments", "team", "Bad_Team"), null));
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.has("auditAnnotations") || response.has("warnings")).isFalse();
    assertThat(lastRecorded().decision()).isEqualTo("allowed");
  }

  /** §4 calls an invalid team label an error even when an earlier key names a valid team. */
  @Test
  void aBadTeamLabelAfterAValidOneIsStillRefusedInEnforce() {
    JsonNode denied =
        answer(
            deployment("shop", Map.of("ownership.dev/team", "payments", "team", "Bad_Team"), null));
    assertThat(denied.path("allowed").asBoolean()).isFalse();
    assertThat(denied.path("status").path("message").asText()).contains("team=Bad_Team");
  }

  /**
   * Any controller reference used to exempt a workload from everything; anyone who may deploy in a
   * namespace can read another Deployment's uid. Only a Job under a CronJob is exempt.
   */
  @Test
  void aWorkloadControlledByAnotherWorkloadIsJudgedAsItself() {
    OperatorSettings enforce = TestSettings.of(EnforcementMode.ENFORCE);
    for (WorkloadKind kind : WorkloadKind.values()) {
      Reviews adopted =
          Reviews.of(kind)
              .namespace("elsewhere")
              .object(null, null)
              .ownedBy("apps/v1", "Deployment", "someone-elses", true);
      assertThat(answer(enforce, adopted).path("allowed").asBoolean()).as(kind.kind()).isFalse();
      assertThat(lastRecorded().decision()).isEqualTo("denied");
    }
  }

  /** The webhook counts an exempt namespace under mode off, as the enforcement gauge shows it. */
  @Test
  void anExemptNamespaceIsCountedUnderModeOff() {
    answer(TestSettings.of(EnforcementMode.ENFORCE), deployment("kube-system", null, null));
    assertThat(lastRecorded())
        .isEqualTo(new WebhookFixture.Recorded("Deployment", "CREATE", "off", "exempt"));
  }

  @Test
  void anUpdateOfAWorkloadThatHadNoOwnerIsAllowedWithAWarningEvenInEnforce() {
    JsonNode response =
        answer(
            deployment("shop", null, Map.of("app", "cart", "version", "2"))
                .updateFrom(null, Map.of("app", "cart", "version", "1")));
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(warnings(response))
        .containsExactly(
            "Deployment shop/cart has no owner. Add label ownership.dev/team=<team>, or make a"
                + " ServiceOwnership in namespace shop select it.",
            "Allowed because Deployment shop/cart already had no owner before this update;"
                + " namespace shop enforces ownership, so fix it before the next change.");
    assertThat(lastRecorded())
        .isEqualTo(new WebhookFixture.Recorded("Deployment", "UPDATE", "enforce", "warned"));
  }

  @Test
  void anUpdateThatTakesOwnershipAwayIsJudgedLikeACreate() {
    JsonNode response =
        answer(
            deployment("shop", null, Map.of("app", "cart"))
                .updateFrom(Map.of("team", "payments"), Map.of("app", "cart")));
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
  }

  @Test
  void anUpdateThatIntroducesABadTeamLabelIsRefusedButOneThatKeepsItIsNot() {
    JsonNode introduced =
        answer(deployment("payments", Map.of("team", "Bad_Team"), null).updateFrom(null, null));
    assertThat(introduced.path("allowed").asBoolean()).isFalse();

    JsonNode kept =
        answer(
            deployment("payments", Map.of("team", "Bad_Team", "v", "2"), null)
                .updateFrom(Map.of("team", "Bad_Team"), null));
    assertThat(kept.path("allowed").asBoolean()).isTrue();
    assertThat(warnings(kept))
        .last()
        .asString()
        .startsWith("Allowed because Deployment payments/cart already had this label");
  }

  @Test
  void anUpdateWithoutTheOldObjectIsJudgedLikeACreate() {
    Reviews review = deployment("shop", null, null).operation("UPDATE");
    assertThat(answer(review).path("allowed").asBoolean()).isFalse();
  }

  @Test
  void exemptNamespacesAndTheOperatorsOwnAreAlwaysAllowed() {
    OperatorSettings enforce = TestSettings.of(EnforcementMode.ENFORCE);
    for (String ns :
        List.of("kube-system", "kube-public", "kube-node-lease", TestSettings.OPERATOR_NAMESPACE)) {
      JsonNode response = answer(enforce, deployment(ns, Map.of("team", "Bad_Team"), null));
      assertThat(response.path("allowed").asBoolean()).as(ns).isTrue();
      assertThat(response.has("warnings")).isFalse();
      assertThat(lastRecorded().decision()).isEqualTo("exempt");
    }
  }

  @Test
  void aJobRunByACronJobIsNotJudgedOnItsOwnButOtherJobsAre() {
    OperatorSettings enforce = TestSettings.of(EnforcementMode.ENFORCE);
    Reviews fromCronJob =
        Reviews.of(WorkloadKind.JOB)
            .namespace("elsewhere")
            .object(null, null)
            .ownedBy("batch/v1", "CronJob", "nightly", true);
    assertThat(answer(enforce, fromCronJob).path("allowed").asBoolean()).isTrue();

    Reviews notController =
        Reviews.of(WorkloadKind.JOB)
            .namespace("elsewhere")
            .object(null, null)
            .ownedBy("batch/v1", "CronJob", "nightly", false);
    assertThat(answer(enforce, notController).path("allowed").asBoolean()).isFalse();

    Reviews fromOtherController =
        Reviews.of(WorkloadKind.JOB)
            .namespace("elsewhere")
            .object(null, null)
            .ownedBy("argoproj.io/v1alpha1", "Workflow", "build", true);
    assertThat(answer(enforce, fromOtherController).path("allowed").asBoolean()).isFalse();
  }

  @Test
  void kindsThatAreNotWorkloadsAndOperationsOtherThanCreateAndUpdateAreAllowed() {
    OperatorSettings enforce = TestSettings.of(EnforcementMode.ENFORCE);
    for (Reviews review :
        List.of(
            Reviews.of("", "v1", "Pod").namespace("shop").object(null, null),
            Reviews.of("apps", "v1", "ReplicaSet").namespace("shop").object(null, null),
            Reviews.of("example.com", "v1", "Deployment").namespace("shop").object(null, null),
            Reviews.of("", "v1", "ConfigMap").namespace("shop").object(null, null),
            deployment("shop", null, null).operation("DELETE"),
            deployment("shop", null, null).operation("CONNECT"))) {
      assertThat(answer(enforce, review).path("allowed").asBoolean()).isTrue();
      assertThat(lastRecorded().decision()).isEqualTo("allowed");
    }
  }

  @Test
  void aWorkloadOfAnotherServedVersionIsStillJudged() {
    Reviews legacy = Reviews.of("batch", "v1beta1", "CronJob").namespace("shop").object(null, null);
    assertThat(answer(legacy).path("allowed").asBoolean()).isFalse();
  }

  /**
   * A non-boolean controller flag used to desynchronise the streaming reader; now it names its
   * place.
   */
  @Test
  void aControllerFlagThatIsNotABooleanIsABadRequestNamingItsPath() {
    Reviews review =
        deployment("shop", null, null)
            .ownedBy("apps/v1", "Deployment", "web", true)
            .operation("CREATE");
    ((ObjectNode) review.object().path("metadata").path("ownerReferences").get(0))
        .putObject("controller")
        .put("team", "payments");
    AdmissionResult result =
        handler(TestSettings.of(EnforcementMode.WARN), namespaces).handle(review.json());
    assertThat(result.httpStatus()).isEqualTo(400);
    assertThat(new String(result.body()))
        .contains(
            "request.object.metadata.ownerReferences[0].controller is an object; it must be true or"
                + " false");
  }

  /** What a 400 echoes of the request is escaped and bounded, however long the request's text. */
  @Test
  void aBadRequestEchoesAtMostAFewHundredCharactersOfTheRequest() throws Exception {
    String huge = "v".repeat(100_000) + "\n[main] ERROR forged";
    ObjectMapper json = new ObjectMapper();
    Reviews review = deployment("shop", null, Map.of("app", "cart"));
    ObjectNode wrongVersion = (ObjectNode) json.readTree(review.json());
    wrongVersion.put("apiVersion", huge);
    ObjectNode wrongKind = (ObjectNode) json.readTree(review.json());
    wrongKind.put("kind", huge);
    Reviews badLabel = deployment("shop", null, Map.of("app", "cart"));
    // Under Jackson's 50,000-character name limit, so the label rule (not the parser) answers.
    String longKey = "k".repeat(20_000) + "\n[main] ERROR forged";
    badLabel.object().with("metadata").with("labels").put(longKey, 7);
    for (byte[] body :
        List.of(
            json.writeValueAsBytes(wrongVersion),
            json.writeValueAsBytes(wrongKind),
            badLabel.json())) {
      AdmissionResult result =
          handler(TestSettings.of(EnforcementMode.WARN), namespaces).handle(body);
      assertThat(result.httpStatus()).isEqualTo(400);
      String answer = new String(result.body(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer)
          .hasSizeLessThan(1024)
          .contains("more characters)")
          .doesNotContain("ERROR forged");
    }
  }

  /**
   * A JSON null label value reads as "" (what the API server stores): an invalid team, not absent.
   */
  @Test
  void aNullLabelValueIsReadAsTheEmptyString() {
    Reviews review = deployment("shop", null, Map.of("app", "cart"));
    review.object().with("metadata").putObject("labels").putNull("team");
    JsonNode denied = answer(review);
    assertThat(denied.path("allowed").asBoolean()).isFalse();
    assertThat(denied.path("status").path("message").asText())
        .contains("label team= is not a valid team name");
  }

  @Test
  void dryRunIsAnsweredTheSameWay() {
    JsonNode real = answer(deployment("shop", null, null).uid("same"));
    JsonNode dry = answer(deployment("shop", null, null).uid("same").dryRun());
    assertThat(dry).isEqualTo(real);
  }

  @Test
  void aWorkloadCreatedWithGenerateNameIsNamedByItsPrefix() {
    Reviews review = Reviews.of(WorkloadKind.JOB).namespace("lab").name("").object(null, null);
    review.object().with("metadata").remove("name");
    review.object().with("metadata").put("generateName", "nightly-");
    assertThat(answer(review).path("auditAnnotations").path("unowned").asText())
        .isEqualTo("Job/nightly-*");

    Reviews enforced = Reviews.of(WorkloadKind.JOB).namespace("shop").name("").object(null, null);
    enforced.object().with("metadata").remove("name");
    enforced.object().with("metadata").put("generateName", "nightly-");
    assertThat(answer(enforced).path("status").path("message").asText())
        .startsWith("Job shop/nightly-* has no owner.");
  }

  /**
   * What a real API server sends: it generates the name before admission, so the review carries
   * request.name and metadata.name (nightly-7x2kq) beside metadata.generateName (nightly-).
   */
  @Test
  void aWorkloadNamedByTheServerFromGenerateNameIsShownByItsGeneratedName() {
    Reviews review =
        Reviews.of(WorkloadKind.JOB).namespace("lab").name("nightly-7x2kq").object(null, null);
    review.object().with("metadata").put("generateName", "nightly-");
    assertThat(review.object().path("metadata").path("name").asText()).isEqualTo("nightly-7x2kq");
    assertThat(answer(review).path("auditAnnotations").path("unowned").asText())
        .isEqualTo("Job/nightly-7x2kq");

    Reviews enforced =
        Reviews.of(WorkloadKind.JOB).namespace("shop").name("nightly-7x2kq").object(null, null);
    enforced.object().with("metadata").put("generateName", "nightly-");
    assertThat(answer(enforced).path("status").path("message").asText())
        .startsWith("Job shop/nightly-7x2kq has no owner.")
        .doesNotContain("nightly-*");
  }

  @Test
  void anInternalErrorAllowsWithAWarningWhenFailureModeIsOpen() {
    NamespaceDirectory broken =
        new NamespaceDirectory() {
          @Override
          public Map<String, String> labels(String namespace) {
            return Map.of();
          }

          @Override
          public NamespaceClaims claims(String namespace) {
            throw new IllegalStateException("cache not ready");
          }
        };
    Reviews review = deployment("shop", null, null);
    AdmissionResult open =
        handler(
                TestSettings.of(EnforcementMode.ENFORCE, FailureMode.OPEN, OwnerLabelKeys.DEFAULT),
                broken)
            .handle(review.json());
    JsonNode allowed = WebhookFixture.json(open.body()).path("response");
    assertThat(open.httpStatus()).isEqualTo(200);
    assertThat(allowed.path("allowed").asBoolean()).isTrue();
    assertThat(warnings(allowed))
        .containsExactly(
            "The ownership webhook could not check Deployment shop/cart (IllegalStateException:"
                + " cache not ready); allowed because the operator runs with --failure-mode open.");
    assertThat(lastRecorded())
        .isEqualTo(new WebhookFixture.Recorded("Deployment", "CREATE", "enforce", "error"));

    AdmissionResult closed =
        handler(
                TestSettings.of(
                    EnforcementMode.ENFORCE, FailureMode.CLOSED, OwnerLabelKeys.DEFAULT),
                broken)
            .handle(review.json());
    JsonNode denied = WebhookFixture.json(closed.body()).path("response");
    assertThat(closed.httpStatus()).isEqualTo(200);
    assertThat(denied.path("allowed").asBoolean()).isFalse();
    assertThat(denied.path("status").path("code").asInt()).isEqualTo(500);
    assertThat(denied.path("status").path("message").asText()).contains("--failure-mode closed");
    assertThat(lastRecorded().decision()).isEqualTo("error");
  }

  @Test
  void badInputIsNotCounted() {
    handler(TestSettings.of(EnforcementMode.ENFORCE), namespaces).handle("nope".getBytes());
    assertThat(recorded).isEmpty();
  }
}
