package dev.zapjobs.events.test.readme;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.OnJobEvent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

final class Alerts {
  private final Slack slack;

  Alerts(Slack slack) { // built by your DI container (with @Inject), or by hand
    this.slack = slack;
  }

  @OnJobEvent
  void onFailed(JobFailed e) { // package-private is fine
    if (e.deadLettered()) {
      slack.post(e.jobTypeId() + " failed for good: " + e.error().message());
    }
  }
}

final class Metrics {
  private final MetricStore store;

  Metrics(MetricStore store) {
    this.store = store;
  }

  @OnJobEvent
  static void any(JobEvent e) {
    /* every event */
  }

  @OnJobEvent
  CompletableFuture<Void> done(JobCompleted e) { // async: counted when it completes
    return store.recordAsync(e.jobTypeId(), e.duration());
  }
}

interface Slack { // your own types
  void post(String message);
}

interface MetricStore {
  CompletableFuture<Void> recordAsync(String jobTypeId, Duration duration);
}
