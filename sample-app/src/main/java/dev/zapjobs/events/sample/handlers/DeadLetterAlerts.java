package dev.zapjobs.events.sample.handlers;

import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.OnJobEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises an alert when a run fails for good (dead-lettered). A real one would page someone; this
 * one logs at ERROR and keeps the alerts for the summary.
 */
public final class DeadLetterAlerts {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterAlerts.class);

  private final List<String> alerts = new ArrayList<>();

  /** Creates the handler. */
  public DeadLetterAlerts() {}

  @OnJobEvent
  void onFailed(JobFailed e) {
    if (!e.deadLettered()) {
      return; // will be retried (or given up without a dead letter): nothing to page about
    }
    String alert =
        String.format(
            "%s run %s failed for good after %d attempt(s): %s: %s",
            e.jobTypeId(), e.runId(), e.attempt(), e.error().type(), e.error().message());
    log.error("ALERT {}", alert);
    synchronized (alerts) {
      alerts.add(alert);
    }
  }

  /** The alerts raised so far. */
  public List<String> alerts() {
    synchronized (alerts) {
      return List.copyOf(alerts);
    }
  }
}
