package dev.zapjobs.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A failed run was scheduled for another attempt.
 *
 * <p>{@link #run()} carries the attempt that failed ({@link #failedAttempt()}); {@link
 * #nextAttempt()} is the attempt that will run at {@link #dueAt()}.
 *
 * @param run the run, with the attempt that failed
 * @param timestamp when the retry was scheduled
 * @param nextAttempt the number of the next attempt; greater than the failed one
 * @param maxAttempts the retry limit: the highest attempt number that will be tried
 * @param delay the back-off before the next attempt; not negative
 * @param dueAt when the next attempt is due
 * @param lastError the error of the failed attempt
 */
public record JobRetrying(
    JobRun run,
    Instant timestamp,
    int nextAttempt,
    int maxAttempts,
    Duration delay,
    Instant dueAt,
    JobError lastError)
    implements JobEvent {

  /** Validates the components and that they agree with each other. */
  public JobRetrying {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(timestamp, "timestamp");
    if (nextAttempt <= run.attempt()) {
      throw new IllegalArgumentException(
          "nextAttempt must be greater than the failed attempt "
              + run.attempt()
              + ", was "
              + nextAttempt);
    }
    if (maxAttempts < nextAttempt) {
      throw new IllegalArgumentException(
          "maxAttempts must be >= nextAttempt " + nextAttempt + ", was " + maxAttempts);
    }
    Checks.notNegative(delay, "delay");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(lastError, "lastError");
  }

  /** The attempt that failed: the same as {@link #attempt()}. */
  public int failedAttempt() {
    return run.attempt();
  }
}
