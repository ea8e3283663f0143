package dev.ownership.operator.concurrency;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads: a stuck background task must never keep the JVM from exiting. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Threads called {@code prefix}, or {@code prefix-N} when {@code numbered}. */
  public static ThreadFactory named(String prefix, boolean numbered) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, numbered ? prefix + "-" + count.incrementAndGet() : prefix);
      thread.setDaemon(true);
      return thread;
    };
  }

  public static ThreadFactory named(String name) {
    return named(name, false);
  }
}
