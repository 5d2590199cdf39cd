package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.FailureKind;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.Outcome;
import dev.zapjobs.events.runtime.OverflowPolicy;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One handler method with its own bounded queue (its bulkhead) and its own counters. The dispatcher
 * thread is the only producer into the queue; at most one drain task of this handler runs at any
 * time ({@link #scheduled}), so the handler sees its events one at a time, in queue order.
 *
 * <p>An asynchronous handler's next event waits until its stage completes (or times out): the drain
 * task ends without clearing {@link #scheduled}, and the stage's completion submits it again. No
 * thread waits meanwhile.
 *
 * <p>Each submission of the drain task carries a ticket ({@link #pendingTicket}); a task runs only
 * if it claims the ticket, so the engine may submit the same task again when it suspects the
 * executor lost it, without ever running two drains at once.
 */
public final class Subscriber implements Runnable {
  private static final int DRAIN_BATCH = 256;

  /** Marks, in synchronous mode, the handler whose call runs on this thread (see callingHere). */
  private static final ThreadLocal<Subscriber> DIRECT_CALL = new ThreadLocal<>();

  final HandlerId id;
  final String name;
  final HandlerBinding binding;
  final int method;
  final Object instance;
  final int mask;
  final long asyncTimeoutNanos;
  final int capacity;
  private final OverflowPolicy policy;
  private final Engine engine;
  private final Observers observers;
  private final Interceptors interceptors;

  /** Observers and interceptors are given each call's exact duration, so every call is timed. */
  private final boolean timeEveryCall;

  private final HandlerCounters counters;
  private final long maxInFlight;
  private final LatencyHistogram latency = new LatencyHistogram();
  private final RateLimitedLog failureLog = new RateLimitedLog(1, TimeUnit.SECONDS);
  private final RateLimitedLog dropLog = new RateLimitedLog(1, TimeUnit.SECONDS);

  /** The eviction side of a {@code DROP_OLDEST} queue; null under {@code DROP_NEWEST}. */
  private final DropOldest dropOldest;

  /**
   * The handler's queue, made by the dispatcher thread when the first event for this handler
   * arrives: a dispatcher with many handlers that rarely see events starts fast and small.
   */
  private volatile BoundedRing<Object> queue;

  /** True while a drain task is queued, running, or waiting for an async stage. */
  final AtomicBoolean scheduled = new AtomicBoolean();

  /** The ticket of the drain task submitted and not yet started, or 0. */
  final AtomicLong pendingTicket = new AtomicLong();

  /**
   * Set by close: no drain task takes another event (a call already running finishes). Read once
   * per event by the drain task.
   */
  volatile boolean stopped;

  /** The thread running this handler's drain task, while it holds the turn; else null. */
  private volatile Thread drainer;

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

  /** The asynchronous call whose stage has not completed yet, or null. */
  final AtomicReference<AsyncCall> awaiting = new AtomicReference<>();

  Subscriber(SubscriberSpec spec, Engine engine, boolean synchronous) {
    this.id = spec.id();
    this.name = spec.name();
    this.binding = spec.binding();
    this.method = spec.method();
    this.instance = spec.instance();
    this.mask = EventKinds.maskOf(binding.eventType(method));
    this.policy = spec.policy();
    this.capacity = BoundedRing.roundedCapacity(spec.capacity());
    this.asyncTimeoutNanos = spec.asyncTimeout().toNanos();
    this.engine = engine;
    this.observers = engine.observers;
    this.interceptors = engine.interceptors;
    this.timeEveryCall = observers != null || interceptors != null;
    this.counters = new HandlerCounters(synchronous);
    this.maxInFlight = synchronous ? Long.MAX_VALUE : 1;
    this.dropOldest = policy == OverflowPolicy.DROP_OLDEST ? new DropOldest(this::evicted) : null;
  }

  // ------------------------------------------------------------ dispatcher thread: into the queue

  /**
   * Puts {@code events[0..n)} (events or envelopes) in this handler's queue, in order, applying the
   * overflow policy. Dispatcher thread only. Under {@link OverflowPolicy#DROP_NEWEST} the whole run
   * is one bulk offer; under {@link OverflowPolicy#DROP_OLDEST} each event may have to evict one.
   */
  void enqueueAll(Object[] events, int n) {
    BoundedRing<Object> queue = queue();
    if (dropOldest != null) {
      for (int i = 0; i < n; i++) {
        counters.accepted(1); // before the event is visible to the drain task
        dropOldest.offer(queue, events[i]);
      }
      return;
    }
    counters.accepted(n);
    int put = queue.offerAllSingleProducer(events, n); // the drain task is the only consumer
    for (int i = put; i < n; i++) {
      dropped(events[i], DropReason.QUEUE_FULL);
    }
    // Logged by logDrops() on the watch period: a drop costs the dispatcher thread one store.
  }

  private void evicted(Object item) {
    dropped(item, DropReason.EVICTED);
  }

  private void dropped(Object item, DropReason reason) {
    if (reason == DropReason.EVICTED) {
      counters.evicted();
    } else {
      counters.queueFull(1);
    }
    if (observers != null) {
      observers.dropped(id, Envelope.eventOf(item), reason);
    }
  }

  /** The queue, made on the first event. Dispatcher thread only. */
  private BoundedRing<Object> queue() {
    BoundedRing<Object> queue = this.queue;
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
    return counters.drops() != dropsLogged;
  }

  /** Logs (at most once a second) that this handler dropped events since the last time. */
  void logDrops() {
    long dropped = counters.drops();
    if (dropped != dropsLogged && dropLog.tryAcquire() >= 0) {
      Log.get()
          .warn(
              "Handler {} is not keeping up: its queue of {} events was full and {} events were"
                  + " dropped ({}) since the last warning, {} in total. Make the handler faster"
                  + " (or hand its work off), or raise queueCapacity",
              name,
              capacity,
              dropped - dropsLogged,
              policy == OverflowPolicy.DROP_OLDEST ? DropReason.EVICTED : DropReason.QUEUE_FULL,
              dropped);
      dropsLogged = dropped;
    }
  }

  /**
   * Puts an event that {@code DROP_OLDEST} held back in the queue, if there is room now. Dispatcher
   * thread, before it looks for queues to drain.
   */
  void flushHeldBack() {
    if (dropOldest != null && dropOldest.isHolding()) {
      dropOldest.flush(queue);
    }
  }

  /** True if events are in the queue, for a drain task to take. */
  boolean hasQueued() {
    BoundedRing<Object> queue = this.queue;
    return queue != null && !queue.isEmpty();
  }

  /** Idle: nothing queued or held back, no drain task pending or running, no call in flight. */
  boolean isIdle() {
    return !hasQueued()
        && (dropOldest == null || !dropOldest.isHolding())
        && !scheduled.get()
        && counters.inFlight() == 0;
  }

  /** Something for the dispatcher thread to come back for: an event held back. */
  boolean isHoldingBack() {
    return dropOldest != null && dropOldest.isHolding();
  }

  /**
   * Idle as far as a close called from inside this handler can wait for: in synchronous mode, no
   * call in flight but the caller's own; threaded, always (the handler is stopped, its call is the
   * caller, and what is queued behind it stays queued).
   */
  boolean isIdleButForTheCaller() {
    return maxInFlight == 1 || counters.inFlight() <= 1;
  }

  /** True if the calling thread is inside this handler's drain task or its call. */
  boolean isCallingThread() {
    return drainer == Thread.currentThread() || DIRECT_CALL.get() == this;
  }

  // ------------------------------------------------------------ drain task (executor thread)

  private static final int RELEASE = 0;
  private static final int YIELD = 1;
  private static final int AWAIT = 2;
  private static final int STOP = 3;

  /** The drain task: delivers up to a batch of queued events, one at a time. */
  @Override
  public void run() {
    long ticket = pendingTicket.get();
    if (ticket == 0 || !pendingTicket.compareAndSet(ticket, 0)) {
      return; // a copy of a task submitted again because it seemed lost; the other copy ran
    }
    engine.drainStarted(ticket);
    drainer = Thread.currentThread();
    int next = drain();
    if (next == AWAIT) {
      return; // an async stage is outstanding; its completion resumes draining (drainer cleared)
    }
    drainer = null; // before the turn can pass to another thread
    switch (next) {
      case YIELD ->
          engine.submit(this); // more may be queued: let other handlers run, keep the turn
      case STOP -> unschedule(); // closed: what is queued stays queued, counted as pending
      default -> release();
    }
  }

  private int drain() {
    BoundedRing<Object> queue = this.queue; // not null: a drain task follows an enqueue
    for (int i = 0; i < DRAIN_BATCH; i++) {
      if (stopped) {
        return STOP;
      }
      // Under DROP_NEWEST the drain task is the queue's only consumer (drain tasks never overlap,
      // and each one's start happens after the previous one's end); under DROP_OLDEST the
      // dispatcher thread also takes from the queue to evict, so both sides use the CAS.
      Object item =
          policy == OverflowPolicy.DROP_NEWEST ? queue.pollSingleConsumer() : queue.poll();
      if (item == null) {
        return RELEASE;
      }
      if (deliver(item)) {
        return AWAIT;
      }
    }
    return YIELD;
  }

  private void release() {
    scheduled.set(false);
    if (hasQueued() && !stopped && scheduled.compareAndSet(false, true)) {
      engine.submit(this);
    }
  }

  /**
   * Calls the handler with one queued item (an event or an envelope), counting the call when it
   * settles. Returns true if it returned a stage that is still outstanding: the caller must then
   * stop draining (the stage's completion resumes it).
   */
  private boolean deliver(Object item) {
    JobEvent e = Envelope.eventOf(item);
    counters.started();
    long state = callState.get() + 1;
    current.lazySet(e);
    callState.lazySet(state);
    Object scope =
        interceptors == null ? null : interceptors.enter(id, e, Envelope.capturedOf(item));
    // Without observers latency is sampled: one call in eight is timed, the others pay no clock.
    boolean timed = timeEveryCall || (state & 0xE) == 0;
    long start = timed ? System.nanoTime() : 0;
    CompletionStage<?> stage;
    try {
      stage = binding.invoke(instance, method, e);
    } catch (Throwable t) {
      long nanos = timed ? System.nanoTime() - start : -1;
      callState.lazySet(state + 1);
      close(scope);
      settled(e, Outcome.THROWN, t, nanos, scope);
      return false;
    }
    long nanos = timed ? System.nanoTime() - start : -1;
    callState.lazySet(state + 1);
    close(scope);
    if (stage == null) {
      settled(e, Outcome.DELIVERED, null, nanos, scope);
      return false;
    }
    AsyncCall call = new AsyncCall(e, timed ? start : System.nanoTime(), scope);
    awaiting.set(call);
    drainer = null; // from here the stage's completion may pass the turn to another thread
    try {
      stage.whenComplete((v, t) -> settle(call, t, Outcome.STAGE_FAILED));
    } catch (Throwable t) {
      settle(call, t, Outcome.THROWN);
    }
    if (call.drainerContinues()) {
      drainer = Thread.currentThread(); // settled at once: the turn stayed here
      return false;
    }
    return true;
  }

  private void close(Object scope) {
    if (scope != null) {
      interceptors.close(scope, id);
    }
  }

  /**
   * A call settled: counted first, then recorded, then reported to interceptors and observers, then
   * (a failure) logged.
   *
   * @param nanos its duration, or -1 if it was not timed
   */
  private void settled(JobEvent e, Outcome outcome, Throwable failure, long nanos, Object scope) {
    counters.settled(outcome);
    if (nanos >= 0) {
      latency.record(nanos);
    }
    if (scope != null) {
      interceptors.settled(scope, id, outcome, nanos, failure);
    }
    if (observers != null) {
      observers.settled(id, e, outcome, nanos, failure);
    }
    if (failure != null) {
      logFailure(outcome.failureKind(), e, failure);
    }
  }

  /** Settles an async call once: by its stage, or by the timeout, whichever comes first. */
  void settle(AsyncCall call, Throwable failure, Outcome failedAs) {
    if (!awaiting.compareAndSet(call, null)) {
      return; // settled already (timed out, then completed late, or the reverse)
    }
    long nanos = System.nanoTime() - call.startNanos;
    if (failure == null) {
      settled(call.event, Outcome.DELIVERED, null, nanos, call.scope);
    } else {
      settled(call.event, failedAs, unwrap(failure), nanos, call.scope);
    }
    if (call.drainerHasLeft()) {
      engine.submit(this); // resume draining; scheduled is still held by this handler
    }
  }

  /** Times out the outstanding async call if it is older than the timeout. Dispatcher thread. */
  void checkTimeout(long now) {
    AsyncCall call = awaiting.get();
    if (call != null && now - call.startNanos > asyncTimeoutNanos) {
      settle(
          call,
          new TimeoutException(
              "stage not completed within "
                  + TimeUnit.NANOSECONDS.toMillis(asyncTimeoutNanos)
                  + " ms"),
          Outcome.TIMED_OUT);
    }
  }

  // ------------------------------------------------------------ synchronous mode (publishing
  // thread)

  /** Synchronous mode: calls the handler on the publishing thread. */
  void deliverDirect(Object item) {
    JobEvent e = Envelope.eventOf(item);
    counters.accepted(1);
    counters.started();
    Subscriber outer = DIRECT_CALL.get(); // a handler that publishes: calls nest
    DIRECT_CALL.set(this);
    try {
      Object scope =
          interceptors == null ? null : interceptors.enter(id, e, Envelope.capturedOf(item));
      long start = System.nanoTime();
      CompletionStage<?> stage;
      try {
        stage = binding.invoke(instance, method, e);
      } catch (Throwable t) {
        long nanos = System.nanoTime() - start;
        close(scope);
        settled(e, Outcome.THROWN, t, nanos, scope);
        return;
      }
      long nanos = System.nanoTime() - start;
      close(scope);
      if (stage == null) {
        settled(e, Outcome.DELIVERED, null, nanos, scope);
        return;
      }
      AtomicBoolean once = new AtomicBoolean(); // a hostile stage may call back and then throw
      try {
        stage.whenComplete(
            (v, t) -> {
              if (once.compareAndSet(false, true)) {
                Outcome o = t == null ? Outcome.DELIVERED : Outcome.STAGE_FAILED;
                settled(e, o, t == null ? null : unwrap(t), System.nanoTime() - start, scope);
              }
            });
      } catch (Throwable t) {
        if (once.compareAndSet(false, true)) {
          settled(e, Outcome.THROWN, t, System.nanoTime() - start, scope);
        }
      }
    } finally {
      DIRECT_CALL.set(outer);
    }
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  private void logFailure(FailureKind kind, JobEvent e, Throwable t) {
    long held = failureLog.tryAcquire();
    if (held >= 0) {
      try {
        Log.get()
            .warn(
                "Handler {} failed ({}) on {} of run {} (job type {}, attempt {}); the event is"
                    + " counted as failed and not retried{}. {}",
                name,
                kind,
                e.getClass().getSimpleName(),
                e.runId(),
                e.jobTypeId(),
                e.attempt(),
                held > 0 ? "; " + held + " similar failures not logged in the last second" : "",
                kind == FailureKind.TIMED_OUT
                    ? "Complete the handler's stage sooner, or raise asyncTimeout"
                    : "Handle the error inside the handler if it is expected",
                t);
      } catch (Throwable logFailure) {
        // A throwable whose getMessage() or toString() throws must not kill the drain task:
        // the failure is counted above; only its log line is lost.
      }
    }
  }

  /** Gives up the turn without running: the drain task was not submitted, or close stopped it. */
  void unschedule() {
    scheduled.set(false);
  }

  HandlerStats stats(long intakeDropped) {
    return counters.snapshot(id, name, capacity, intakeDropped, maxInFlight, latency);
  }

  /** An asynchronous call whose stage is outstanding. */
  static final class AsyncCall {
    private static final int REGISTERING = 0;
    private static final int DRAINER_LEFT = 1;
    private static final int SETTLED_INLINE = 2;

    final JobEvent event;
    final long startNanos;

    /** The interceptors' scope of the call, settled with it; null without interceptors. */
    final Object scope;

    private final AtomicInteger state = new AtomicInteger(REGISTERING);

    AsyncCall(JobEvent event, long startNanos, Object scope) {
      this.event = event;
      this.startNanos = startNanos;
      this.scope = scope;
    }

    /** Drainer side: true if the call settled while it was registering, so it may go on. */
    boolean drainerContinues() {
      return !state.compareAndSet(REGISTERING, DRAINER_LEFT);
    }

    /** Settling side: true if the drainer has left and draining must be resumed. */
    boolean drainerHasLeft() {
      return !state.compareAndSet(REGISTERING, SETTLED_INLINE);
    }
  }
}
