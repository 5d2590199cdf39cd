package dev.zapjobs.events.runtime.internal;

import java.util.function.Consumer;

/**
 * The producing side of a {@code DROP_OLDEST} handler queue: it makes room by evicting the oldest
 * queued event, and never waits more than a few spins for it.
 *
 * <p>Room can be a moment away: the handler's drain task may have taken the oldest event but not
 * yet freed its slot — and if its thread is descheduled right there, the moment can last a
 * scheduler quantum. Rather than spin that long on the thread that serves every handler (or drop
 * the newest event, which this policy promises to keep), the event is held back here and put in the
 * queue on a later pass. An event that arrives while one is held back is newer: the held one is
 * evicted in its place. Order is kept: what is held back is newer than everything in the queue.
 */
final class DropOldest {
  /** Spins to wait for a slot being freed before holding the event back: a few microseconds. */
  private static final int MAX_SPINS = 64;

  private final Consumer<Object> evicted;

  /** The event held back, or null. Producing side only. */
  private Object held;

  /** {@code held != null}, for other threads (idle checks). */
  private volatile boolean holding;

  DropOldest(Consumer<Object> evicted) {
    this.evicted = evicted;
  }

  /** Puts {@code item} in {@code queue}, evicting the oldest event if it is full. */
  void offer(SpmcRing<Object> queue, Object item) {
    if (held != null && !flush(queue)) {
      evicted.accept(held); // still no room: keep the newer one
      held = item;
      return;
    }
    if (!queue.offerEvictingOldest(item, MAX_SPINS, evicted)) {
      held = item;
      holding = true;
    }
  }

  /** Puts the held-back event in the queue if there is room now; true if none is held back. */
  boolean flush(SpmcRing<Object> queue) {
    if (held == null) {
      return true;
    }
    if (!queue.offerEvictingOldest(held, 0, evicted)) {
      return false;
    }
    held = null;
    holding = false;
    return true;
  }

  /** True while an event is held back. Any thread. */
  boolean isHolding() {
    return holding;
  }
}
