package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.FailureKind;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.Outcome;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One handler's accounting, counted where each thing happens: an event handed to the handler
 * ({@code accepted}) or dropped at its queue, a call started, a call settled. Every count only
 * grows, and a later stage never runs ahead of an earlier one ({@code settled <= started <=
 * accepted - dropped at the queue}), so {@link #snapshot} can derive what is queued and in flight
 * without locks.
 *
 * <p>Single writer: the dispatcher thread counts what reaches the queue; the handler's current
 * owner (the drain task, or the thread that settles its one outstanding async call) counts starts
 * and settles, and hands ownership on through the atomic operations that pass the handler's turn,
 * so plain ordered stores suffice. In synchronous mode several publishing threads call one handler
 * at once, and every count is an atomic add.
 */
final class HandlerCounters {
  // One array, the dispatcher thread's counts 128 bytes away from the handler thread's, so that
  // the two threads do not invalidate each other's cache line on every event (false sharing).
  private static final int ACCEPTED = 15;
  private static final int QUEUE_FULL = 16;
  private static final int EVICTED = 17;
  private static final int STARTED = 31;
  private static final int DELIVERED = 32;
  private static final int THROWN = 33;
  private static final int STAGE_FAILED = 34;
  private static final int TIMED_OUT = 35;
  private final AtomicLongArray counts = new AtomicLongArray(51);
  private final boolean concurrent;

  /**
   * @param concurrent true if several threads may count at once (synchronous mode)
   */
  HandlerCounters(boolean concurrent) {
    this.concurrent = concurrent;
  }

  private void add(int counter, long n) {
    if (concurrent) {
      counts.addAndGet(counter, n);
    } else {
      counts.lazySet(counter, counts.get(counter) + n); // one writer at a time: no CAS, no fence
    }
  }

  private long get(int counter) {
    return counts.get(counter);
  }

  /** Events handed to this handler (queued, or about to be dropped at its queue). */
  void accepted(int n) {
    add(ACCEPTED, n);
  }

  void queueFull(int n) {
    add(QUEUE_FULL, n);
  }

  void evicted() {
    add(EVICTED, 1);
  }

  /** A call begins: its event has left the queue. */
  void started() {
    add(STARTED, 1);
  }

  /** A call settled: counted the moment it did, before anyone is told. */
  void settled(Outcome outcome) {
    switch (outcome) {
      case DELIVERED -> add(DELIVERED, 1);
      case THROWN -> add(THROWN, 1);
      case STAGE_FAILED -> add(STAGE_FAILED, 1);
      case TIMED_OUT -> add(TIMED_OUT, 1);
    }
  }

  long drops() {
    return get(QUEUE_FULL) + get(EVICTED);
  }

  /** Calls begun and not settled. */
  long inFlight() {
    long settled = settledCount(); // settled first: started, read after, is at least as large
    return get(STARTED) - settled;
  }

  private long settledCount() {
    return get(DELIVERED) + get(THROWN) + get(STAGE_FAILED) + get(TIMED_OUT);
  }

  /**
   * A snapshot. The counts are read in the reverse order of an event's life — settled, started,
   * dropped at the queue, accepted — so that each count read is at least what it was when the one
   * before it was read: nothing derived is negative, and a call settled before this method was
   * called is never counted as pending. {@code published == delivered + failed + dropped + pending}
   * and {@code pending == queued + inFlight} hold exactly in every snapshot.
   *
   * @param maxInFlight the most calls that can be in flight at once (1 for a threaded dispatcher,
   *     whose handler runs one call at a time); a skew between the reads above is counted as queued
   */
  HandlerStats snapshot(
      HandlerId id,
      String name,
      int queueCapacity,
      long intakeDropped,
      long maxInFlight,
      LatencyHistogram latency) {
    long d = get(DELIVERED);
    long th = get(THROWN);
    long sf = get(STAGE_FAILED);
    long to = get(TIMED_OUT);
    long s = get(STARTED);
    long qf = get(QUEUE_FULL);
    long ev = get(EVICTED);
    long a = get(ACCEPTED);
    long settled = d + th + sf + to;
    long pending = Math.max(0, a - qf - ev - settled);
    long inFlight = Math.min(Math.max(0, s - settled), Math.min(maxInFlight, pending));
    return new HandlerStats(
        id,
        name,
        a + intakeDropped,
        d,
        Map.of(FailureKind.THROWN, th, FailureKind.STAGE_FAILED, sf, FailureKind.TIMED_OUT, to),
        Map.of(
            DropReason.QUEUE_FULL,
            qf,
            DropReason.EVICTED,
            ev,
            DropReason.INTAKE_FULL,
            intakeDropped),
        queueCapacity,
        pending - inFlight,
        inFlight,
        latency.percentile(0.50),
        latency.percentile(0.99),
        latency.max());
  }
}
