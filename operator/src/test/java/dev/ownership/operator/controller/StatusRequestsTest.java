package dev.ownership.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The channel between the resolution loop and the status reconcilers, on a clock stepped by hand.
 */
class StatusRequestsTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final List<String> delivered = new ArrayList<>();
  private StatusRequests requests;

  @BeforeEach
  void subscribe() {
    requests = new StatusRequests(now::get);
    requests.deliverTo((namespace, name) -> delivered.add(namespace + "/" + name));
  }

  @Test
  void requestsAreHeldUntilTheLoopCatchesUpAndThenDeliveredOnceEach() {
    for (int i = 0; i < 100; i++) requests.request("shop", "checkout");
    requests.request("shop", "cart");
    requests.request("billing", "checkout");

    assertThat(delivered).isEmpty();
    assertThat(requests.isPending("shop", "checkout")).isTrue();
    assertThat(requests.isPending("billing", "checkout")).isTrue();
    assertThat(requests.isPending("billing", "cart")).isFalse();

    requests.caughtUp();

    assertThat(delivered)
        .containsExactlyInAnyOrder("shop/checkout", "shop/cart", "billing/checkout");
    assertThat(requests.isPending("shop", "checkout")).isFalse();
  }

  @Test
  void catchingUpWithNothingHeldDeliversNothing() {
    requests.caughtUp();
    requests.busy();
    assertThat(delivered).isEmpty();
  }

  @Test
  void aBusyLoopHoldsRequestsForAtMostTheHoldBound() {
    requests.request("shop", "checkout");
    now.addAndGet(StatusRequests.MAX_HOLD_NANOS);
    requests.busy();
    assertThat(delivered).as("held exactly the bound: not yet").isEmpty();

    now.addAndGet(1);
    requests.busy();
    assertThat(delivered).containsExactly("shop/checkout");
  }

  @Test
  void theHoldIsMeasuredFromTheFirstRequestOfABurstNotTheLast() {
    requests.request("shop", "a");
    now.addAndGet(StatusRequests.MAX_HOLD_NANOS / 2);
    requests.request("shop", "b");
    now.addAndGet(StatusRequests.MAX_HOLD_NANOS / 2 + 1);
    requests.busy();
    assertThat(delivered).containsExactlyInAnyOrder("shop/a", "shop/b");

    // A new burst starts its own hold.
    requests.request("shop", "c");
    now.addAndGet(StatusRequests.MAX_HOLD_NANOS / 2);
    requests.busy();
    assertThat(delivered).hasSize(2);
  }

  @Test
  void aRequestMadeWhileDeliveringIsKeptForTheNextDelivery() {
    requests.deliverTo(
        (namespace, name) -> {
          delivered.add(namespace + "/" + name);
          if (name.equals("first")) requests.request("shop", "again");
        });
    requests.request("shop", "first");
    requests.caughtUp();
    assertThat(delivered).containsExactly("shop/first");
    assertThat(requests.isPending("shop", "again")).isTrue();

    requests.caughtUp();
    assertThat(delivered).containsExactly("shop/first", "shop/again");
  }
}
