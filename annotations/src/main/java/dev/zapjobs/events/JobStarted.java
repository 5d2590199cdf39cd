package dev.zapjobs.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A worker picked up a run and started an attempt.
 *
 * @param run the run, with the attempt that starts
 * @param timestamp when the attempt started
 * @param workerId the worker that runs it; not blank
 */
public record JobStarted(JobRun run, Instant timestamp, String workerId) implements JobEvent {

  /** Validates the components. */
  public JobStarted {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(timestamp, "timestamp");
    Checks.notBlank(workerId, "workerId");
  }
}
