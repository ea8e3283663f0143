package dev.ownership.operator;

import dev.ownership.operator.config.OperatorSettings;
import java.util.concurrent.CountDownLatch;

// SKELETON: wiring lands with the controller.
public final class OwnershipOperator implements AutoCloseable {
  private final CountDownLatch stopped = new CountDownLatch(1);

  public static OwnershipOperator start(OperatorSettings settings) {
    return new OwnershipOperator();
  }

  public void awaitTermination() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    stopped.countDown();
  }
}
