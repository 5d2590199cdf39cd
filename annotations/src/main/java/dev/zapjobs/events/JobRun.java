package dev.zapjobs.events;

import java.util.Objects;
import java.util.UUID;

/**
 * The run of a job that an event is about: shared by every event of that run and attempt.
 *
 * @param runId the run's unique id; every event of one run carries the same id
 * @param jobTypeId the job's type, for example {@code "send-invoice"}; not blank
 * @param queue the queue the run was taken from; not blank
 * @param attempt the attempt number, starting at 1
 * @param input the job's input as JSON text, or {@code null} if it has none
 */
public record JobRun(UUID runId, String jobTypeId, String queue, int attempt, String input) {

  /** Validates the components. */
  public JobRun {
    Objects.requireNonNull(runId, "runId");
    Checks.notBlank(jobTypeId, "jobTypeId");
    Checks.notBlank(queue, "queue");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
  }

  /** Returns this run at another attempt number; everything else unchanged. */
  public JobRun withAttempt(int newAttempt) {
    return new JobRun(runId, jobTypeId, queue, newAttempt, input);
  }
}
