package dev.zapjobs.events.micrometer;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.util.HashMap;
import java.util.Map;

/**
 * Builders of dispatchers that deliver to the given test handler classes only (each test class has
 * its own), with the instances given, and the events the tests publish.
 */
final class TestDispatchers {
  private TestDispatchers() {}

  /** A builder that delivers to the instances' classes only, resolving each to its instance. */
  static JobEventDispatcher.Builder builder(Object... handlers) {
    Map<Class<?>, Object> byClass = new HashMap<>();
    for (Object h : handlers) {
      byClass.put(h.getClass(), h);
    }
    return JobEventDispatcher.builder()
        .handlerFilter(byClass::containsKey)
        .handlerResolver(byClass::get);
  }

  static JobStarted started(String runId) {
    return JobStarted.builder(JobRun.of(runId, "report.nightly")).build();
  }

  static JobCompleted completed(String runId) {
    return JobCompleted.builder(JobRun.of(runId, "report.nightly")).build();
  }

  static JobFailed failed(String runId) {
    return JobFailed.builder(JobRun.of(runId, "report.nightly"))
        .error(JobError.of("java.io.IOException", "disk full"))
        .build();
  }
}
