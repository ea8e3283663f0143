package dev.ownership.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ownership.operator.metrics.EventFailureCounter;
import dev.ownership.operator.net.FieldManager;
import dev.ownership.operator.ownership.WorkloadKind;
import dev.ownership.operator.ownership.WorkloadRef;
import dev.ownership.operator.testing.MockApiServer;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An Event marks a transition, so a lost one is lost for good: a transient failure is retried with
 * backoff, a duplicate (409) is success, and what still fails is counted in {@code
 * ownership_events_failed_total}.
 */
@MockApiServer
class WorkloadEventRecorderTest {
  private static final String EVENTS = "/api/v1/namespaces/shop/events";
  private static final WorkloadRef REF = new WorkloadRef(WorkloadKind.DEPLOYMENT, "shop", "cart");

  KubernetesMockServer server;
  KubernetesClient client;

  private void fail(int code, int times) {
    server
        .expect()
        .post()
        // The recorder's writes name the operator as field manager (net/FieldManager).
        .withPath(EVENTS + "?fieldManager=" + FieldManager.NAME)
        .andReturn(code, new StatusBuilder().withCode(code).withMessage("injected").build())
        .times(times);
  }

  /**
   * The recorder's own retries, without fabric8's: the client (as the operator's, by default)
   * retries a 5xx itself a few times before the recorder sees it.
   */
  private KubernetesClient withoutClientRetries() {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build())
        .build();
  }

  private long eventsStored() {
    return client.v1().events().inNamespace("shop").list().getItems().size();
  }

  @Test
  void transientFailuresAreRetriedUntilTheEventIsRecorded() {
    fail(500, 1);
    fail(429, 1);
    try (KubernetesClient once = withoutClientRetries();
        WorkloadEventRecorder events = new WorkloadEventRecorder(once)) {
      events.warn(REF, "uid-1", WorkloadEventRecorder.REASON_UNOWNED, "no owner", "unowned");
      await().atMost(Duration.ofSeconds(20)).until(() -> eventsStored() == 1);
      assertThat(events.failures()).isZero();
    }
  }

  @Test
  void aDuplicateIsNoFailureAndIsNotRetried() {
    try (KubernetesClient once = withoutClientRetries();
        WorkloadEventRecorder events = new WorkloadEventRecorder(once)) {
      events.warn(REF, "uid-1", WorkloadEventRecorder.REASON_UNOWNED, "no owner", "unowned");
      await().atMost(Duration.ofSeconds(10)).until(() -> eventsStored() == 1);
      int before = server.getRequestCount();
      events.warn(REF, "uid-1", WorkloadEventRecorder.REASON_UNOWNED, "no owner", "unowned");
      await().atMost(Duration.ofSeconds(10)).until(() -> server.getRequestCount() > before);
      await().during(Duration.ofSeconds(2)).until(() -> server.getRequestCount() == before + 1);
      assertThat(events.failures()).isZero();
      assertThat(eventsStored()).isEqualTo(1);
    }
  }

  @Test
  void whatStillFailsAfterEveryAttemptIsCountedInTheMetric() {
    fail(503, WorkloadEventRecorder.ATTEMPTS);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (KubernetesClient once = withoutClientRetries();
        WorkloadEventRecorder events = new WorkloadEventRecorder(once)) {
      EventFailureCounter.register(registry, events);
      int before = server.getRequestCount();
      events.warn(REF, "uid-1", WorkloadEventRecorder.REASON_UNOWNED, "no owner", "unowned");
      await().atMost(Duration.ofSeconds(30)).until(() -> events.failures() == 1);
      assertThat(server.getRequestCount() - before)
          .as("one create per attempt")
          .isEqualTo(WorkloadEventRecorder.ATTEMPTS);
      assertThat(registry.get("ownership.events.failed").functionCounter().count()).isEqualTo(1.0);
      assertThat(eventsStored()).isZero();
    }
  }

  @Test
  void aRefusalThatRetryingCannotMendIsCountedAtOnce() {
    fail(422, 1);
    try (KubernetesClient once = withoutClientRetries();
        WorkloadEventRecorder events = new WorkloadEventRecorder(once)) {
      int before = server.getRequestCount();
      events.warn(REF, "uid-1", WorkloadEventRecorder.REASON_UNOWNED, "no owner", "unowned");
      await().atMost(Duration.ofSeconds(10)).until(() -> events.failures() == 1);
      assertThat(server.getRequestCount() - before).isEqualTo(1);
    }
  }
}
