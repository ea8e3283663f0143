package dev.ownership.operator.controller;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The one way the resolution loop asks for ServiceOwnership statuses to be recomputed, and the one
 * way status reconciliation learns of it: both depend on this channel, neither on the other.
 *
 * <p>Requests are held while a burst of resolutions is in progress and delivered once it is over
 * (or at the latest every {@link #MAX_HOLD_NANOS}), each ServiceOwnership once: a hundred workloads
 * re-resolved because a namespace was relabelled cost one status write per ServiceOwnership, not a
 * hundred.
 */
public final class StatusRequests {
  /** Bounds how stale a status can be while resolutions keep streaming in. */
  static final long MAX_HOLD_NANOS = 1_000_000_000L;

  private record Key(String namespace, String name) {}

  private final Set<Key> held = ConcurrentHashMap.newKeySet();
  private volatile BiConsumer<String, String> sink = (namespace, name) -> {};
  private final LongSupplier nanoTime;
  private long heldSince;

  public StatusRequests() {
    this(System::nanoTime);
  }

  /** With the clock the hold is measured on (tests step it by hand). */
  StatusRequests(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Where requests go; the status reconciler subscribes once at wiring time. */
  public void deliverTo(BiConsumer<String, String> sink) {
    this.sink = Objects.requireNonNull(sink);
  }

  /** The status of ServiceOwnership namespace/name may have changed. */
  public void request(String namespace, String name) {
    if (held.add(new Key(namespace, name)) && held.size() == 1) heldSince = nanoTime.getAsLong();
  }

  /** The loop is still busy: deliver only what has waited too long. */
  void busy() {
    if (!held.isEmpty() && nanoTime.getAsLong() - heldSince > MAX_HOLD_NANOS) deliver();
  }

  /** The loop caught up: statuses computed now reflect every resolution so far. */
  void caughtUp() {
    if (!held.isEmpty()) deliver();
  }

  /**
   * A request for this ServiceOwnership is held: a status computed now would soon be outdated, and
   * the request will be delivered anyway.
   */
  public boolean isPending(String namespace, String name) {
    return held.contains(new Key(namespace, name));
  }

  private void deliver() {
    for (Key key : Set.copyOf(held)) {
      held.remove(key);
      sink.accept(key.namespace(), key.name());
    }
    heldSince = nanoTime.getAsLong();
  }
}
