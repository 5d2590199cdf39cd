package dev.zapjobs.events.runtime.internal;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded ring for any number of producer threads and one consumer thread at a time (the shape of
 * JCTools' {@code MpscArrayQueue}): a producer claims a position by a CAS on {@code tail}, then
 * writes the element into its slot with a release store; a slot holds an element exactly while it
 * is non-null. The consumer takes a run of non-null slots, clears them, and moves {@code head}.
 *
 * <p>Producers check for room against a cached limit ({@code head + capacity} as last read), so a
 * full ring costs them two reads, and an offer that finds room one CAS.
 *
 * <p>Producer calls (any thread): {@link #offer}. Consumer calls (one thread at a time): {@link
 * #drain}. Any thread: {@link #produced}, {@link #consumed}, {@link #isEmpty}, {@link #isFull}.
 */
final class MpscRing<E> {
  // tail, the producers' limit and head in one array, 128 bytes apart (no false sharing)
  private static final int TAIL = 15;
  private static final int LIMIT = 31;
  private static final int HEAD = 47;
  private final AtomicLongArray positions = new AtomicLongArray(63);
  private final AtomicReferenceArray<E> slots;
  private final int mask;

  MpscRing(int requestedCapacity) {
    int capacity = Rings.roundedCapacity(requestedCapacity);
    slots = new AtomicReferenceArray<>(capacity);
    mask = capacity - 1;
    positions.lazySet(LIMIT, capacity);
  }

  int capacity() {
    return mask + 1;
  }

  /** Any thread: adds {@code e} if there is room; returns false, changing nothing, when full. */
  boolean offer(E e) {
    long limit = positions.get(LIMIT);
    long pos;
    do {
      pos = positions.get(TAIL);
      if (pos >= limit) {
        limit = positions.get(HEAD) + mask + 1;
        if (pos >= limit) {
          return false;
        }
        positions.lazySet(LIMIT, limit); // a stale limit only makes producers read head again
      }
    } while (!positions.compareAndSet(TAIL, pos, pos + 1));
    slots.lazySet((int) pos & mask, e);
    return true;
  }

  /**
   * Consumer: copies the readable run of elements (up to {@code into.length}) into {@code into}, in
   * order, then frees their slots. A slot claimed by a producer that has not written it yet ends
   * the run: it is taken next time. Freeing after reading, in one pass, keeps the consumer off the
   * cache lines that producers are refilling while it reads.
   *
   * @return how many elements were copied to {@code into[0..n)}
   */
  int drain(Object[] into) {
    long head = positions.get(HEAD);
    int max = Math.min(into.length, mask + 1); // the slots are cleared after the reads: one lap
    int n = 0;
    while (n < max) {
      E e = slots.get((int) (head + n) & mask);
      if (e == null) {
        break;
      }
      into[n++] = e;
    }
    for (int i = 0; i < n; i++) {
      slots.lazySet((int) (head + i) & mask, null);
    }
    if (n > 0) {
      positions.lazySet(HEAD, head + n);
    }
    return n;
  }

  /** How many positions producers have claimed in total: the count of successful offers. */
  long produced() {
    return positions.get(TAIL);
  }

  /** How many elements the consumer has taken in total. */
  long consumed() {
    return positions.get(HEAD);
  }

  boolean isEmpty() {
    return positions.get(TAIL) == positions.get(HEAD);
  }

  /** True when every slot is claimed and not yet taken; a moment's view. */
  boolean isFull() {
    return positions.get(TAIL) - positions.get(HEAD) > mask;
  }
}
