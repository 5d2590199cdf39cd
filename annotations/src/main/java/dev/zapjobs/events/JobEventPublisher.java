package dev.zapjobs.events;

/**
 * What a job system needs to emit events: one method. The ZapJobs Events dispatcher implements it;
 * tests can pass {@link #noop()} or a recording lambda ({@code events::add}).
 *
 * <p>Implementations must not block the caller and must not throw because of a handler.
 */
@FunctionalInterface
public interface JobEventPublisher {

  /** Hands an event over for delivery. Returns at once. */
  void publish(JobEvent event);

  /** A publisher that discards every event. */
  static JobEventPublisher noop() {
    return event -> {};
  }
}
