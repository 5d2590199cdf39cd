package dev.zapjobs.events.kafka;

import dev.zapjobs.events.JobEvent;
import org.apache.kafka.common.header.Headers;

/**
 * Carries a trace context (or any other context) across Kafka in record headers: optional, and
 * deliberately small. Give one to {@link KafkaForwarder.Builder#traceHeaders} and {@link
 * KafkaSource.Builder#traceHeaders}; an OpenTelemetry or Micrometer Tracing propagator fits in a
 * few lines.
 *
 * <ul>
 *   <li>{@link #inject} runs on the forwarder's handler thread, inside the handler call: a {@code
 *       HandlerCallInterceptor} registered on the dispatcher has made the publishing job's context
 *       current there, so the hook writes the current context into the headers.
 *   <li>{@link #extract} runs on the source's thread around the {@code publish} of the decoded
 *       event: it makes the context in the headers current and returns the scope that undoes it, so
 *       that an interceptor on the consuming dispatcher captures it for every handler call.
 * </ul>
 *
 * <p>An exception from either method is caught and logged; the event still travels, without its
 * context.
 */
public interface TraceContextHeaders {

  /** Writes the current context into {@code headers} of the record that carries {@code event}. */
  void inject(JobEvent event, Headers headers);

  /**
   * Makes the context in {@code headers} current for the publish of {@code event}.
   *
   * @return what undoes it, closed right after the publish; never null ({@code () -> {}} for
   *     nothing)
   */
  Scope extract(JobEvent event, Headers headers);

  /** Undoes what {@link #extract} made current. */
  @FunctionalInterface
  interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
