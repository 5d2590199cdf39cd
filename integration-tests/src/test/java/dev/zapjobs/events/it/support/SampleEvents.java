package dev.zapjobs.events.it.support;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One event of each of the five kinds, for one run that fails once and then succeeds. */
public final class SampleEvents {
  private SampleEvents() {}

  /** Enqueued, Started, Failed (will retry), Retrying, Completed — in lifecycle order. */
  public static List<JobEvent> allFive() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    JobRun first = new JobRun(UUID.randomUUID(), "send-invoice", "default", 1, "{\"id\":42}");
    JobError error = JobError.of(new IllegalStateException("mail server down"));
    Instant retryAt = t0.plusSeconds(5);
    return List.of(
        new JobEnqueued(first, t0, null, JobEnqueued.Trigger.API, "billing"),
        new JobStarted(first, t0.plusMillis(1), "worker-1"),
        new JobFailed(first, t0.plusMillis(2), Duration.ofMillis(1), error, true, retryAt, false),
        new JobRetrying(first, t0.plusMillis(3), 2, 3, Duration.ofSeconds(5), retryAt, error),
        new JobCompleted(
            first.withAttempt(2), retryAt, Duration.ofMillis(7), "{\"sent\":true}", 1, 0));
  }
}
