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

/**
 * One handler method as the engine sees it, whatever thread calls it: which events it takes, how it
 * is called (through its generated binding, inside the interceptors), and what happens when a call
 * settles (counted first, then recorded, reported to interceptors and observers, and, a failure,
 * logged; a method that threw is logged before the interceptors' scope closes, see {@link #threw}).
 * The threaded engine gives each handler a {@link HandlerQueue} and a {@link DrainTask}; the
 * synchronous one calls it on the publishing thread.
 */
final class Handler {
  final HandlerId id;
  final String name;
  final int mask;

  /** The job types and queues this handler is limited to, or null for none. */
  final EventFilter filter;

  final OverflowPolicy policy;

  /** The capacity of its queue, rounded up to a power of two. */
  final int capacity;

  final long asyncTimeoutNanos;

  /** How many calls may have their stages outstanding at once (1: the next waits for the stage). */
  final int window;

  final HandlerCounters counters;
  final LatencyHistogram latency = new LatencyHistogram();

  private final HandlerBinding binding;
  private final int method;
  private final Object instance;
  private final Observers observers;
  private final Interceptors interceptors;

  /** Observers and interceptors are given each call's exact duration, so every call is timed. */
  final boolean timeEveryCall;

  /** The most calls in flight at once: the window, or unbounded in synchronous mode. */
  private final long maxInFlight;

  private final RateLimitedLog failureLog = new RateLimitedLog(1, TimeUnit.SECONDS);

  Handler(HandlerSpec spec, Observers observers, Interceptors interceptors, boolean synchronous) {
    this.id = spec.id();
    this.name = spec.name();
    this.binding = spec.binding();
    this.method = spec.method();
    this.instance = spec.instance();
    this.mask = EventKinds.maskOf(spec.handler().eventType());
    this.filter = spec.filter();
    this.policy = spec.policy();
    this.capacity = Rings.roundedCapacity(spec.capacity());
    this.asyncTimeoutNanos = spec.asyncTimeout().toNanos();
    this.window = spec.asyncWindow();
    this.observers = observers;
    this.interceptors = interceptors;
    this.timeEveryCall = observers != null || interceptors != null;
    // With a window (or in synchronous mode) calls settle on several threads at once.
    this.counters = new HandlerCounters(synchronous || window > 1);
    this.maxInFlight = synchronous ? Long.MAX_VALUE : window;
  }

  /** Whether this handler takes {@code e}, its event type aside: its filter accepts it. */
  boolean accepts(JobEvent e) {
    return filter == null || filter.accepts(e);
  }

  /**
   * Before a call, on the calling thread: enters the interceptors with what was captured for this
   * ring element (an event, or an {@link Envelope}); returns the call's scope, or null.
   */
  Object enter(JobEvent e, Object item) {
    return interceptors == null ? null : interceptors.enter(id, e, Envelope.capturedOf(item));
  }

  /** Calls the method; returns its stage, or null for a {@code void} method. */
  CompletionStage<?> invoke(JobEvent e) throws Throwable {
    return binding.invoke(instance, method, e);
  }

  /** Right after the method returned or threw, on the same thread: closes the interceptors. */
  void exit(Object scope) {
    if (scope != null) {
      interceptors.close(scope, id);
    }
  }

  /**
   * A call settled (returned, or its stage completed): counted first, then recorded, then reported
   * to interceptors and observers, then (a failure) logged. A method that threw settles through
   * {@link #threw} instead.
   *
   * @param nanos its duration, or -1 if it was not timed
   */
  void settled(JobEvent e, Outcome outcome, Throwable failure, long nanos, Object scope) {
    count(outcome, nanos);
    report(e, outcome, failure, nanos, scope);
    if (failure != null) {
      logFailure(outcome.failureKind(), e, failure);
    }
  }

  /**
   * The method threw, on the calling thread, with the interceptors' scope still open: counted, then
   * logged inside the call's context (so what the interceptors made current for the call, such as
   * the job's MDC or trace, is on the warning), then the scope closed, then the call reported to
   * interceptors and observers.
   *
   * @param nanos its duration, or -1 if it was not timed
   */
  void threw(JobEvent e, Throwable failure, long nanos, Object scope) {
    count(Outcome.THROWN, nanos);
    logFailure(FailureKind.THROWN, e, failure);
    exit(scope);
    report(e, Outcome.THROWN, failure, nanos, scope);
  }

  private void count(Outcome outcome, long nanos) {
    counters.settled(outcome);
    if (nanos >= 0) {
      latency.record(nanos);
    }
  }

  private void report(JobEvent e, Outcome outcome, Throwable failure, long nanos, Object scope) {
    if (scope != null) {
      interceptors.settled(scope, id, outcome, nanos, failure);
    }
    if (observers != null) {
      observers.settled(id, e, outcome, nanos, failure);
    }
  }

  /** Tells the observers that this handler lost {@code item}'s event. */
  void reportDropped(Object item, DropReason reason) {
    if (observers != null) {
      observers.dropped(id, Envelope.eventOf(item), reason);
    }
  }

  /** True if observers want to hear about each drop. */
  boolean reportsDrops() {
    return observers != null;
  }

  /** A snapshot of the accounting; {@code intakeDropped}: its events refused at the intake. */
  HandlerStats stats(long intakeDropped) {
    return counters.snapshot(id, name, capacity, intakeDropped, maxInFlight, latency);
  }

  /** The cause a stage failed with, without the {@link CompletionException} wrapper. */
  static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  private void logFailure(FailureKind kind, JobEvent e, Throwable t) {
    long held = failureLog.tryAcquire();
    if (held < 0) {
      return;
    }
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
      // A throwable whose getMessage() or toString() throws must not kill the calling thread:
      // the failure is counted above; only its log line is lost.
    }
  }
}
