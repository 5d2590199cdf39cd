package dev.zapjobs.events.micrometer;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Builders of dispatchers that deliver to the given test handler classes only (each test class has
 * its own), with the instances given, and the events the tests publish.
 */
final class TestDispatchers {
  private TestDispatchers() {}

  /** A builder bound to the generated bindings of the instances' classes, resolving to them. */
  static JobEventDispatcher.Builder builder(Object... handlers) {
    Map<Class<?>, Object> byClass = new java.util.HashMap<>();
    for (Object h : handlers) {
      byClass.put(h.getClass(), h);
    }
    List<HandlerBinding> bindings = new ArrayList<>();
    for (HandlerBinding b : ServiceLoader.load(HandlerBinding.class)) {
      if (byClass.containsKey(b.handlerClass())) {
        bindings.add(b);
      }
    }
    if (bindings.size() != byClass.size()) {
      throw new IllegalStateException(
          "missing generated bindings for " + byClass.keySet() + "; did the processor run?");
    }
    return JobEventDispatcher.builder()
        .addBinding(bindings.toArray(new HandlerBinding[0]))
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
