package dev.ownership.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.testing.Corpus;
import dev.ownership.operator.testing.TestSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real AdmissionReview bodies captured by other webhook projects (shared corpus, admission/): the
 * reader copes with their shapes, odd fields and mistakes, and the rules treat them as INTERFACE §4
 * says. The default mode is enforce, so any workload among them would be refused.
 */
class AdmissionFixturesTest {
  private final AdmissionHandler handler =
      WebhookFixture.handler(
          TestSettings.of(EnforcementMode.ENFORCE), new InMemoryNamespaces(), new ArrayList<>());

  static Stream<Arguments> fixtures() {
    String k8tz = "admission/k8tz/pkg/admission/testdata/";
    String fabric8 = "admission/fabric8-kubernetes-client/kubernetes-tests/src/test/resources/";
    return Stream.of(
        Arguments.of(k8tz + "review-pod.json", 200, "allowed"),
        Arguments.of(k8tz + "review-injected-pod.json", 200, "allowed"),
        Arguments.of(k8tz + "review-namespace.json", 200, "allowed"),
        Arguments.of(k8tz + "review-unparsable-pod.json", 200, "allowed"),
        Arguments.of(k8tz + "review-without-request.json", 400, "request is missing"),
        Arguments.of(k8tz + "review-cronjob-enabled.json", 400, "request is missing"),
        Arguments.of(
            k8tz + "unparsable.json", 400, "the body is not valid JSON: Unrecognized token 'This'"),
        Arguments.of(
            "admission/generic-sidecar-injector/testdata/admissionreview.json", 200, "allowed"),
        Arguments.of("admission/admission-sidecar/test/testdata/testrequest.json", 200, "allowed"),
        Arguments.of(
            "admission/admission-sidecar/test/testdata/testrequest-full-image.json",
            200,
            "allowed"),
        Arguments.of("admission/k8s-image-warden/testdata/admission_review.json", 200, "allowed"),
        Arguments.of(
            fabric8 + "admissionreview.json",
            400,
            "apiVersion admission.k8s.io/v1beta1 is not supported"),
        Arguments.of(
            fabric8 + "admissionreview-withconnectexec.json",
            400,
            "apiVersion admission.k8s.io/v1beta1 is not supported"),
        Arguments.of(
            "admission/gatekeeper-library/library/general/requiredprobes/samples/must-have-probes/update.yaml",
            400,
            "the body is not valid JSON"));
  }

  @Tag(Corpus.TAG)
  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void answersRealReviews(String fixture, int status, String expected) throws IOException {
    AdmissionResult result = handler.handle(Files.readAllBytes(Corpus.path(fixture)));
    assertThat(result.httpStatus())
        .as(new String(result.body(), StandardCharsets.UTF_8))
        .isEqualTo(status);
    JsonNode body = WebhookFixture.json(result.body());
    if (status == 200) {
      assertThat(body.path("response").path("allowed").asBoolean()).isTrue();
      assertThat(body.path("response").size()).isEqualTo(2);
    } else {
      assertThat(body.path("error").asText()).contains(expected);
    }
  }

  @Tag(Corpus.TAG)
  @Test
  void refusesTheCapturedCronJobNamingItByTheRequestsName() throws IOException {
    byte[] review =
        Files.readAllBytes(
            Corpus.path("admission/k8tz/pkg/admission/testdata/review-cronjob.json"));
    JsonNode response = WebhookFixture.json(handler.handle(review).body()).path("response");
    assertThat(response.path("uid").asText()).isEqualTo("0c0829ff-c2f5-4634-a1c3-098147304d03");
    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("message").asText())
        .isEqualTo(
            "CronJob default/k8tz has no owner. Add label ownership.dev/team=<team>, or make a"
                + " ServiceOwnership in namespace default select it.");
  }

  @Test
  void readsTheRequestWhateverTheOrderOfItsFields() {
    String objectFirst =
        "{\"request\":{\"object\":{\"spec\":{\"template\":"
            + "{\"metadata\":{\"labels\":{\"team\":\"payments\"}}}},"
            + "\"metadata\":{\"name\":\"cart\"},\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\"},"
            + "\"operation\":\"CREATE\",\"namespace\":\"shop\","
            + "\"kind\":{\"kind\":\"Deployment\",\"version\":\"v1\",\"group\":\"apps\"},\"uid\":\"x\"},"
            + "\"kind\":\"AdmissionReview\",\"apiVersion\":\"admission.k8s.io/v1\"}";
    JsonNode owned =
        WebhookFixture.json(handler.handle(objectFirst.getBytes(StandardCharsets.UTF_8)).body())
            .path("response");
    assertThat(owned.path("allowed").asBoolean()).isTrue();

    String unowned = objectFirst.replace("\"team\":\"payments\"", "\"app\":\"cart\"");
    assertThat(
            WebhookFixture.json(handler.handle(unowned.getBytes(StandardCharsets.UTF_8)).body())
                .path("response")
                .path("allowed")
                .asBoolean())
        .isFalse();
  }
}
