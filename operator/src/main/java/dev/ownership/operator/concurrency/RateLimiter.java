package dev.ownership.operator.concurrency;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket: at most {@code perSecond} permits a second on average, bursts up to one second's
 * worth. Keeps the operator from flooding the API server after a relabel of a large namespace.
 */
public final class RateLimiter {
  private final double perSecond;
  private final double capacity;
  private double tokens;
  private long refilledAt;

  public RateLimiter(double perSecond) {
    this.perSecond = perSecond;
    this.capacity = Math.max(1, perSecond);
    this.tokens = capacity;
    this.refilledAt = System.nanoTime();
  }

  public void acquire() throws InterruptedException {
    while (true) {
      long waitNanos;
      synchronized (this) {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
        refilledAt = now;
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        waitNanos = (long) ((1 - tokens) / perSecond * TimeUnit.SECONDS.toNanos(1));
      }
      LockSupport.parkNanos(waitNanos);
      if (Thread.interrupted()) throw new InterruptedException();
    }
  }
}
