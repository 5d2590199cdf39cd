package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.FailureKind;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.Outcome;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

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
  private final boolean concurrent;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong queueFull = new AtomicLong();
  private final AtomicLong evicted = new AtomicLong();
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong thrown = new AtomicLong();
  private final AtomicLong stageFailed = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();

  /**
   * @param concurrent true if several threads may count at once (synchronous mode)
   */
  HandlerCounters(boolean concurrent) {
    this.concurrent = concurrent;
  }

  private void add(AtomicLong counter, long n) {
    if (concurrent) {
      counter.addAndGet(n);
    } else {
      counter.lazySet(counter.get() + n); // one writer at a time: an ordered store, no CAS
    }
  }

  /** Events handed to this handler (queued, or about to be dropped at its queue). */
  void accepted(int n) {
    add(accepted, n);
  }

  void queueFull(int n) {
    add(queueFull, n);
  }

  void evicted() {
    add(evicted, 1);
  }

  /** A call begins: its event has left the queue. */
  void started() {
    add(started, 1);
  }

  /** A call settled: counted the moment it did, before anyone is told. */
  void settled(Outcome outcome) {
    switch (outcome) {
      case DELIVERED -> add(delivered, 1);
      case THROWN -> add(thrown, 1);
      case STAGE_FAILED -> add(stageFailed, 1);
      case TIMED_OUT -> add(timedOut, 1);
    }
  }

  long drops() {
    return queueFull.get() + evicted.get();
  }

  /** Calls begun and not settled. */
  long inFlight() {
    long settled = settledCount(); // settled first: started, read after, is at least as large
    return started.get() - settled;
  }

  private long settledCount() {
    return delivered.get() + thrown.get() + stageFailed.get() + timedOut.get();
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
    long d = delivered.get();
    long th = thrown.get();
    long sf = stageFailed.get();
    long to = timedOut.get();
    long s = started.get();
    long qf = queueFull.get();
    long ev = evicted.get();
    long a = accepted.get();
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
