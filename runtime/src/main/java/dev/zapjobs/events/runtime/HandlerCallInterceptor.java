package dev.zapjobs.events.runtime;

import dev.zapjobs.events.JobEvent;

/**
 * Carries context from the job thread that publishes an event to every handler call made for it —
 * for example the SLF4J MDC, the OpenTelemetry context or a Micrometer {@code Observation} — and
 * can wrap each call. Register one or more with {@code JobEventDispatcher.Builder#interceptor}.
 *
 * <ol>
 *   <li>{@link #capture} runs on the publishing thread, inside {@code publish}: it returns what to
 *       carry with the event (or {@code null} for nothing).
 *   <li>{@link #enter} runs on the handler thread just before each handler method is called, with
 *       what was captured; the {@link Call} it returns is {@linkplain Call#close() closed} on the
 *       same thread right after the method returns or throws (for an asynchronous handler: when the
 *       method returns its stage, not when the stage completes), and {@linkplain Call#settled
 *       settled} once when the call settles, after the dispatcher has counted it.
 * </ol>
 *
 * <p>Several interceptors capture and enter in registration order, and close and settle in reverse
 * (like nested scopes). They are also used in synchronous mode, where everything runs on the
 * publishing thread.
 *
 * <p>With no interceptor registered, {@code publish} captures nothing and allocates nothing: the
 * event itself travels through the dispatcher. With one, {@code publish} pays for {@link #capture}
 * and, when it returns non-null, for a small holder that carries the event and the captured value
 * to the handlers (one per published event, shared by all its handlers).
 *
 * <pre>{@code
 * // Carries the SLF4J MDC from the job's thread into every handler call.
 * final class MdcInterceptor implements HandlerCallInterceptor {
 *   public Object capture(JobEvent event) {
 *     return MDC.getCopyOfContextMap(); // null when the MDC is empty
 *   }
 *
 *   @SuppressWarnings("unchecked")
 *   public Call enter(HandlerId handler, JobEvent event, Object captured) {
 *     Map<String, String> before = MDC.getCopyOfContextMap();
 *     if (captured == null) {
 *       MDC.clear();
 *     } else {
 *       MDC.setContextMap((Map<String, String>) captured);
 *     }
 *     return () -> {
 *       if (before == null) {
 *         MDC.clear();
 *       } else {
 *         MDC.setContextMap(before);
 *       }
 *     };
 *   }
 * }
 * }</pre>
 *
 * <p>An exception from {@code capture} is caught (the event is then delivered without context) and
 * logged, rate-limited; one from {@code enter}, {@code close} or {@code settled} is caught and
 * logged too, and never counts as a failure of the handler.
 */
public interface HandlerCallInterceptor {

  /**
   * On the publishing thread: what to carry from it to the handler calls of {@code event}.
   *
   * @return an object passed to {@link #enter} for each handler call, or {@code null}
   */
  Object capture(JobEvent event);

  /**
   * On the handler thread, just before the handler method is called.
   *
   * @param handler the handler about to be called
   * @param event the event
   * @param captured what {@link #capture} returned for this event (may be {@code null})
   * @return the call's scope, closed right after the method returns; never {@code null}
   */
  Call enter(HandlerId handler, JobEvent event, Object captured);

  /** One handler call, as seen by an interceptor. */
  interface Call extends AutoCloseable {

    /**
     * On the handler thread, right after the handler method returned or threw: undo what {@link
     * HandlerCallInterceptor#enter} made current.
     */
    @Override
    void close();

    /**
     * Once, when the call settles — on the handler thread for a synchronous handler (after {@link
     * #close()}), on the thread that completed the stage for an asynchronous one.
     *
     * @param outcome delivered, or how it failed
     * @param durationNanos the call's exact duration in nanoseconds
     * @param failure the failure, or {@code null} when delivered
     */
    default void settled(Outcome outcome, long durationNanos, Throwable failure) {}
  }
}
