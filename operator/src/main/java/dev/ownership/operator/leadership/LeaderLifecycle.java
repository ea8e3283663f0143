package dev.ownership.operator.leadership;

import dev.ownership.operator.concurrency.DaemonThreads;
import java.util.List;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when this replica gains or loses the leader Lease. Gaining it starts the writers;
 * losing it stops them and — in a real deployment — ends the process, because a deposed leader must
 * not write and its caches may be what cost it the Lease: Kubernetes restarts it as a follower.
 * Losing it because the operator is shutting down only stops the writers.
 */
public final class LeaderLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderLifecycle.class);

  private final List<Runnable> onLeading;
  private final List<Runnable> onStopped;
  private final IntConsumer exit;
  private final String lease;
  private volatile boolean leading;
  private volatile boolean shuttingDown;

  /**
   * @param onLeading run in order when the Lease is won
   * @param onStopped run in order when it is lost or given up
   * @param exit ends the process with a status (null: keep the JVM, as tests and the demo do)
   * @param lease {@code namespace/name} of the Lease, for the log
   */
  public LeaderLifecycle(
      List<Runnable> onLeading, List<Runnable> onStopped, IntConsumer exit, String lease) {
    this.onLeading = List.copyOf(onLeading);
    this.onStopped = List.copyOf(onStopped);
    this.exit = exit;
    this.lease = lease;
  }

  public boolean isLeading() {
    return leading;
  }

  /** From now on a lost Lease is part of shutting down, not a reason to exit. */
  public void shuttingDown() {
    shuttingDown = true;
  }

  public void startLeading() {
    LOG.info("Starting the ownership controller");
    leading = true;
    onLeading.forEach(Runnable::run);
  }

  public void stopLeading() {
    leading = false;
    if (shuttingDown) {
      LOG.info("Stopping the ownership controller: shutting down");
      onStopped.forEach(Runnable::run);
      return;
    }
    LOG.warn("Lost leadership; stopping the ownership controller");
    onStopped.forEach(Runnable::run);
    if (exit != null) {
      LOG.error("Exiting: lost the leader Lease {}", lease);
      // From another thread: this callback runs holding the elector's lock, which the shutdown
      // hook's close() needs to cancel the election; exiting from here would deadlock.
      DaemonThreads.named("exit-after-lost-lease").newThread(() -> exit.accept(1)).start();
    }
  }
}
