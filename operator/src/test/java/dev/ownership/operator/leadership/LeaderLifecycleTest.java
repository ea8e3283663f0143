package dev.ownership.operator.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What winning and losing the Lease does, without an API server. */
class LeaderLifecycleTest {
  private final List<String> steps = new CopyOnWriteArrayList<>();
  private final List<Integer> exits = new CopyOnWriteArrayList<>();

  private LeaderLifecycle lifecycle(java.util.function.IntConsumer exit) {
    return new LeaderLifecycle(
        List.of(() -> steps.add("gauge up"), () -> steps.add("controller started")),
        List.of(() -> steps.add("gauge down"), () -> steps.add("controller stopped")),
        exit,
        "ownership-system/ownership-operator");
  }

  @Test
  void winningRunsTheStartStepsInOrderAndLosingTheStopSteps() {
    LeaderLifecycle leadership = lifecycle(null);
    assertThat(leadership.isLeading()).isFalse();

    leadership.startLeading();
    assertThat(leadership.isLeading()).isTrue();
    assertThat(steps).containsExactly("gauge up", "controller started");

    leadership.stopLeading();
    assertThat(leadership.isLeading()).isFalse();
    assertThat(steps)
        .containsExactly("gauge up", "controller started", "gauge down", "controller stopped");
  }

  @Test
  void aLostLeaseEndsTheProcessWithStatusOneAfterStoppingTheWriters() {
    CountDownLatch exited = new CountDownLatch(1);
    AtomicReference<String> exitThread = new AtomicReference<>();
    LeaderLifecycle leadership =
        lifecycle(
            status -> {
              exits.add(status);
              exitThread.set(Thread.currentThread().getName());
              exited.countDown();
            });
    leadership.startLeading();
    leadership.stopLeading();

    await().atMost(Duration.ofSeconds(5)).until(() -> exited.getCount() == 0);
    assertThat(exits).containsExactly(1);
    assertThat(steps).endsWith("gauge down", "controller stopped");
    // Not from the elector's callback thread: that one holds the lock the shutdown hook needs.
    assertThat(exitThread.get()).isEqualTo("exit-after-lost-lease");
  }

  @Test
  void losingTheLeaseWhileShuttingDownStopsTheWritersButDoesNotExit() throws Exception {
    CountDownLatch exited = new CountDownLatch(1);
    LeaderLifecycle leadership =
        lifecycle(
            status -> {
              exits.add(status);
              exited.countDown();
            });
    leadership.startLeading();
    leadership.shuttingDown();
    leadership.stopLeading();

    assertThat(steps).endsWith("gauge down", "controller stopped");
    assertThat(exited.await(500, TimeUnit.MILLISECONDS)).as("exit called").isFalse();
    assertThat(exits).isEmpty();
  }

  @Test
  void withoutAnExitALostLeaseOnlyStopsTheWriters() {
    LeaderLifecycle leadership = lifecycle(null);
    leadership.startLeading();
    leadership.stopLeading();
    leadership.startLeading();
    assertThat(leadership.isLeading()).isTrue();
    assertThat(steps).hasSize(6).endsWith("gauge up", "controller started");
  }
}
