package dev.zapjobs.events.sample.handlers;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.OnJobEvent;
import java.util.concurrent.atomic.LongAdder;

/**
 * Deliberately faulty: throws on every event. The dispatcher catches, logs (rate-limited) and
 * counts each failure; the job that published the event never sees it.
 */
public final class ThrowingHandler {
  private final LongAdder invocations = new LongAdder();

  /** Creates the handler. */
  public ThrowingHandler() {}

  @OnJobEvent
  void on(JobEvent e) {
    invocations.increment();
    throw new IllegalStateException(
        "ThrowingHandler fails on purpose ("
            + e.getClass().getSimpleName()
            + " of "
            + e.jobTypeId()
            + "#"
            + e.attempt()
            + ")");
  }

  /** How many events it was called with (and threw on). */
  public long invocations() {
    return invocations.sum();
  }
}
