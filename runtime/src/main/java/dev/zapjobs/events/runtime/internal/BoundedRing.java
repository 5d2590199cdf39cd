package dev.zapjobs.events.runtime.internal;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * A bounded, lock-free, allocation-free multi-producer multi-consumer ring (D. Vyukov's bounded
 * queue): each slot carries a sequence number that says whether it is free for the producer of a
 * given lap or full for the consumer of that lap.
 *
 * <p>Written here rather than taken from JCTools because JCTools reaches its fields through {@code
 * sun.misc.Unsafe} offsets looked up by name (reflection), which breaks the runtime's no-reflection
 * rule and ProGuard obfuscation; this ring uses only {@code java.util.concurrent.atomic} arrays.
 *
 * <p>{@link #offer} and {@link #poll} never block and never allocate. Ordering: elements come out
 * in the order their producers claimed a slot, which for one producer thread is its call order.
 */
public final class BoundedRing<E> {
  private final Object[] elements;
  private final AtomicLongArray sequences;
  private final int mask;
  // tail and head live in one array, 128 bytes apart, so that producers and consumers do not
  // invalidate each other's cache line (false sharing); the rest of the array is padding.
  private static final int TAIL = 15;
  private static final int HEAD = 31;
  private final AtomicLongArray cursors = new AtomicLongArray(47);

  /**
   * @param requestedCapacity at least 2; rounded up to a power of two
   */
  public BoundedRing(int requestedCapacity) {
    int capacity = roundedCapacity(requestedCapacity);
    elements = new Object[capacity];
    sequences = new AtomicLongArray(capacity);
    for (int i = 0; i < capacity; i++) {
      sequences.set(i, i);
    }
    mask = capacity - 1;
  }

  /** The capacity a ring made with {@code requestedCapacity} has: the next power of two. */
  public static int roundedCapacity(int requestedCapacity) {
    if (requestedCapacity < 2) {
      throw new IllegalArgumentException("capacity must be >= 2, was " + requestedCapacity);
    }
    if (requestedCapacity > (1 << 30)) {
      throw new IllegalArgumentException("capacity must be <= 2^30, was " + requestedCapacity);
    }
    return Integer.highestOneBit(requestedCapacity - 1) << 1;
  }

  /** The capacity: the requested one rounded up to a power of two. */
  public int capacity() {
    return mask + 1;
  }

  /** Adds {@code e} if there is room; returns false, changing nothing, when the ring is full. */
  public boolean offer(E e) {
    long pos = cursors.get(TAIL);
    while (true) {
      int index = (int) pos & mask;
      long seq = sequences.get(index);
      long diff = seq - pos;
      if (diff == 0) {
        if (cursors.compareAndSet(TAIL, pos, pos + 1)) {
          elements[index] = e;
          sequences.lazySet(index, pos + 1);
          return true;
        }
        pos = cursors.get(TAIL);
      } else if (diff < 0) {
        return false;
      } else {
        pos = cursors.get(TAIL);
      }
    }
  }

  /**
   * {@link #offer} for a ring with exactly one producer thread: the same, without the CAS. Must not
   * be mixed with {@link #offer} on the same ring.
   */
  public boolean offerSingleProducer(E e) {
    long pos = cursors.get(TAIL);
    int index = (int) pos & mask;
    if (sequences.get(index) != pos) {
      return false; // full: the slot still holds the element of the previous lap
    }
    elements[index] = e;
    sequences.lazySet(index, pos + 1);
    cursors.lazySet(TAIL, pos + 1);
    return true;
  }

  /**
   * {@link #offerSingleProducer} for {@code src[0..n)}: offers as many as there is room for, in
   * order, and returns how many. Room is read from head (again only when it is used up), so the
   * slots themselves are only written: for a ring with one producer thread and consumers that free
   * a slot before they move head past it ({@link #pollSingleConsumer}, {@link
   * #drainSingleConsumer}), not with {@link #poll}.
   */
  public int offerAllSingleProducer(Object[] src, int n) {
    long start = cursors.get(TAIL);
    long pos = start;
    while (pos - start < n) {
      // Room as of now; read again once it is used up, for the slots freed meanwhile.
      long end = Math.min(start + n, cursors.get(HEAD) + mask + 1);
      if (end <= pos) {
        break; // full
      }
      for (; pos < end; pos++) {
        int index = (int) pos & mask;
        elements[index] = src[(int) (pos - start)];
        sequences.lazySet(index, pos + 1);
      }
    }
    if (pos > start) {
      cursors.lazySet(TAIL, pos);
    }
    return (int) (pos - start);
  }

  /**
   * {@link #poll} for a ring with exactly one consumer thread: the same, without the CAS. Must not
   * be mixed with {@link #poll} on the same ring.
   */
  @SuppressWarnings("unchecked")
  public E pollSingleConsumer() {
    long pos = cursors.get(HEAD);
    int index = (int) pos & mask;
    if (sequences.get(index) != pos + 1) {
      return null; // empty, or claimed by a producer that has not written it yet
    }
    E e = (E) elements[index];
    elements[index] = null;
    sequences.lazySet(index, pos + mask + 1);
    cursors.lazySet(HEAD, pos + 1);
    return e;
  }

  /**
   * {@link #pollSingleConsumer} for up to {@code into.length} elements at once: copies the readable
   * prefix into {@code into}, then frees all those slots. Freeing after reading, in one pass, keeps
   * the consumer off the cache lines that producers are refilling while it reads — under
   * saturation, freeing slot by slot makes every slot's line bounce between the cores.
   *
   * @return how many elements were copied to {@code into[0..n)}
   */
  public int drainSingleConsumer(Object[] into) {
    long pos = cursors.get(HEAD);
    int n = 0;
    while (n < into.length) {
      int index = (int) (pos + n) & mask;
      if (sequences.get(index) != pos + n + 1) {
        break; // empty from here, or claimed but not yet written
      }
      into[n] = elements[index];
      n++;
    }
    for (int i = 0; i < n; i++) {
      int index = (int) (pos + i) & mask;
      elements[index] = null;
      sequences.lazySet(index, pos + i + mask + 1);
    }
    if (n > 0) {
      cursors.lazySet(HEAD, pos + n);
    }
    return n;
  }

  /** Removes and returns the oldest element, or null when the ring is empty. */
  public E poll() {
    long pos = claimHead();
    return pos < 0 ? null : takeClaimed(pos);
  }

  /**
   * The first half of {@link #poll}: claims the oldest readable slot by moving head past it, and
   * returns its position, or -1 when the ring is empty. Until {@link #takeClaimed} frees it, the
   * slot counts as taken but is not yet free for producers.
   */
  long claimHead() {
    long pos = cursors.get(HEAD);
    while (true) {
      int index = (int) pos & mask;
      long seq = sequences.get(index);
      long diff = seq - (pos + 1);
      if (diff == 0) {
        if (cursors.compareAndSet(HEAD, pos, pos + 1)) {
          return pos;
        }
        pos = cursors.get(HEAD);
      } else if (diff < 0) {
        return -1; // empty, or the producer of this slot has claimed it but not yet written it
      } else {
        pos = cursors.get(HEAD);
      }
    }
  }

  /** The second half of {@link #poll}: reads the slot claimed at {@code pos} and frees it. */
  @SuppressWarnings("unchecked")
  E takeClaimed(long pos) {
    int index = (int) pos & mask;
    E e = (E) elements[index];
    elements[index] = null;
    sequences.lazySet(index, pos + mask + 1);
    return e;
  }

  /**
   * {@link #offerSingleProducer} that makes room when the ring is full by removing the oldest
   * element (with {@link #poll}, so consumers must use {@link #poll} too), handing it to {@code
   * evicted}. Bounded: if the only slot that could take {@code e} is still being freed by a
   * consumer paused between the two halves of its {@code poll}, it waits at most {@code maxSpins}
   * spins and then gives up, returning false with {@code e} not added. At most one element is
   * evicted per call (this is the only producer, so the ring cannot fill again meanwhile); it can
   * happen that one was evicted and {@code e} is still not added, when a consumer took the head at
   * the same moment and was paused before freeing its slot.
   *
   * @return true if {@code e} was added
   */
  public boolean offerEvictingOldest(E e, int maxSpins, Consumer<? super E> evicted) {
    for (int spins = 0; ; ) {
      if (offerSingleProducer(e)) {
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

  /**
   * How many slots have been claimed by producers in total (including ones not yet readable): a
   * monotonic count of successful offers.
   */
  public long produced() {
    return cursors.get(TAIL);
  }

  /** How many elements have been taken out in total. */
  public long consumed() {
    return cursors.get(HEAD);
  }

  /** Claimed and not yet taken; may be momentarily stale under concurrency. */
  public int size() {
    long h = cursors.get(HEAD);
    long t = cursors.get(TAIL);
    return (int) Math.max(0, Math.min(t - h, capacity()));
  }

  /** True when no slot is claimed and untaken. */
  public boolean isEmpty() {
    return cursors.get(TAIL) == cursors.get(HEAD);
  }
}
