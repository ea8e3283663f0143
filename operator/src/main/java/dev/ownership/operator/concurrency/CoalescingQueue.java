package dev.ownership.operator.concurrency;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A FIFO work queue that holds each item at most once: adding an item that is already waiting does
 * nothing, so a burst of events about one workload becomes one piece of work. An item taken out can
 * be added again at once (a change during processing gets its own turn).
 */
public final class CoalescingQueue<T> {
  private final LinkedBlockingQueue<T> order = new LinkedBlockingQueue<>();
  private final Set<T> waiting = ConcurrentHashMap.newKeySet();

  /**
   * @return false when the item was already waiting
   */
  public boolean add(T item) {
    if (!waiting.add(item)) return false;
    order.add(item);
    return true;
  }

  public T take() throws InterruptedException {
    T item = order.take();
    waiting.remove(item);
    return item;
  }

  public boolean contains(T item) {
    return waiting.contains(item);
  }

  public boolean isEmpty() {
    return waiting.isEmpty();
  }

  public int size() {
    return waiting.size();
  }
}
