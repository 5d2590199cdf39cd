package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.OverflowPolicy;

/**
 * One handler's queue: its bulkhead. The fan-out puts events in (and applies the handler's overflow
 * policy, counted); the handler's drain task takes them out, one at a time, in order.
 *
 * <p>Under {@code DROP_NEWEST} the queue is an {@link SpscRing}: the fan-out is its one producer,
 * the drain task its one consumer. Under {@code DROP_OLDEST} it is an {@link SpmcRing}, because the
 * fan-out also takes from it, to evict ({@link DropOldest}). The ring is made when the first event
 * for the handler arrives: a dispatcher with many handlers that rarely see events starts small.
 */
final class HandlerQueue {
  final Handler handler;

  /** The eviction side of a {@code DROP_OLDEST} queue; null under {@code DROP_NEWEST}. */
  private final DropOldest dropOldest;

  /** {@code DROP_NEWEST}: made by the fan-out on the first event, read by the drain task. */
  private volatile SpscRing<Object> newest;

  /** {@code DROP_OLDEST}: likewise. */
  private volatile SpmcRing<Object> oldest;

  HandlerQueue(Handler handler) {
    this.handler = handler;
    this.dropOldest =
        handler.policy == OverflowPolicy.DROP_OLDEST ? new DropOldest(this::evicted) : null;
  }

  // ------------------------------------------------------------------- fan-out side (one thread)

  /**
   * Puts {@code events[0..n)} (events or envelopes) in the queue, in order, applying the overflow
   * policy: under {@code DROP_NEWEST} one bulk offer, the rest dropped and counted at once; under
   * {@code DROP_OLDEST} each event may evict one.
   */
  void enqueueAll(Object[] events, int n) {
    HandlerCounters counters = handler.counters;
    if (dropOldest != null) {
      SpmcRing<Object> queue = oldest();
      for (int i = 0; i < n; i++) {
        counters.accepted(1); // before the event is visible to the drain task
        dropOldest.offer(queue, events[i]);
      }
      return;
    }
    counters.accepted(n);
    int put = newest().offerAll(events, n);
    if (put < n) {
      counters.queueFull(n - put); // one store for the lot: under overload most events end here
      if (handler.reportsDrops()) {
        for (int i = put; i < n; i++) {
          handler.reportDropped(events[i], DropReason.QUEUE_FULL);
        }
      }
    }
  }

  /** Puts an event that {@code DROP_OLDEST} held back in the queue, if there is room now. */
  void flushHeldBack() {
    if (dropOldest != null && dropOldest.isHolding()) {
      dropOldest.flush(oldest);
    }
  }

  private void evicted(Object item) {
    handler.counters.evicted();
    handler.reportDropped(item, DropReason.EVICTED);
  }

  private SpscRing<Object> newest() {
    SpscRing<Object> queue = newest;
    if (queue == null) {
      queue = new SpscRing<>(handler.capacity);
      newest = queue; // published to the drain task by this volatile write
    }
    return queue;
  }

  private SpmcRing<Object> oldest() {
    SpmcRing<Object> queue = oldest;
    if (queue == null) {
      queue = new SpmcRing<>(handler.capacity);
      oldest = queue;
    }
    return queue;
  }

  // ------------------------------------------------------------------- drain task side

  /** The oldest queued event (or envelope), or null. The drain task only. */
  Object poll() {
    if (dropOldest != null) {
      SpmcRing<Object> queue = oldest;
      return queue == null ? null : queue.poll();
    }
    SpscRing<Object> queue = newest;
    return queue == null ? null : queue.poll();
  }

  // ------------------------------------------------------------------- any thread

  /** True if events are queued for a drain task to take. */
  boolean hasQueued() {
    if (dropOldest != null) {
      SpmcRing<Object> queue = oldest;
      return queue != null && !queue.isEmpty();
    }
    SpscRing<Object> queue = newest;
    return queue != null && !queue.isEmpty();
  }

  /** True while an event is held back for a slot being freed: the fan-out must come back. */
  boolean isHoldingBack() {
    return dropOldest != null && dropOldest.isHolding();
  }
}
