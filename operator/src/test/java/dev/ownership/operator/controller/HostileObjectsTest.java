package dev.ownership.operator.controller;

import static dev.ownership.operator.ownership.OwnershipKeys.STATUS_LABEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ownership.operator.OwnershipOperator;
import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.testing.Manifests;
import dev.ownership.operator.testing.MockApiServer;
import dev.ownership.operator.testing.MockCluster;
import dev.ownership.operator.testing.TestSettings;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The running operator against objects written to break its output: a selector key that carries a
 * newline, a forged log line and an ESC sequence, ten thousand characters long; a team label just
 * as bad. The condition, the Event and every log line show the text escaped and cut, never raw.
 *
 * <p>A real API server refuses most of this at the door (the CRD bounds a selector key to 317
 * characters and a label value to 63 and its syntax); the mock stores anything, which is what this
 * test needs: the operator must stay safe when the door is not there. A selector key's characters
 * are not checked by the CRD, so the escaping is what a real cluster relies on.
 */
@MockApiServer
class HostileObjectsTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String FORGED = "\n[main] ERROR forged\u001b[31m";

  KubernetesMockServer server;
  KubernetesClient client;
  MockCluster cluster;
  OwnershipOperator operator;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private PrintStream stderr;

  @BeforeEach
  void setUp() throws Exception {
    cluster = new MockCluster(server, client).withCrd();
    client.namespaces().resource(Manifests.namespace("shop", Map.of())).create();
    // slf4j-simple looks System.err up at every line, so the operator's log lands here.
    stderr = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void tearDown() {
    if (operator != null) operator.close();
    System.setErr(stderr);
  }

  @Test
  void hostileSelectorsAndLabelsReachConditionsEventsAndLogsOnlyEscapedAndCut() throws Exception {
    String key = "app" + FORGED + "k".repeat(10_000);
    create(
        Manifests.serviceOwnership(
            "shop",
            "forged",
            "payments",
            new LabelSelectorBuilder().withMatchLabels(Map.of(key, "v")).build()));
    create(
        Manifests.deployment(
            "shop",
            "bad",
            Map.of("ownership.dev/team", "Pay" + FORGED + "x".repeat(5_000)),
            Map.of("app", "bad")));

    operator = OwnershipOperator.start(TestSettings.defaults(), client, false);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(readyCondition("forged")).isNotNull();
              assertThat(readyCondition("forged").getReason()).isEqualTo("InvalidSpec");
              assertThat(events("bad", "InvalidOwnerLabel")).hasSize(1);
              assertThat(cluster.labels(WorkloadKind.DEPLOYMENT, "shop", "bad"))
                  .containsEntry(STATUS_LABEL, "unowned");
            });
    await().atMost(WAIT).until(() -> operator.controller().isIdle());

    String condition = readyCondition("forged").getMessage();
    assertThat(condition)
        .contains("app\\n[main] ERROR forged\\u001b[31m")
        .doesNotContain("\n", "\u001b")
        .hasSizeLessThanOrEqualTo(Conditions.MAX_MESSAGE);

    String event = events("bad", "InvalidOwnerLabel").get(0).getMessage();
    assertThat(event)
        .contains("Pay\\n[main] ERROR forged\\u001b[31m")
        .doesNotContain("\n", "\u001b")
        .hasSizeLessThanOrEqualTo(WorkloadEventRecorder.MAX_MESSAGE);

    System.err.flush();
    String output = log.toString(StandardCharsets.UTF_8);
    assertThat(output).as("the operator logged something").isNotEmpty();
    assertThat(output).as("an ESC reached the log").doesNotContain("\u001b");
    List<String> lines = output.lines().toList();
    assertThat(lines).noneMatch(line -> line.startsWith("[main] ERROR forged"));
    assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThan(4_000));
  }

  private void create(HasMetadata resource) {
    client.resource(resource).create();
  }

  private Condition readyCondition(String name) {
    ServiceOwnership so =
        client.resources(ServiceOwnership.class).inNamespace("shop").withName(name).get();
    if (so == null || so.getStatus() == null || so.getStatus().getConditions() == null) {
      return null;
    }
    return so.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready"))
        .findFirst()
        .orElse(null);
  }

  private List<Event> events(String name, String reason) {
    return client.v1().events().inNamespace("shop").list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }
}
