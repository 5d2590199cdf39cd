package dev.zapjobs.events.micrometer;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.Outcome;
import io.micrometer.observation.Observation;
import java.util.Objects;

/**
 * The {@link Observation.Context} of one handler call, observed by {@link ObservationInterceptor}:
 * the handler, the event, and once the call has settled its {@link Outcome} (a failure is also the
 * context's {@linkplain #getError() error}).
 */
public final class JobEventHandlerContext extends Observation.Context {
  private final HandlerId handler;
  private final JobEvent event;
  private volatile Outcome outcome;

  /** The context of a call of {@code handler} with {@code event}. */
  public JobEventHandlerContext(HandlerId handler, JobEvent event) {
    this.handler = Objects.requireNonNull(handler, "handler");
    this.event = Objects.requireNonNull(event, "event");
  }

  /** The handler method called. */
  public HandlerId getHandler() {
    return handler;
  }

  /** The event it was called with. */
  public JobEvent getEvent() {
    return event;
  }

  /** How the call settled, or {@code null} while it runs. */
  public Outcome getOutcome() {
    return outcome;
  }

  /** Set once, when the call settles, before the observation is stopped. */
  void setOutcome(Outcome outcome) {
    this.outcome = Objects.requireNonNull(outcome, "outcome");
  }
}
