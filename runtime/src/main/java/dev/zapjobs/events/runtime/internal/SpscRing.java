package dev.zapjobs.events.runtime.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded ring for exactly one producer thread and one consumer thread at a time (L. Lamport's
 * queue, with cached positions): the producer writes slots with plain stores and publishes them by
 * moving {@code tail} (a release store); the consumer reads what lies below {@code tail} and frees
 * slots by moving {@code head}. No CAS, no fence on either side.
 *
 * <p>"One thread at a time": the producer (or the consumer) may move from thread to thread, as long
 * as each hand-over happens-before the next use — the lock or the atomic turn that passes the role
 * on gives that.
 *
 * <p>Producer calls: {@link #offer}, {@link #offerAll}. Consumer calls: {@link #poll}. Any thread:
 * {@link #size}, {@link #isEmpty}, {@link #capacity} (a moment's view).
 */
final class SpscRing<E> {
  // tail and head 128 bytes apart in one array, so that the two sides do not share a cache line
  private static final int TAIL = 15;
  private static final int HEAD = 31;
  private final AtomicLongArray positions = new AtomicLongArray(47);
  private final Object[] slots;
  private final int mask;

  /** Producer only: head as last read (room is at least {@code headSeen + capacity - tail}). */
  private long headSeen;

  /** Consumer only: tail as last read (at least this much is readable). */
  private long tailSeen;

  SpscRing(int requestedCapacity) {
    int capacity = Rings.roundedCapacity(requestedCapacity);
    slots = new Object[capacity];
    mask = capacity - 1;
  }

  int capacity() {
    return mask + 1;
  }

  /** Producer: adds {@code e} if there is room. */
  boolean offer(E e) {
    long tail = positions.get(TAIL);
    if (tail - headSeen > mask) {
      headSeen = positions.get(HEAD);
      if (tail - headSeen > mask) {
        return false;
      }
    }
    slots[(int) tail & mask] = e;
    positions.lazySet(TAIL, tail + 1); // publishes the slot
    return true;
  }

  /**
   * Producer: adds {@code src[0..n)} in order, as many as there is room for (in at most two
   * copies), and returns how many.
   */
  int offerAll(Object[] src, int n) {
    long tail = positions.get(TAIL);
    int capacity = mask + 1;
    if (tail - headSeen + n > capacity) {
      headSeen = positions.get(HEAD); // read again only when the room seen before is not enough
    }
    int put = (int) Math.min(n, headSeen + capacity - tail);
    if (put <= 0) {
      return 0;
    }
    int index = (int) tail & mask;
    int first = Math.min(put, capacity - index);
    System.arraycopy(src, 0, slots, index, first);
    System.arraycopy(src, first, slots, 0, put - first);
    positions.lazySet(TAIL, tail + put); // publishes the slots
    return put;
  }

  /** Consumer: removes and returns the oldest element, or null when empty. */
  @SuppressWarnings("unchecked")
  E poll() {
    long head = positions.get(HEAD);
    if (head == tailSeen) {
      tailSeen = positions.get(TAIL);
      if (head == tailSeen) {
        return null;
      }
    }
    int index = (int) head & mask;
    E e = (E) slots[index];
    slots[index] = null;
    positions.lazySet(HEAD, head + 1); // frees the slot, after it was read and cleared
    return e;
  }

  /** How many elements are queued; a moment's view under concurrency. */
  int size() {
    long head = positions.get(HEAD);
    return (int) Math.min(positions.get(TAIL) - head, mask + 1); // head read first: never < 0
  }

  boolean isEmpty() {
    return positions.get(HEAD) == positions.get(TAIL);
  }
}
