package dev.zapjobs.events.test;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.Outcome;
import java.util.Objects;

/**
 * One settled call of a handler method, as the dispatcher reported it: see {@link
 * JobEventsExtension#calls()}.
 *
 * @param handler the handler method
 * @param event the event it was called with
 * @param outcome delivered, or how it failed
 * @param failure what it threw (or its stage failed with), or {@code null} when delivered
 */
public record HandlerCall(HandlerId handler, JobEvent event, Outcome outcome, Throwable failure) {

  /** Checks the components. */
  public HandlerCall {
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** True unless the call was {@link Outcome#DELIVERED delivered}. */
  public boolean failed() {
    return outcome.isFailure();
  }

  /** {@code Alerts.onFailed(JobFailed) THROWN on JobFailed[...]: java.io.IOException: ...}. */
  @Override
  public String toString() {
    return handler.displayName()
        + " "
        + outcome
        + " on "
        + event
        + (failure == null ? "" : ": " + failure);
  }
}
