package dev.zapjobs.events.runtime;

import dev.zapjobs.events.JobEvent;

/**
 * Told about every settled handler call and every dropped delivery, for metrics, tracing and
 * forwarding. Register one or more with {@code JobEventDispatcher.Builder#observer}.
 *
 * <p>Each call of a handler method is reported exactly once, after the dispatcher has counted it,
 * so a {@code stats()} snapshot taken inside {@link #onSettled} already includes it. Every drop is
 * reported once per handler that lost the event. The reports of one handler arrive in the order its
 * events were settled.
 *
 * <p>Callbacks run on the thread that settled the call or dropped the event — a handler thread, the
 * thread that completed an asynchronous handler's stage, the dispatcher's own thread, or (for
 * {@link DropReason#INTAKE_FULL}) the publishing job thread — so they must be fast, thread-safe and
 * must not block. An exception thrown by an observer is caught and logged (rate-limited); it never
 * reaches the handler, the job or the accounting.
 *
 * <p>Several observers are called in registration order, after the handler's interceptors (if any)
 * were told the call settled. Registering one makes the dispatcher time every call (without one, it
 * times only a sample of the calls for {@link HandlerStats#latencyP50()} and its kin).
 *
 * <p>With no observer registered the dispatcher does no extra work and allocates nothing for it.
 *
 * <pre>{@code
 * JobEventDispatcher dispatcher = JobEventDispatcher.builder()
 *     .observer(new JobEventObserver() {
 *       public void onSettled(HandlerId h, JobEvent e, Outcome o, long nanos, Throwable t) {
 *         timers.get(h).record(nanos, TimeUnit.NANOSECONDS);
 *       }
 *
 *       public void onDropped(HandlerId h, JobEvent e, DropReason reason) {
 *         drops.get(h).increment();
 *       }
 *     })
 *     .build();
 * }</pre>
 */
public interface JobEventObserver {

  /**
   * A handler call settled.
   *
   * @param handler the handler method
   * @param event the event it was called with
   * @param outcome delivered, or how it failed
   * @param durationNanos the call's exact duration in nanoseconds, measured with {@link
   *     System#nanoTime()}: from just before the method was called until it returned or threw, or
   *     for an asynchronous handler until its stage completed (or timed out)
   * @param failure what the method threw or the stage failed with ({@code CompletionException}
   *     unwrapped), a {@code TimeoutException} for {@link Outcome#TIMED_OUT}, or {@code null} when
   *     delivered
   */
  default void onSettled(
      HandlerId handler, JobEvent event, Outcome outcome, long durationNanos, Throwable failure) {}

  /**
   * An event did not reach a handler.
   *
   * @param handler the handler that lost it
   * @param event the event
   * @param reason why
   */
  default void onDropped(HandlerId handler, JobEvent event, DropReason reason) {}
}
