package dev.zapjobs.events.sample.runner;

import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobRun;
import java.time.Instant;
import java.util.Objects;

/**
 * A run that failed its last allowed attempt and was parked in the dead-letter list.
 *
 * @param run the run, with its last attempt
 * @param at when it was dead-lettered
 * @param error the error of the last attempt
 */
public record DeadLetter(JobRun run, Instant at, JobError error) {

  /** Validates the components. */
  public DeadLetter {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(error, "error");
  }
}
