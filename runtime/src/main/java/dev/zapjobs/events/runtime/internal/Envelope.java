package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobEvent;

/**
 * An event with what the interceptors captured on its publishing thread. Made by {@code publish}
 * only when an interceptor is registered and captured something; without interceptors the rings
 * carry the bare {@link JobEvent}, so that publishing allocates nothing.
 */
final class Envelope {
  final JobEvent event;

  /** What {@link Interceptors#capture} returned: one object, or one per interceptor. */
  final Object captured;

  Envelope(JobEvent event, Object captured) {
    this.event = event;
    this.captured = captured;
  }

  /** The event of a ring element: a bare event or an envelope. */
  static JobEvent eventOf(Object item) {
    return item instanceof Envelope envelope ? envelope.event : (JobEvent) item;
  }

  /** What was captured for a ring element, or null for a bare event. */
  static Object capturedOf(Object item) {
    return item instanceof Envelope envelope ? envelope.captured : null;
  }
}
