package dev.ownership.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ownership.operator.api.ServiceOwnership;
import dev.ownership.operator.testing.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A failed reconciliation is counted by JOSDK's metrics and logged as one line with its reason. */
class LoggedReconciliationFailuresTest {
  private final List<Exception> counted = new ArrayList<>();
  private final Metrics recording =
      new Metrics() {
        @Override
        public void failedReconciliation(
            HasMetadata resource, Exception exception, Map<String, Object> metadata) {
          counted.add(exception);
        }
      };

  @Test
  void aFailureIsPassedOnAndLoggedAsOneLineWithTheApiServersAnswer() {
    ServiceOwnership so = Manifests.serviceOwnership("f-5", "all", "payments", Map.of());
    Exception failure =
        new IllegalStateException(
            "patch failed",
            new KubernetesClientException(
                new StatusBuilder().withCode(404).withMessage("not found").build()));

    PrintStream stderr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      new LoggedReconciliationFailures(recording).failedReconciliation(so, failure, Map.of());
    } finally {
      System.setErr(stderr);
    }

    assertThat(counted).containsExactly(failure);
    List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines)
        .singleElement()
        .asString()
        .contains("WARN", "ServiceOwnership f-5/all", "HTTP 404 not found");
  }

  @Test
  void withoutAnApiAnswerTheReasonIsTheRootCauseEscaped() {
    Exception failure =
        new RuntimeException("wrapper", new java.io.IOException("reset\n[main] ERROR forged"));
    assertThat(LoggedReconciliationFailures.reason(failure))
        .isEqualTo("IOException: reset\\n[main] ERROR forged");
  }
}
