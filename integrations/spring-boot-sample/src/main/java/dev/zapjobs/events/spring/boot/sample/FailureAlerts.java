package dev.zapjobs.events.spring.boot.sample;

import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.OnJobEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Alerts when a job has failed for good. */
@Component
public class FailureAlerts {
  private static final Logger LOG = LoggerFactory.getLogger(FailureAlerts.class);

  private final SampleCounters counters;

  public FailureAlerts(SampleCounters counters) {
    this.counters = counters;
  }

  @OnJobEvent
  void onFailed(JobFailed e) {
    if (e.deadLettered()) {
      LOG.debug("ALERT: {} failed for good: {}", e.jobTypeId(), e.error().message());
      counters.countAlert();
    }
  }
}
