package dev.zapjobs.events.spring.boot.sample.shared;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.OnJobEvent;
import dev.zapjobs.events.spring.boot.sample.SampleCounters;

/**
 * A handler class as it might come from a shared jar: not a bean (no @Component). The starter
 * creates it through the bean factory, which injects its constructor's arguments
 * (zapjobs.events.handlers.fallback=create, the default).
 */
public class ThroughputMeter {
  private final SampleCounters counters;

  public ThroughputMeter(SampleCounters counters) {
    this.counters = counters;
  }

  @OnJobEvent
  void onCompleted(JobCompleted e) {
    counters.countMetered();
  }
}
