package dev.zapjobs.events.micrometer;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.HandlerCallInterceptor;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.Outcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * Observes each handler call as a Micrometer {@link Observation} named {@value
 * DefaultJobEventHandlerObservationConvention#NAME}: started just before the method is called, in
 * scope on the handler thread while the method runs, stopped when the call settles (for an
 * asynchronous handler: when its stage completes or times out) with its {@code outcome} and, on
 * failure, the error.
 *
 * <p>The observation that is current on the job thread at {@code publish} becomes the parent of
 * every handler call's observation, so with a tracing bridge (Micrometer Tracing with OpenTelemetry
 * or Brave) each handler call is a child span of the job's span, even on another thread:
 *
 * <pre>{@code
 * JobEventDispatcher dispatcher = JobEventDispatcher.builder()
 *     .interceptor(new ObservationInterceptor(observationRegistry))
 *     .build();
 * }</pre>
 *
 * <p>With a no-op registry it does nothing and allocates nothing.
 */
public final class ObservationInterceptor implements HandlerCallInterceptor {
  private static final Call NO_CALL = () -> {};

  private final ObservationRegistry registry;
  private final JobEventHandlerObservationConvention convention;

  /** Observes handler calls in {@code registry} with the default convention. */
  public ObservationInterceptor(ObservationRegistry registry) {
    this(registry, null);
  }

  /**
   * Observes handler calls in {@code registry}; {@code convention} (if not {@code null}) names and
   * tags them instead of {@link DefaultJobEventHandlerObservationConvention}, unless the registry
   * configures a global convention for {@link JobEventHandlerContext}.
   */
  public ObservationInterceptor(
      ObservationRegistry registry, JobEventHandlerObservationConvention convention) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.convention = convention;
  }

  /** On the publishing thread: the current observation, the parent of the handler calls'. */
  @Override
  public Object capture(JobEvent event) {
    return registry.isNoop() ? null : registry.getCurrentObservation();
  }

  @Override
  public Call enter(HandlerId handler, JobEvent event, Object captured) {
    if (registry.isNoop()) {
      return NO_CALL;
    }
    JobEventHandlerContext context = new JobEventHandlerContext(handler, event);
    Observation observation =
        Observation.createNotStarted(
            convention,
            DefaultJobEventHandlerObservationConvention.INSTANCE,
            () -> context,
            registry);
    // Explicitly, not from the handler thread: there the job's observation is current only if
    // another interceptor restored it.
    observation.parentObservation((Observation) captured);
    observation.start();
    return new ObservedCall(observation, observation.openScope(), context);
  }

  /** One handler call's observation and its scope on the handler thread. */
  private static final class ObservedCall implements Call {
    private final Observation observation;
    private final Observation.Scope scope;
    private final JobEventHandlerContext context;

    ObservedCall(Observation observation, Observation.Scope scope, JobEventHandlerContext context) {
      this.observation = observation;
      this.scope = scope;
      this.context = context;
    }

    @Override
    public void close() {
      scope.close();
    }

    @Override
    public void settled(Outcome outcome, long durationNanos, Throwable failure) {
      context.setOutcome(outcome);
      if (failure != null) {
        observation.error(failure);
      }
      observation.stop();
    }
  }
}
