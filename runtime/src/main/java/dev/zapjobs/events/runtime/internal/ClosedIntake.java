package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobEvent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** Counts (and logs, at most once a second) the events published after close: refused. */
final class ClosedIntake {
  private final LongAdder refused = new LongAdder();
  private final RateLimitedLog log = new RateLimitedLog(1, TimeUnit.SECONDS);

  /** Refuses {@code e}: counted, and logged unless the rate limit holds the line back. */
  void refuse(JobEvent e) {
    refused.increment();
    long held = log.tryAcquire();
    if (held >= 0) {
      Log.get()
          .warn(
              "Event {} of run {} published after the dispatcher was closed: refused{}. Close"
                  + " the dispatcher only after the job system that publishes to it has stopped",
              e.getClass().getSimpleName(),
              e.runId(),
              held > 0 ? " (" + held + " more since the last warning)" : "");
    }
  }

  /** Events refused so far. */
  long refused() {
    return refused.sum();
  }
}
