package dev.zapjobs.events.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a handler call; implement it (or extend {@link
 * DefaultJobEventHandlerObservationConvention}) to change them, and pass it to {@link
 * ObservationInterceptor#ObservationInterceptor(io.micrometer.observation.ObservationRegistry,
 * JobEventHandlerObservationConvention)}.
 */
public interface JobEventHandlerObservationConvention
    extends ObservationConvention<JobEventHandlerContext> {

  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof JobEventHandlerContext;
  }
}
