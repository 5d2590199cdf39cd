package dev.zapjobs.events.micrometer;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.Outcome;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default names and tags of a handler call's observation.
 *
 * <table>
 *   <caption>Observation of a handler call</caption>
 *   <tr><th>what</th><th>value</th></tr>
 *   <tr><td>name</td><td>{@value #NAME}</td></tr>
 *   <tr><td>contextual name (span name)</td><td>the handler's display name, {@code
 *       Alerts.onFailed(JobFailed)}</td></tr>
 *   <tr><td>low-cardinality {@code handler}</td><td>the handler id, {@code
 *       com.acme.Alerts.onFailed(JobFailed)}</td></tr>
 *   <tr><td>low-cardinality {@code event}</td><td>the event's type, {@code JobFailed}</td></tr>
 *   <tr><td>low-cardinality {@code outcome}</td><td>once settled: {@code DELIVERED}, {@code
 *       THROWN}, {@code STAGE_FAILED} or {@code TIMED_OUT}</td></tr>
 *   <tr><td>high-cardinality {@code zapjobs.run.id}, {@code zapjobs.job.type}, {@code
 *       zapjobs.queue}, {@code zapjobs.attempt}</td><td>from the event's run</td></tr>
 * </table>
 */
public class DefaultJobEventHandlerObservationConvention
    implements JobEventHandlerObservationConvention {

  /** The observation's name (and of the timers a meter handler derives from it). */
  public static final String NAME = "zapjobs.events.handler.execution";

  /** The shared instance. */
  public static final DefaultJobEventHandlerObservationConvention INSTANCE =
      new DefaultJobEventHandlerObservationConvention();

  /** For subclasses; otherwise use {@link #INSTANCE}. */
  protected DefaultJobEventHandlerObservationConvention() {}

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public String getContextualName(JobEventHandlerContext context) {
    return context.getHandler().displayName();
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(JobEventHandlerContext context) {
    KeyValues values =
        KeyValues.of(
            KeyValue.of("handler", context.getHandler().toString()),
            KeyValue.of("event", context.getEvent().getClass().getSimpleName()));
    Outcome outcome = context.getOutcome();
    return outcome == null ? values : values.and("outcome", outcome.name());
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(JobEventHandlerContext context) {
    JobEvent event = context.getEvent();
    return KeyValues.of(
        KeyValue.of("zapjobs.run.id", event.runId()),
        KeyValue.of("zapjobs.job.type", event.jobTypeId()),
        KeyValue.of("zapjobs.queue", event.queue()),
        KeyValue.of("zapjobs.attempt", Integer.toString(event.attempt())));
  }
}
