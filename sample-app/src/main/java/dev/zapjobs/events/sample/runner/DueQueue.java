package dev.zapjobs.events.sample.runner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The runner's queue: entries ordered by when they are due (then by arrival), taken by workers once
 * due according to the injected {@link Clock}.
 *
 * <p>A worker waiting for a future entry re-reads the clock at least every {@link #MAX_WAIT}, so a
 * clock that jumps (a test clock, an NTP correction) is noticed promptly.
 */
final class DueQueue<T> {

  /** The longest a waiting worker sleeps before it looks at the clock again. */
  static final Duration MAX_WAIT = Duration.ofMillis(20);

  private record Entry<T>(Instant dueAt, long seq, T item) {}

  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Entry<T>> entries =
      new PriorityQueue<>(
          Comparator.<Entry<T>, Instant>comparing(Entry::dueAt).thenComparingLong(Entry::seq));
  private long nextSeq;
  private boolean closed;

  DueQueue(Clock clock) {
    this.clock = clock;
  }

  /** Adds {@code item}, due at {@code dueAt}. */
  void offer(T item, Instant dueAt) {
    lock.lock();
    try {
      entries.add(new Entry<>(dueAt, nextSeq++, item));
      changed.signal();
    } finally {
      lock.unlock();
    }
  }

  /** The earliest entry if it is due now, else {@code null}; never waits. */
  T pollDue() {
    lock.lock();
    try {
      Entry<T> head = entries.peek();
      if (head == null || head.dueAt().isAfter(clock.instant())) {
        return null;
      }
      entries.poll();
      return head.item();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for the earliest entry to become due and removes it; returns {@code null} once the queue
   * is closed (entries still in it are left there) or the thread is interrupted.
   */
  T take() {
    lock.lock();
    try {
      while (!closed) {
        Entry<T> head = entries.peek();
        long waitNanos;
        if (head == null) {
          waitNanos = Long.MAX_VALUE;
        } else {
          Duration remaining = Duration.between(clock.instant(), head.dueAt());
          if (remaining.isNegative() || remaining.isZero()) {
            entries.poll();
            if (!entries.isEmpty()) {
              changed.signal(); // the next entry may be due as well: let another worker look
            }
            return head.item();
          }
          waitNanos = Math.min(remaining.toNanos(), MAX_WAIT.toNanos());
        }
        if (waitNanos == Long.MAX_VALUE) {
          changed.await();
        } else {
          changed.awaitNanos(waitNanos);
        }
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      lock.unlock();
    }
  }

  /** Makes every current and future {@link #take()} return {@code null}. */
  void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** How many entries are queued (due or not). */
  int size() {
    lock.lock();
    try {
      return entries.size();
    } finally {
      lock.unlock();
    }
  }
}
