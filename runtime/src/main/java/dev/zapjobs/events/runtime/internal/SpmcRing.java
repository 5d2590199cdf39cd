package dev.zapjobs.events.runtime.internal;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * A bounded ring for one producer thread and several consumer threads (D. Vyukov's bounded queue,
 * producer side without CAS): each slot carries a sequence number that says whether it is free for
 * the producer of a given lap or full for the consumers of that lap. A consumer claims the oldest
 * element by moving {@code head} with a CAS, then reads the slot and frees it.
 *
 * <p>The producer may also take elements — {@link #offerEvictingOldest} makes room by removing the
 * oldest — so it is one of the consumers too: that is what a {@code DROP_OLDEST} handler queue
 * needs, where the admitting side evicts while the handler's drain task takes.
 *
 * <p>Producer calls (one thread at a time): {@link #offer}, {@link #offerEvictingOldest}. Consumer
 * calls (any thread): {@link #poll}. Any thread: {@link #size}, {@link #isEmpty}.
 */
final class SpmcRing<E> {
  private static final int TAIL = 15;
  private static final int HEAD = 31;
  private final AtomicLongArray positions = new AtomicLongArray(47);
  private final Object[] slots;
  private final AtomicLongArray sequences;
  private final int mask;

  SpmcRing(int requestedCapacity) {
    int capacity = Rings.roundedCapacity(requestedCapacity);
    slots = new Object[capacity];
    // Filled as a plain array and copied: one VarHandle access per slot is slow while interpreted.
    long[] initial = new long[capacity];
    for (int i = 0; i < capacity; i++) {
      initial[i] = i;
    }
    sequences = new AtomicLongArray(initial);
    mask = capacity - 1;
  }

  int capacity() {
    return mask + 1;
  }

  /** Producer: adds {@code e} if its slot is free; false, changing nothing, otherwise. */
  boolean offer(E e) {
    long tail = positions.get(TAIL);
    int index = (int) tail & mask;
    if (sequences.get(index) != tail) {
      return false; // full, or the consumer of the previous lap has not freed the slot yet
    }
    slots[index] = e;
    positions.lazySet(TAIL, tail + 1); // first: consumers never move head past tail
    sequences.lazySet(index, tail + 1); // full for this lap's consumers
    return true;
  }

  /**
   * Producer: {@link #offer}, making room when the ring is full by removing the oldest element and
   * handing it to {@code evicted}. Bounded: if the only slot that could take {@code e} is still
   * being freed by a consumer paused between claiming and freeing it, this waits at most {@code
   * maxSpins} spins and gives up, returning false with {@code e} not added. At most one element is
   * evicted per call; it can happen that one was evicted and {@code e} is still not added, when a
   * consumer claimed the head at the same moment and was paused before freeing its slot.
   *
   * @return true if {@code e} was added
   */
  boolean offerEvictingOldest(E e, int maxSpins, Consumer<? super E> evicted) {
    for (int spins = 0; ; ) {
      if (offer(e)) {
        return true;
      }
      if (size() < capacity()) {
        // A consumer has moved head but not yet freed its slot: room is a few instructions away,
        // unless that consumer's thread was descheduled right there. Wait a little, never long.
        if (++spins > maxSpins) {
          return false;
        }
        Thread.onSpinWait();
      } else {
        E oldest = poll();
        if (oldest != null) {
          evicted.accept(oldest);
        }
      }
    }
  }

  /** Any thread: removes and returns the oldest element, or null when the ring is empty. */
  E poll() {
    long pos = claimHead();
    return pos < 0 ? null : takeClaimed(pos);
  }

  /**
   * The first half of {@link #poll}: claims the oldest full slot by moving head past it and returns
   * its position, or -1 when empty. Until {@link #takeClaimed} frees it, the slot counts as taken
   * but is not yet free for the producer. (Separate so that tests can pause a consumer between.)
   */
  long claimHead() {
    long pos = positions.get(HEAD);
    while (true) {
      long diff = sequences.get((int) pos & mask) - (pos + 1);
      if (diff == 0) {
        if (positions.compareAndSet(HEAD, pos, pos + 1)) {
          return pos;
        }
        pos = positions.get(HEAD);
      } else if (diff < 0) {
        return -1; // empty, or the producer has not finished writing this slot
      } else {
        pos = positions.get(HEAD); // another consumer took it: look at the new head
      }
    }
  }

  /** The second half of {@link #poll}: reads the slot claimed at {@code pos} and frees it. */
  @SuppressWarnings("unchecked")
  E takeClaimed(long pos) {
    int index = (int) pos & mask;
    E e = (E) slots[index];
    slots[index] = null;
    sequences.lazySet(index, pos + mask + 1); // free for the producer's next lap
    return e;
  }

  /** Claimed by the producer and not yet taken; a moment's view under concurrency. */
  int size() {
    long head = positions.get(HEAD); // read first: tail, read after, is at least as large
    return (int) Math.min(positions.get(TAIL) - head, mask + 1);
  }

  boolean isEmpty() {
    return positions.get(HEAD) == positions.get(TAIL);
  }
}
