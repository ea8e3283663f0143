package dev.ownership.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ownership.operator.ownership.Dns1123;
import dev.ownership.operator.ownership.EnforcementMode;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.TestSettings;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The webhook over real HTTPS: decisions, the exact response shape, bad input, TLS and keep-alive.
 */
class WebhookServerTest {
  private static final Map<String, String> OWNED =
      Map.of("app", "cart", "ownership.dev/team", "payments");

  /** Selected by the ServiceOwnership "checkout" (team payments) and labelled for team web. */
  private static final Map<String, String> CONFLICT = Map.of("app", "checkout", "team", "web");

  private static final Map<String, String> UNOWNED = Map.of("app", "cart");
  private static final Map<String, String> INVALID =
      Map.of("app", "cart", "ownership.dev/team", "Payments_Team");

  private static WebhookFixture webhook;

  @BeforeAll
  static void start() {
    InMemoryNamespaces namespaces = new InMemoryNamespaces();
    for (EnforcementMode mode : EnforcementMode.values()) {
      namespaces.namespace(mode.value(), "ownership.dev/enforcement", mode.value());
      namespaces.serviceOwnership(mode.value(), "checkout", "payments", Map.of("app", "checkout"));
    }
    webhook = new WebhookFixture(TestSettings.of(EnforcementMode.ENFORCE), namespaces);
  }

  @AfterAll
  static void stop() throws IOException {
    webhook.close();
  }

  static Stream<Arguments> everyModeOperationStateAndKind() {
    List<Arguments> cases = new ArrayList<>();
    for (EnforcementMode mode : EnforcementMode.values()) {
      for (String operation : List.of("CREATE", "UPDATE")) {
        for (String state : List.of("owned", "unowned", "conflict", "invalid")) {
          for (WorkloadKind kind : WorkloadKind.values())
            cases.add(Arguments.of(mode, operation, state, kind));
        }
      }
    }
    return cases.stream();
  }

  /**
   * Every mode × CREATE/UPDATE × owner state × kind. An UPDATE starts from an owned object, so a
   * change that leaves the workload unowned or badly labelled is judged like a CREATE.
   */
  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("everyModeOperationStateAndKind")
  void decidesByModeAndOwnership(
      EnforcementMode mode, String operation, String state, WorkloadKind kind) {
    Map<String, String> labels =
        switch (state) {
          case "owned" -> OWNED;
          case "conflict" -> CONFLICT;
          case "unowned" -> UNOWNED;
          default -> INVALID;
        };
    Reviews review = Reviews.of(kind).namespace(mode.value()).object(null, labels);
    if (operation.equals("UPDATE")) review.updateFrom(null, OWNED);
    String ref = kind.kind() + " " + mode.value() + "/cart";

    JsonNode response = webhook.review(review);

    boolean problem = state.equals("unowned") || state.equals("invalid");
    boolean denied = mode == EnforcementMode.ENFORCE && problem;
    assertThat(response.path("allowed").asBoolean()).isEqualTo(!denied);
    String unownedText =
        ref
            + " has no owner. Add label ownership.dev/team=<team>, or make a ServiceOwnership in"
            + " namespace "
            + mode.value()
            + " select it (existing: checkout selects app=checkout).";
    String invalidText =
        ref
            + ": label ownership.dev/team=Payments_Team is not a valid team name and was ignored: a"
            + " team must be "
            + Dns1123.RULE
            + ".";
    List<String> expectedProblems =
        switch (state) {
          case "unowned" -> List.of(unownedText);
          case "invalid" -> List.of(invalidText, unownedText);
          default -> List.of();
        };
    if (denied) {
      assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
      assertThat(response.path("status").path("message").asText())
          .isEqualTo(String.join(" ", expectedProblems));
    } else {
      assertThat(response.has("status")).isFalse();
    }

    List<String> warnings = new ArrayList<>();
    response.path("warnings").forEach(w -> warnings.add(w.asText()));
    if (mode == EnforcementMode.WARN && problem) {
      assertThat(warnings).isEqualTo(expectedProblems);
    } else if (state.equals("conflict")
        && (mode == EnforcementMode.ENFORCE || mode == EnforcementMode.WARN)) {
      assertThat(warnings)
          .containsExactly(
              ref
                  + " is owned by team web, but its owners disagree: "
                  + "label team=web overrides ServiceOwnership checkout (team payments).");
    } else {
      assertThat(warnings).isEmpty();
    }

    if (mode == EnforcementMode.AUDIT && problem) {
      assertThat(response.path("auditAnnotations"))
          .isEqualTo(Reviews.JSON.createObjectNode().put("unowned", kind.kind() + "/cart"));
    } else {
      assertThat(response.has("auditAnnotations")).isFalse();
    }

    String decision =
        mode == EnforcementMode.OFF || !problem
            ? "allowed"
            : switch (mode) {
              case ENFORCE -> "denied";
              case WARN -> "warned";
              default -> "audited";
            };
    assertThat(webhook.recorded)
        .contains(new WebhookFixture.Recorded(kind.kind(), operation, mode.value(), decision));
  }

  @Test
  void grandfathersAnUpdateOfAWorkloadThatAlreadyHadNoOwner() {
    for (WorkloadKind kind : WorkloadKind.values()) {
      JsonNode response =
          webhook.review(
              Reviews.of(kind)
                  .namespace("enforce")
                  .object(null, UNOWNED)
                  .updateFrom(null, Map.of("app", "old")));
      assertThat(response.path("allowed").asBoolean()).as(kind.kind()).isTrue();
      assertThat(response.path("warnings")).hasSize(2);
      assertThat(response.path("warnings").get(1).asText())
          .startsWith("Allowed because " + kind.kind() + " enforce/cart already had no owner");
    }
  }

  @Test
  void exemptsTheSystemNamespacesAndTheOperatorsOwnUnderAnEnforcingDefault() {
    for (String ns : List.of("kube-system", "kube-public", "kube-node-lease", "ownership-system")) {
      JsonNode response =
          webhook.review(Reviews.of(WorkloadKind.DAEMONSET).namespace(ns).object(null, null));
      assertThat(response.path("allowed").asBoolean()).as(ns).isTrue();
      assertThat(response.size()).as("nothing but uid and allowed").isEqualTo(2);
    }
    JsonNode notExempt =
        webhook.review(
            Reviews.of(WorkloadKind.DAEMONSET).namespace("kube-systemx").object(null, null));
    assertThat(notExempt.path("allowed").asBoolean()).isFalse();
  }

  @Test
  void answersWithExactlyTheAdmissionReviewShape() {
    HttpResponse<byte[]> denied =
        webhook.post(
            Reviews.of(WorkloadKind.DEPLOYMENT)
                .uid("705ab4f5-6393-11e8-b7cc-42010a800002")
                .namespace("enforce")
                .object(null, UNOWNED)
                .json());
    assertThat(denied.statusCode()).isEqualTo(200);
    assertThat(denied.headers().firstValue("content-type")).contains("application/json");
    assertThat(new String(denied.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            String.join(
                    "",
                    "{\"apiVersion\":\"admission.k8s.io/v1\",",
                    "\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"705ab4f5-6393-11e8-b7cc-42010a800002\",",
                    "\"allowed\":false,\"status\":{\"status\":\"Failure\",\"code\":403,",
                    "\"reason\":\"Forbidden\",\"message\":\"Deployment")
                + " enforce/cart has no owner. Add label ownership.dev/team=<team>, or make a"
                + " ServiceOwnership in namespace enforce select it (existing: checkout selects"
                + " app=checkout).\"}}}");

    HttpResponse<byte[]> warned =
        webhook.post(
            Reviews.of(WorkloadKind.JOB).uid("u-2").namespace("warn").object(null, UNOWNED).json());
    assertThat(new String(warned.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\","
                + "\"response\":{\"uid\":\"u-2\",\"allowed\":true,\"warnings\":[\"Job"
                + " warn/cart has no owner. Add label ownership.dev/team=<team>, or make a"
                + " ServiceOwnership in namespace warn select it (existing: checkout selects"
                + " app=checkout).\"]}}");

    HttpResponse<byte[]> audited =
        webhook.post(
            Reviews.of(WorkloadKind.CRONJOB)
                .uid("u-3")
                .namespace("audit")
                .object(null, UNOWNED)
                .json());
    assertThat(new String(audited.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"apiVersion\":\"admission.k8s.io/v1\","
                + "\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"u-3\",\"allowed\":true,"
                + "\"auditAnnotations\":{\"unowned\":\"CronJob/cart\"}}}");

    HttpResponse<byte[]> allowed =
        webhook.post(
            Reviews.of(WorkloadKind.STATEFULSET)
                .uid("u-4")
                .namespace("enforce")
                .object(null, OWNED)
                .json());
    assertThat(new String(allowed.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"apiVersion\":\"admission.k8s.io/v1\","
                + "\"kind\":\"AdmissionReview\",\"response\":{\"uid\":\"u-4\",\"allowed\":true}}");
  }

  @SuppressWarnings("unchecked")
  static Stream<Arguments> badBodies() {
    Map<String, Object> nullObject =
        tree(Reviews.of(WorkloadKind.DEPLOYMENT).object(null, UNOWNED));
    ((Map<String, Object>) nullObject.get("request")).put("object", null);
    Map<String, Object> noUid = tree(Reviews.of(WorkloadKind.DEPLOYMENT).object(null, UNOWNED));
    ((Map<String, Object>) noUid.get("request")).remove("uid");
    Map<String, Object> v1beta1 = tree(Reviews.of(WorkloadKind.DEPLOYMENT).object(null, UNOWNED));
    v1beta1.put("apiVersion", "admission.k8s.io/v1beta1");
    Map<String, Object> noApiVersion =
        tree(Reviews.of(WorkloadKind.DEPLOYMENT).object(null, UNOWNED));
    noApiVersion.remove("apiVersion");
    Map<String, Object> stringRequest =
        tree(Reviews.of(WorkloadKind.DEPLOYMENT).object(null, UNOWNED));
    stringRequest.put("request", "CREATE");
    Map<String, Object> badLabel = tree(Reviews.of(WorkloadKind.DEPLOYMENT).object(null, UNOWNED));
    ((Map<String, Map<String, Map<String, Object>>>) badLabel.get("request"))
        .get("object")
        .get("metadata")
        .put("labels", Map.of("tier", 1));
    return Stream.of(
        Arguments.of(
            "not JSON",
            "This is not a json, this is Patrick!",
            "the body is not valid JSON: Unrecognized token 'This'"),
        Arguments.of("empty", "", "the body is empty"),
        Arguments.of(
            "JSON array",
            "[{\"apiVersion\":\"admission.k8s.io/v1\"}]",
            "the body is a JSON array; send a single AdmissionReview object"),
        Arguments.of("JSON string", "\"review\"", "the body is not a JSON object (found a string)"),
        Arguments.of(
            "truncated",
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"request\":{\"uid\":\"a\"",
            "the body is not valid JSON"),
        Arguments.of(
            "missing request",
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}",
            "request is missing"),
        Arguments.of(
            "null request",
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":null}",
            "request is null; it must be an object"),
        Arguments.of(
            "string request", write(stringRequest), "request is a string; it must be an object"),
        Arguments.of("missing uid", write(noUid), "request.uid is missing"),
        Arguments.of(
            "v1beta1",
            write(v1beta1),
            "apiVersion admission.k8s.io/v1beta1 is not supported; this webhook answers"
                + " admission.k8s.io/v1"),
        Arguments.of(
            "no apiVersion",
            write(noApiVersion),
            "apiVersion is missing; expected admission.k8s.io/v1"),
        Arguments.of(
            "wrong kind",
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"Deployment\",\"request\":{\"uid\":\"a\"}}",
            "kind Deployment is not AdmissionReview"),
        Arguments.of(
            "null object",
            write(nullObject),
            "request.object is null; a CREATE review of a Deployment must carry the object"),
        Arguments.of(
            "label not a string",
            write(badLabel),
            "request.object.metadata.labels.tier is a number; label values are strings"),
        Arguments.of(
            "trailing data",
            new String(Reviews.of(WorkloadKind.JOB).object(null, null).json()) + "{}",
            "unexpected data after the AdmissionReview object"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badBodies")
  void refusesBadInputWith400AndAJsonErrorSayingWhatIsWrong(
      String name, String body, String expected) {
    HttpResponse<byte[]> response = webhook.post(body.getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    JsonNode json = WebhookFixture.json(response.body());
    assertThat(json.size()).isEqualTo(1);
    assertThat(json.path("error").asText())
        .contains(expected)
        .doesNotContain("Exception\n", "\tat ");
    assertStillServing();
  }

  @Test
  void refusesABodyOver3MiBFromItsContentLength() {
    byte[] body = new byte[WebhookServer.MAX_BODY_BYTES + 1];
    java.util.Arrays.fill(body, (byte) ' ');
    HttpResponse<byte[]> response = webhook.post(body);
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(WebhookFixture.json(response.body()).path("error").asText())
        .isEqualTo(
            "the AdmissionReview is too large: Content-Length says 3145729 bytes; at most 3145728"
                + " bytes (3 MiB) are accepted");
    assertStillServing();
  }

  @Test
  void refusesATooLargeDeclaredBodyBeforeReadingIt() throws IOException {
    try (SSLSocket socket = socket()) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /validate HTTP/1.1\r\n"
                  + "Host: localhost\r\n"
                  + "Content-Type: application/json\r\n"
                  + "Content-Length: 104857600\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      RawResponse response = RawResponse.read(socket.getInputStream());
      assertThat(response.status()).isEqualTo(413);
      assertThat(response.headers().get("connection")).isEqualTo("close");
    }
    assertStillServing();
  }

  @Test
  void refusesAStreamedBodyOnceItGrowsPast3MiB() {
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) ' ');
    // A stream without a known length goes out chunked, with no Content-Length to judge in advance.
    InputStream endless =
        new InputStream() {
          long sent;

          @Override
          public int read() {
            return sent++ < 8L * 1024 * 1024 ? ' ' : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (sent >= 8L * 1024 * 1024) return -1;
            int n = Math.min(len, chunk.length);
            System.arraycopy(chunk, 0, b, off, n);
            sent += n;
            return n;
          }
        };
    HttpResponse<byte[]> response =
        webhook.send(
            HttpRequest.newBuilder(webhook.uri(WebhookServer.PATH))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> endless))
                .build());
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(WebhookFixture.json(response.body()).path("error").asText())
        .contains("the body grew past 3145728 bytes");
    assertStillServing();
  }

  @Test
  void refusesOtherMethodsWith405AndOtherPathsWith404() {
    HttpResponse<byte[]> get =
        webhook.send(HttpRequest.newBuilder(webhook.uri(WebhookServer.PATH)).GET().build());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("allow")).contains("POST");
    assertThat(WebhookFixture.json(get.body()).path("error").asText())
        .contains("method GET is not allowed on /validate");

    HttpResponse<byte[]> put =
        webhook.send(
            HttpRequest.newBuilder(webhook.uri(WebhookServer.PATH))
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    assertThat(put.statusCode()).isEqualTo(405);

    HttpResponse<byte[]> wrongPath =
        webhook.send(
            HttpRequest.newBuilder(webhook.uri("/mutate"))
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        Reviews.of(WorkloadKind.JOB).object(null, null).json()))
                .build());
    assertThat(wrongPath.statusCode()).isEqualTo(404);
    assertThat(WebhookFixture.json(wrongPath.body()).path("error").asText())
        .isEqualTo("there is nothing at /mutate; the webhook serves POST /validate");
    assertStillServing();
  }

  @Test
  void keepsTheConnectionAliveAcrossReviews() throws IOException {
    try (SSLSocket socket = socket()) {
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      for (int i = 0; i < 3; i++) {
        byte[] body =
            Reviews.of(WorkloadKind.DEPLOYMENT)
                .uid("keep-" + i)
                .namespace("enforce")
                .object(null, OWNED)
                .json();
        RawResponse.postReview(out, body);
        RawResponse response = RawResponse.read(in);
        assertThat(response.status()).isEqualTo(200);
        assertThat(WebhookFixture.json(response.body()).path("response").path("uid").asText())
            .isEqualTo("keep-" + i);
      }
    }
  }

  @Test
  void speaksTls12AndTls13() throws IOException {
    for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
      try (SSLSocket socket = socket(protocol)) {
        socket.startHandshake();
        assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
      }
    }
  }

  /** The warm-up before start() returns runs the handler and a TLS handshake, counting nothing. */
  @Test
  void theWarmUpBeforeReadinessIsNotCounted() throws Exception {
    try (WebhookFixture fresh =
        new WebhookFixture(TestSettings.of(EnforcementMode.WARN), new InMemoryNamespaces())) {
      assertThat(fresh.server.port()).isPositive();
      // Every warm-up review answered and one request over TLS, all before the port (readiness)
      // was set; none of it counted.
      assertThat(fresh.server.warmUp())
          .isEqualTo(new WebhookServer.WarmUp(WebhookServer.WARM_UP_REVIEWS, 1, true));
      assertThat(fresh.recorded).isEmpty();
    }
  }

  private void assertStillServing() {
    JsonNode response =
        webhook.review(
            Reviews.of(WorkloadKind.DEPLOYMENT).namespace("enforce").object(null, OWNED));
    assertThat(response.path("allowed").asBoolean()).isTrue();
  }

  private static SSLSocket socket(String... protocols) throws IOException {
    SSLSocket socket =
        (SSLSocket)
            WebhookFixture.sslContext(webhook.ca)
                .getSocketFactory()
                .createSocket("localhost", webhook.server.port());
    if (protocols.length > 0) socket.setEnabledProtocols(protocols);
    socket.setSoTimeout(10_000);
    return socket;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(Reviews review) {
    return Reviews.JSON.convertValue(review.tree(), Map.class);
  }

  private static String write(Object value) {
    try {
      return Reviews.JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP/1.1 response with a Content-Length body, read off a raw connection. */
}
