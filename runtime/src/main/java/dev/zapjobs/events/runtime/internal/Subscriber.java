package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.FailureKind;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventObserver;
import dev.zapjobs.events.runtime.Outcome;
import dev.zapjobs.events.runtime.OverflowPolicy;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One handler method with its own bounded queue (its bulkhead) and its own counters. The dispatcher
 * thread is the only producer into the queue; at most one drain task of this subscriber is queued
 * on or running in the executor at any time ({@link #scheduled}), so the handler sees its events
 * one at a time, in queue order.
 *
 * <p>An asynchronous handler's next event waits until its stage completes (or times out): the drain
 * task ends without clearing {@link #scheduled}, and the stage's completion submits it again. No
 * thread waits meanwhile.
 */
public final class Subscriber implements Runnable {
  private static final int DRAIN_BATCH = 256;

  final String name;
  final HandlerBinding binding;
  final int method;
  final Object instance;
  final int mask;
  final long asyncTimeoutNanos;
  final HandlerId id;

  /** Told about every settled call and every drop; null when none is registered. */
  private final JobEventObserver observer;

  private final OverflowPolicy policy;
  private final int capacity;

  /**
   * The handler's queue, made by the dispatcher thread when the first event for this handler
   * arrives: a dispatcher with many handlers that rarely see events starts fast and small.
   */
  private volatile BoundedRing<JobEvent> queue;

  private final Engine engine;

  /** True while a drain task is queued, running, or waiting for an async stage. */
  final AtomicBoolean scheduled = new AtomicBoolean();

  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong thrown = new AtomicLong();
  private final AtomicLong stageFailed = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();
  private final AtomicLong queueFull = new AtomicLong();
  private final AtomicLong evicted = new AtomicLong();
  private final AtomicInteger directInFlight = new AtomicInteger();
  private final LatencyHistogram latency = new LatencyHistogram();
  private final RateLimitedLog failureLog = new RateLimitedLog(1, TimeUnit.SECONDS);
  private final RateLimitedLog dropLog = new RateLimitedLog(1, TimeUnit.SECONDS);

  /**
   * Call state for the watchdog: {@code 2k+1} while call number k runs, {@code 2k+2} after it
   * returned. Written with release stores only (no fence on the delivery path); the dispatcher
   * thread reads it to see how long one call has been running.
   */
  final AtomicLong callState = new AtomicLong();

  /** The event of the current call, for the watchdog. */
  final AtomicReference<JobEvent> current = new AtomicReference<>();

  /** Dispatcher thread only: the call state seen at the last watch, when, and the last reported. */
  long watchedState;

  long watchedSinceNanos;
  long reportedState;

  /**
   * How many calls may have their stages outstanding at once (the async window, 1 by default: the
   * next event waits for the stage). Calls are always made one at a time, in queue order.
   */
  private final int window;

  /** The asynchronous calls whose stages have not completed (or timed out) yet. */
  final Set<AsyncCall> outstanding = ConcurrentHashMap.newKeySet();

  /** {@code outstanding.size()}, kept exactly: the window is full at {@link #window}. */
  private final AtomicInteger stages = new AtomicInteger();

  /**
   * True while the drain task has stopped because the window was full: the next settle resumes it
   * (whoever clears this flag first goes on).
   */
  private final AtomicBoolean parked = new AtomicBoolean();

  Subscriber(SubscriberSpec spec, Engine engine) {
    this.name = spec.name();
    this.binding = spec.binding();
    this.method = spec.method();
    this.instance = spec.instance();
    this.mask = EventKinds.maskOf(binding.eventType(method));
    this.policy = spec.policy();
    this.capacity = BoundedRing.roundedCapacity(spec.capacity());
    this.asyncTimeoutNanos = spec.asyncTimeout().toNanos();
    this.id = spec.id();
    this.observer = spec.observer();
    this.window = spec.asyncWindow();
    this.engine = engine;
  }

  /**
   * Puts an event in this handler's queue, applying the overflow policy. Dispatcher thread only.
   */
  void enqueue(JobEvent e) {
    accepted.lazySet(accepted.get() + 1);
    BoundedRing<JobEvent> queue = queue();
    if (queue.offerSingleProducer(e)) { // this thread is the queue's only producer
      return;
    }
    if (policy == OverflowPolicy.DROP_OLDEST) {
      do {
        if (queue.size() < capacity) {
          // The drain task has taken the head but not yet freed its slot: room is a few
          // instructions away, so wait for it rather than evict one more event than needed.
          Thread.onSpinWait();
        } else {
          JobEvent old = queue.poll(); // competes with the drain task: CAS-based poll
          if (old != null) {
            evicted.incrementAndGet();
            if (observer != null) {
              observer.onDropped(id, old, DropReason.EVICTED);
            }
          }
        }
      } while (!queue.offerSingleProducer(e));
    } else {
      queueFull.lazySet(queueFull.get() + 1); // only this thread writes it
      if (observer != null) {
        observer.onDropped(id, e, DropReason.QUEUE_FULL);
      }
    }
    // Logged by logDrops() on the watch period: a drop costs the dispatcher thread one store.
  }

  /**
   * Puts {@code events[0..n)} in this handler's queue, in order, applying the overflow policy.
   * Dispatcher thread only. Under {@link OverflowPolicy#DROP_NEWEST} the whole run is one bulk
   * offer; under {@link OverflowPolicy#DROP_OLDEST} each event may have to evict one.
   */
  void enqueueAll(Object[] events, int n) {
    if (policy == OverflowPolicy.DROP_OLDEST) {
      for (int i = 0; i < n; i++) {
        enqueue((JobEvent) events[i]);
      }
      return;
    }
    accepted.lazySet(accepted.get() + n);
    int put = queue().offerAllSingleProducer(events, n); // the drain task is the only consumer
    if (put < n) {
      queueFull.lazySet(queueFull.get() + (n - put)); // only this thread writes it
      if (observer != null) {
        for (int i = put; i < n; i++) {
          observer.onDropped(id, (JobEvent) events[i], DropReason.QUEUE_FULL);
        }
      }
    }
  }

  /** The queue, made on the first event. Dispatcher thread only. */
  private BoundedRing<JobEvent> queue() {
    BoundedRing<JobEvent> queue = this.queue;
    if (queue == null) {
      queue = new BoundedRing<>(capacity);
      this.queue = queue; // published to drain tasks by this volatile write
    }
    return queue;
  }

  /** Drops counted by the time of the last log line. Dispatcher thread only. */
  private long dropsLogged;

  /** True if drops were counted since the last warning. Dispatcher thread only. */
  boolean hasUnloggedDrops() {
    return queueFull.get() + evicted.get() != dropsLogged;
  }

  /** Logs (at most once a second) that this handler dropped events since the last time. */
  void logDrops() {
    long dropped = queueFull.get() + evicted.get();
    if (dropped != dropsLogged && dropLog.tryAcquire() >= 0) {
      Log.get()
          .warn(
              "Handler {} is not keeping up: its queue of {} events was full and {} events were"
                  + " dropped ({}) since the last warning, {} in total",
              name,
              capacity,
              dropped - dropsLogged,
              policy == OverflowPolicy.DROP_OLDEST ? DropReason.EVICTED : DropReason.QUEUE_FULL,
              dropped);
      dropsLogged = dropped;
    }
  }

  boolean hasQueued() {
    BoundedRing<JobEvent> queue = this.queue;
    return queue != null && !queue.isEmpty();
  }

  /** Idle: nothing queued, no drain task pending or running, no stage outstanding. */
  boolean isIdle() {
    return !hasQueued() && !scheduled.get() && stages.get() == 0 && directInFlight.get() == 0;
  }

  /** True while some asynchronous call's stage is outstanding. */
  boolean hasOutstandingStages() {
    return stages.get() > 0;
  }

  /** The drain task: delivers up to a batch of queued events, one at a time. */
  @Override
  public void run() {
    BoundedRing<JobEvent> queue = this.queue; // not null: a drain task follows an enqueue
    int ok = 0;
    for (int i = 0; i < DRAIN_BATCH; i++) {
      if (engine.halted) { // closed at the deadline: leave the rest queued (pending)
        delivered.addAndGet(ok);
        unschedule();
        return;
      }
      // Under DROP_NEWEST the drain task is the queue's only consumer (drain tasks never overlap,
      // and each one's start happens after the previous one's end); under DROP_OLDEST the
      // dispatcher thread also takes from the queue to evict, so both sides use the CAS.
      JobEvent e = policy == OverflowPolicy.DROP_NEWEST ? queue.pollSingleConsumer() : queue.poll();
      if (e == null) {
        delivered.addAndGet(ok);
        release();
        return;
      }
      int outcome = deliver(e);
      if (outcome == DELIVERED) {
        ok++;
      } else if (outcome == AWAITING) {
        delivered.addAndGet(ok);
        return; // an async stage is outstanding; its completion resumes draining
      }
    }
    delivered.addAndGet(ok);
    engine.submit(this); // more may be queued: yield the thread to other handlers, keep our turn
  }

  private void release() {
    scheduled.set(false);
    if (hasQueued() && scheduled.compareAndSet(false, true)) {
      engine.submit(this);
    }
  }

  private static final int DELIVERED = 0;
  private static final int SETTLED = 1; // failed, or an async call that completed at once
  private static final int AWAITING = 2;

  /**
   * Calls the handler: {@link #DELIVERED} (not yet counted: the caller counts in batches), {@link
   * #SETTLED} (already counted), or {@link #AWAITING} when it returned a stage that is still
   * outstanding, in which case the caller must stop draining.
   */
  private int deliver(JobEvent e) {
    long state = callState.get() + 1;
    current.lazySet(e);
    callState.lazySet(state);
    // Latency is sampled: one call in eight is timed, so that most calls pay no clock reads.
    boolean timed = observer != null || (state & 0xE) == 0;
    long start = timed ? System.nanoTime() : 0;
    CompletionStage<?> stage;
    try {
      stage = binding.invoke(instance, method, e);
    } catch (Throwable t) {
      callState.lazySet(state + 1);
      if (timed) {
        latency.record(System.nanoTime() - start);
      }
      fail(FailureKind.THROWN, e, t);
      if (observer != null) {
        observer.onSettled(id, e, Outcome.THROWN, System.nanoTime() - start, t);
      }
      return SETTLED;
    }
    callState.lazySet(state + 1);
    if (stage == null) {
      long nanos = timed ? System.nanoTime() - start : 0;
      if (timed) {
        latency.record(nanos);
      }
      if (observer != null) {
        delivered.incrementAndGet(); // counted before the observer hears of it
        observer.onSettled(id, e, Outcome.DELIVERED, nanos, null);
        return SETTLED;
      }
      return DELIVERED;
    }
    AsyncCall call = new AsyncCall(e, timed ? start : System.nanoTime());
    outstanding.add(call);
    int open = stages.incrementAndGet();
    try {
      stage.whenComplete((v, t) -> settle(call, t, FailureKind.STAGE_FAILED));
    } catch (Throwable t) {
      settle(call, t, FailureKind.THROWN);
    }
    if (open < window) {
      return SETTLED; // room in the window: the next call need not wait for this stage
    }
    // The window is full: stop, unless a stage settled meanwhile. parked is set before the count
    // is read again, and a settle lowers the count before it reads parked, so one of the two sees
    // the other: whichever clears parked goes on (this drain task, or a new one the settle
    // submits).
    parked.set(true);
    if (stages.get() < window && parked.compareAndSet(true, false)) {
      return SETTLED;
    }
    return AWAITING;
  }

  /** Settles an async call once: by its stage, or by the timeout, whichever comes first. */
  void settle(AsyncCall call, Throwable failure, FailureKind kind) {
    if (!outstanding.remove(call)) {
      return; // settled already (timed out, then completed late, or the reverse)
    }
    long nanos = System.nanoTime() - call.startNanos;
    latency.record(nanos);
    if (failure == null) {
      delivered.incrementAndGet();
    } else {
      fail(kind, call.event, unwrap(failure));
    }
    if (observer != null) {
      observer.onSettled(
          id,
          call.event,
          failure == null
              ? Outcome.DELIVERED
              : kind == FailureKind.TIMED_OUT
                  ? Outcome.TIMED_OUT
                  : kind == FailureKind.THROWN ? Outcome.THROWN : Outcome.STAGE_FAILED,
          nanos,
          failure == null ? null : unwrap(failure));
    }
    stages.decrementAndGet();
    if (parked.get() && parked.compareAndSet(true, false)) {
      engine.submit(this); // resume draining; scheduled is still held by this subscriber
    }
  }

  /** Times out the outstanding async calls older than the timeout. Dispatcher thread. */
  void checkTimeout(long now) {
    for (AsyncCall call : outstanding) {
      if (now - call.startNanos > asyncTimeoutNanos) {
        settle(
            call,
            new TimeoutException(
                "stage not completed within "
                    + TimeUnit.NANOSECONDS.toMillis(asyncTimeoutNanos)
                    + " ms"),
            FailureKind.TIMED_OUT);
      }
    }
  }

  /** Synchronous mode: calls the handler on the publishing thread. */
  void deliverDirect(JobEvent e) {
    accepted.incrementAndGet();
    long start = System.nanoTime();
    CompletionStage<?> stage;
    try {
      stage = binding.invoke(instance, method, e);
    } catch (Throwable t) {
      latency.record(System.nanoTime() - start);
      fail(FailureKind.THROWN, e, t);
      return;
    }
    if (stage == null) {
      latency.record(System.nanoTime() - start);
      delivered.incrementAndGet();
      return;
    }
    directInFlight.incrementAndGet();
    try {
      stage.whenComplete(
          (v, t) -> {
            latency.record(System.nanoTime() - start);
            if (t == null) {
              delivered.incrementAndGet();
            } else {
              fail(FailureKind.STAGE_FAILED, e, unwrap(t));
            }
            directInFlight.decrementAndGet();
          });
    } catch (Throwable t) {
      fail(FailureKind.THROWN, e, t);
      directInFlight.decrementAndGet();
    }
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  private void fail(FailureKind kind, JobEvent e, Throwable t) {
    switch (kind) {
      case THROWN -> thrown.incrementAndGet();
      case STAGE_FAILED -> stageFailed.incrementAndGet();
      case TIMED_OUT -> timedOut.incrementAndGet();
    }
    long held = failureLog.tryAcquire();
    if (held >= 0) {
      try {
        Log.get()
            .warn(
                "Handler {} failed ({}) on {} of run {} (job type {}, attempt {}){}",
                name,
                kind,
                e.getClass().getSimpleName(),
                e.runId(),
                e.jobTypeId(),
                e.attempt(),
                held > 0 ? "; " + held + " similar failures not logged in the last second" : "",
                t);
      } catch (Throwable logFailure) {
        // A throwable whose getMessage() or toString() throws must not kill the drain task:
        // the failure is counted above; only its log line is lost.
      }
    }
  }

  /** Counts and logs nothing else: used when a drain task could not be submitted. */
  void unschedule() {
    scheduled.set(false);
  }

  HandlerStats stats(long intakeDropped) {
    // Read the settled counters before `accepted`, so that pending is never negative.
    long d = delivered.get();
    Map<FailureKind, Long> failures =
        Map.of(
            FailureKind.THROWN, thrown.get(),
            FailureKind.STAGE_FAILED, stageFailed.get(),
            FailureKind.TIMED_OUT, timedOut.get());
    Map<DropReason, Long> drops =
        Map.of(
            DropReason.QUEUE_FULL, queueFull.get(),
            DropReason.EVICTED, evicted.get(),
            DropReason.INTAKE_FULL, intakeDropped);
    long settled = d + thrown.get() + stageFailed.get() + timedOut.get();
    long acc = accepted.get();
    long pending = Math.max(0, acc - settled - queueFull.get() - evicted.get());
    return new HandlerStats(
        name,
        binding.eventType(method),
        acc + intakeDropped,
        d,
        failures,
        drops,
        pending,
        latency.percentile(0.50),
        latency.percentile(0.99),
        latency.max(),
        capacity);
  }

  /** An asynchronous call whose stage is outstanding (identity: one per call). */
  static final class AsyncCall {
    final JobEvent event;
    final long startNanos;

    AsyncCall(JobEvent event, long startNanos) {
      this.event = event;
      this.startNanos = startNanos;
    }
  }
}
