package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.DropReason;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The publishing side, run on the job threads: the lifecycle check, the interceptors' capture, the
 * hand-over into the intake ring, the counts of what is refused, and the wake-up of a sleeping
 * dispatcher thread. Never blocks, never allocates without an interceptor, never wakes a thread per
 * event.
 */
final class Intake {
  private final Lifecycle lifecycle;
  private final MpscRing<Object> ring;
  private final Handlers handlers;
  private final Observers observers;
  private final Interceptors interceptors;
  private final Sleeper sleeper;

  /** Events the full ring refused, by kind: striped counters, one increment per refusal. */
  private final LongAdder[] refusedFull = new LongAdder[EventKinds.COUNT];

  private final ClosedIntake closed = new ClosedIntake();
  private final RateLimitedLog fullLog = new RateLimitedLog(1, TimeUnit.SECONDS);

  /** Refusals counted by the time of the last warning. The watchdog (dispatcher thread) only. */
  private long fullLogged;

  Intake(
      Lifecycle lifecycle,
      MpscRing<Object> ring,
      Handlers handlers,
      Observers observers,
      Interceptors interceptors,
      Sleeper sleeper) {
    this.lifecycle = lifecycle;
    this.ring = ring;
    this.handlers = handlers;
    this.observers = observers;
    this.interceptors = interceptors;
    this.sleeper = sleeper;
    for (int k = 0; k < EventKinds.COUNT; k++) {
      refusedFull[k] = new LongAdder();
    }
  }

  /** Hands an event over. Never blocks; never throws for a handler's sake. */
  void publish(JobEvent e) {
    if (e == null) {
      throw new NullPointerException("event");
    }
    if (!lifecycle.isOpen()) {
      closed.refuse(e);
      return;
    }
    // Without interceptors the ring carries the event itself: publishing allocates nothing.
    Object item = e;
    if (interceptors != null) {
      if (ring.isFull()) {
        refuseFull(e); // under overload: no capture and no envelope for a refused event
        return;
      }
      item = interceptors.wrap(e);
    }
    if (!ring.offer(item)) {
      refuseFull(e);
      return;
    }
    sleeper.wake();
  }

  /**
   * Counts an event the full ring refused, for every handler that takes it; logged later by the
   * watchdog, so that a job thread that meets a full intake pays one striped counter increment,
   * never a log line.
   */
  private void refuseFull(JobEvent e) {
    int kind = EventKinds.of(e);
    refusedFull[kind].increment();
    for (EventFilter f : handlers.filters) {
      f.countIntakeDrop(e, kind); // for the filtered handlers that would have taken it
    }
    if (observers != null) {
      for (Handler h : handlers.ofKind(kind)) {
        if (h.accepts(e)) {
          observers.dropped(h.id, e, DropReason.INTAKE_FULL);
        }
      }
    }
  }

  /** Events refused because the dispatcher was closed. */
  long refusedAfterClose() {
    return closed.refused();
  }

  /** Events of each kind refused because the ring was full, read kind by kind. */
  long[] refusedFullByKind() {
    long[] byKind = new long[EventKinds.COUNT];
    for (int k = 0; k < EventKinds.COUNT; k++) {
      byKind[k] = refusedFull[k].sum();
    }
    return byKind;
  }

  /** Of {@code byKind} (from {@link #refusedFullByKind}), the events {@code h} would have taken. */
  static long refusedFor(Handler h, long[] byKind) {
    if (h.filter != null) {
      return h.filter.intakeDropped(h.mask); // only the drops its filter would have let through
    }
    long n = 0;
    for (int k = 0; k < EventKinds.COUNT; k++) {
      if ((h.mask & (1 << k)) != 0) {
        n += byKind[k];
      }
    }
    return n;
  }

  private long refusedFullTotal() {
    long total = 0;
    for (LongAdder a : refusedFull) {
      total += a.sum();
    }
    return total;
  }

  /** True if refusals were counted since the last warning. The watchdog only. */
  boolean hasUnloggedRefusals() {
    return refusedFullTotal() != fullLogged;
  }

  /** Logs (at most once a second) the refusals since the last warning. The watchdog only. */
  void logRefusals() {
    long total = refusedFullTotal();
    if (total != fullLogged && fullLog.tryAcquire() >= 0) {
      Log.get()
          .warn(
              "Intake of {} events is full: {} events refused at publish since the last warning ({}"
                  + " in total), counted as INTAKE_FULL for every handler that subscribes to them."
                  + " Raise intakeCapacity to absorb bursts (the dispatcher thread falls behind when"
                  + " many handlers have full queues)",
              ring.capacity(),
              total - fullLogged,
              total);
      fullLogged = total;
    }
  }
}
