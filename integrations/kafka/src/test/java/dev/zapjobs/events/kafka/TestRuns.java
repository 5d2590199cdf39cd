package dev.zapjobs.events.kafka;

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
import java.util.ArrayList;
import java.util.List;

/** Runs as a job system emits them, and where each event stands in its run. */
final class TestRuns {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  private TestRuns() {}

  /**
   * The events of one run that takes {@code attempts} attempts: every attempt but the last fails
   * and is retried; the last completes, or fails for good (dead-lettered) if {@code succeeds} is
   * false. {@code 4 * attempts - 1} events.
   */
  static List<JobEvent> run(String runId, String jobType, int attempts, boolean succeeds) {
    List<JobEvent> events = new ArrayList<>();
    JobRun run = JobRun.of(runId, jobType).withQueue("q-" + (runId.hashCode() & 3));
    Instant t = T0;
    JobError error = JobError.of("java.io.IOException", "attempt failed");
    events.add(JobEnqueued.builder(run).timestamp(t).triggeredBy("test").build());
    for (int attempt = 1; attempt <= attempts; attempt++) {
      JobRun current = run.withAttempt(attempt);
      events.add(JobStarted.builder(current).timestamp(t = t.plusMillis(1)).workerId("w").build());
      t = t.plusMillis(5);
      if (attempt < attempts) {
        Instant due = t.plusMillis(10);
        events.add(JobFailed.builder(current).timestamp(t).error(error).retryAt(due).build());
        events.add(
            JobRetrying.builder(current)
                .timestamp(t)
                .maxAttempts(attempts)
                .delay(Duration.ofMillis(10))
                .lastError(error)
                .build());
        events.add(
            JobEnqueued.builder(current.withAttempt(attempt + 1))
                .timestamp(t)
                .dueAt(due)
                .trigger(JobEnqueued.Trigger.RETRY)
                .build());
        t = due;
      } else if (succeeds) {
        events.add(
            JobCompleted.builder(current).timestamp(t).duration(Duration.ofMillis(5)).build());
      } else {
        events.add(
            JobFailed.builder(current)
                .timestamp(t)
                .duration(Duration.ofMillis(5))
                .error(error)
                .deadLettered(true)
                .build());
      }
    }
    return events;
  }

  /** The position of {@code e} in its run: 0 for the first {@code JobEnqueued}, and so on. */
  static int sequenceOf(JobEvent e) {
    int base = 4 * (e.attempt() - 1);
    if (e instanceof JobEnqueued) {
      // a retry's JobEnqueued carries the next attempt: it follows the JobRetrying of the last one
      return base;
    } else if (e instanceof JobStarted) {
      return base + 1;
    } else if (e instanceof JobRetrying) {
      return base + 3;
    }
    return base + 2; // JobFailed, JobCompleted
  }
}
