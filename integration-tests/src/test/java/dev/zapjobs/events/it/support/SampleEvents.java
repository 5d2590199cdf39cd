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
    JobRun first = JobRun.of(UUID.randomUUID().toString(), "send-invoice").withInput("{\"id\":42}");
    JobError error = JobError.of(new IllegalStateException("mail server down"));
    Instant retryAt = t0.plusSeconds(5);
    return List.of(
        new JobEnqueued(first, t0, null, JobEnqueued.Trigger.API, "billing"),
        new JobStarted(first, t0.plusMillis(1), "worker-1"),
        JobFailed.builder(first)
            .timestamp(t0.plusMillis(2))
            .duration(Duration.ofMillis(1))
            .error(error)
            .retryAt(retryAt)
            .build(),
        JobRetrying.builder(first)
            .timestamp(t0.plusMillis(3))
            .maxAttempts(3)
            .delay(Duration.ofSeconds(5))
            .dueAt(retryAt)
            .lastError(error)
            .build(),
        new JobCompleted(
            first.withAttempt(2), retryAt, Duration.ofMillis(7), "{\"sent\":true}", 1, 0));
  }
}
