package dev.ownership.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.OwnerLabelKeys;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Corpus;
import dev.ownership.operator.testing.TestSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Same verdicts as peer policy engines on their own test cases, with {@code --owner-label-keys} set
 * to the label each policy requires and enforce mode:
 *
 * <ul>
 *   <li>Kyverno {@code require-labels} (pattern, CEL and ValidatingPolicy variants): the workload
 *       kinds of their chainsaw suites, as written;
 *   <li>Gatekeeper {@code K8sRequiredLabels} (library suite and the agilebank demo): their samples
 *       are Namespaces and Pods, so each sample's labels are put on every workload kind, as if the
 *       constraint matched workloads.
 * </ul>
 *
 * Where we differ on purpose, the case is listed in {@link #DIFFERENCES} and must keep differing
 * (docs/admission.md explains each); Pods, which are not workloads here, are always allowed.
 */
@Tag(Corpus.TAG)
class PeerParityTest {
  private static final String KYVERNO_KEY = "app.kubernetes.io/name";
  private static final String OWNER_REGEX_VALUE =
      "allowedRegex values: the team must be a DNS-1123 label and no value pattern is applied";

  /** Case id → why our verdict differs from the peer's. */
  private static final Map<String, String> DIFFERENCES =
      Map.of(
          "gatekeeper/must-have-owner/example-allowed",
          "owner=user.agilebank.demo has dots: not a DNS-1123 label, so refused; "
              + OWNER_REGEX_VALUE,
          "gatekeeper/must-have-owner/example-disallowed-label-value",
          "owner=user is a valid team; we do not apply " + OWNER_REGEX_VALUE,
          "gatekeeper-demo/agilebank/good_resources/namespace.yaml",
          "owner=me.agilebank.demo has dots: not a DNS-1123 label",
          "gatekeeper-demo/agilebank/bad_resources/namespace.yaml",
          "owner=me is a valid team; no value pattern is applied");

  private record Case(String id, String kind, boolean peerAllows, boolean weAllow) {}

  private final List<Case> cases = new ArrayList<>();

  @Test
  void kyvernoRequireLabels() throws IOException {
    try (WebhookFixture webhook = fixture(KYVERNO_KEY)) {
      for (String variant :
          List.of("best-practices", "best-practices-cel", "best-practices-vpol")) {
        Path dir = Corpus.path("peer-tests/kyverno/" + variant + "/require-labels");
        assertThat(Files.readString(dir.resolve("require-labels.yaml"))).contains(KYVERNO_KEY);
        JsonNode chainsaw =
            Corpus.documents(dir.resolve(".chainsaw-test/chainsaw-test.yaml"), false).get(0).node();
        for (JsonNode step : chainsaw.path("spec").path("steps")) {
          for (JsonNode action : step.path("try")) {
            JsonNode apply = action.path("apply");
            if (apply.isMissingNode()) continue;
            boolean peerAllows = !apply.path("expect").toString().contains("($error != null)");
            Path file =
                dir.resolve(".chainsaw-test").resolve(apply.path("file").asText()).normalize();
            for (Corpus.Document document : Corpus.documents(file, true)) {
              if (document.kind().endsWith("Policy")) continue;
              judge(
                  webhook,
                  "kyverno/" + variant + "/" + file.getFileName() + "/" + document.name(),
                  document.node(),
                  peerAllows);
            }
          }
        }
      }
    }
    assertParity();
    // Both controllers the suites refuse, and both they admit, in each of the three variants.
    assertThat(cases.stream().filter(c -> !c.kind.equals("Pod")).count()).isEqualTo(12);
  }

  @Test
  void gatekeeperK8sRequiredLabels() throws IOException {
    Path library = Corpus.path("peer-tests/gatekeeper/library/general/requiredlabels");
    JsonNode suite = Corpus.documents(library.resolve("suite.yaml"), false).get(0).node();
    for (JsonNode test : suite.path("tests")) {
      JsonNode constraint =
          Corpus.documents(library.resolve(test.path("constraint").asText()), false).get(0).node();
      String key =
          constraint.path("spec").path("parameters").path("labels").get(0).path("key").asText();
      try (WebhookFixture webhook = fixture(key)) {
        for (JsonNode testCase : test.path("cases")) {
          JsonNode object =
              Corpus.documents(library.resolve(testCase.path("object").asText()), false)
                  .get(0)
                  .node();
          // "violations: no" — YAML 1.1 reads yes/no as booleans.
          JsonNode violations = testCase.path("assertions").get(0).path("violations");
          boolean peerAllows =
              violations.isBoolean() ? !violations.asBoolean() : violations.asText().equals("no");
          judgeAsEveryWorkloadKind(
              webhook,
              "gatekeeper/" + test.path("name").asText() + "/" + testCase.path("name").asText(),
              object,
              peerAllows);
        }
      }
    }

    Path demo = Corpus.path("peer-tests/gatekeeper/gatekeeper-repo/demo/agilebank");
    JsonNode constraint =
        Corpus.documents(demo.resolve("constraints/owner_must_be_provided.yaml"), false)
            .get(0)
            .node();
    String key =
        constraint.path("spec").path("parameters").path("labels").get(0).path("key").asText();
    try (WebhookFixture webhook = fixture(key)) {
      // The demo's flow: the good namespace is admitted, the bad one refused.
      judgeAsEveryWorkloadKind(
          webhook,
          "gatekeeper-demo/agilebank/good_resources/namespace.yaml",
          Corpus.documents(demo.resolve("good_resources/namespace.yaml"), false).get(0).node(),
          true);
      judgeAsEveryWorkloadKind(
          webhook,
          "gatekeeper-demo/agilebank/bad_resources/namespace.yaml",
          Corpus.documents(demo.resolve("bad_resources/namespace.yaml"), false).get(0).node(),
          false);
    }
    assertParity();
    assertThat(cases).hasSize(7 * WorkloadKind.values().length);
  }

  private WebhookFixture fixture(String ownerLabelKey) {
    return new WebhookFixture(
        TestSettings.of(
            EnforcementMode.ENFORCE, FailureMode.OPEN, OwnerLabelKeys.parse(ownerLabelKey)),
        new InMemoryNamespaces().namespace("peer"));
  }

  private void judge(WebhookFixture webhook, String id, JsonNode manifest, boolean peerAllows) {
    JsonNode response = webhook.review(Reviews.ofManifest(manifest, "peer"));
    cases.add(
        new Case(
            id, manifest.path("kind").asText(), peerAllows, response.path("allowed").asBoolean()));
  }

  /**
   * The sample's own labels on a workload of each kind, as a constraint matching workloads would
   * see them.
   */
  private void judgeAsEveryWorkloadKind(
      WebhookFixture webhook, String id, JsonNode sample, boolean peerAllows) {
    for (WorkloadKind kind : WorkloadKind.values()) {
      Reviews review =
          Reviews.of(kind)
              .namespace("peer")
              .name(sample.path("metadata").path("name").asText())
              .object(null, null);
      JsonNode labels = sample.path("metadata").path("labels");
      if (labels.isObject()) ((ObjectNode) review.object().path("metadata")).set("labels", labels);
      JsonNode response = webhook.review(review);
      cases.add(new Case(id, kind.kind(), peerAllows, response.path("allowed").asBoolean()));
    }
  }

  private void assertParity() {
    Map<String, String> table = new TreeMap<>();
    for (Case c : cases) {
      Optional<String> why = Optional.ofNullable(DIFFERENCES.get(c.id));
      String verdicts =
          "peer " + (c.peerAllows ? "allows" : "denies") + ", we " + (c.weAllow ? "allow" : "deny");
      table.put(c.id + " (" + c.kind + ")", verdicts);
      if (c.kind.equals("Pod")) {
        assertThat(c.weAllow)
            .as(c.id + ": Pods are not workloads here; their controllers are judged")
            .isTrue();
      } else if (why.isPresent()) {
        assertThat(c.weAllow)
            .as(c.id + " " + c.kind + " differs on purpose: " + why.get())
            .isEqualTo(!c.peerAllows);
      } else {
        assertThat(c.weAllow).as(c.id + " " + c.kind + ": " + verdicts).isEqualTo(c.peerAllows);
      }
    }
    table.forEach((id, verdicts) -> System.out.println(id + ": " + verdicts));
  }
}
