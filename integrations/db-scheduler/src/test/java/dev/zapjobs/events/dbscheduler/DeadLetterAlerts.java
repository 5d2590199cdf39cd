package dev.zapjobs.events.dbscheduler;

import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.OnJobEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The README's alert: fires on runs that fail for good. */
public final class DeadLetterAlerts {
  private final List<String> alerts = new CopyOnWriteArrayList<>();

  @OnJobEvent
  void onFailed(JobFailed e) {
    if (e.deadLettered()) {
      alerts.add(e.runId());
    }
  }

  /** The run ids alerted on. */
  public List<String> alerts() {
    return List.copyOf(alerts);
  }
}
