package dev.zapjobs.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An attempt failed.
 *
 * @param run the run, with the attempt that failed
 * @param timestamp when it failed
 * @param duration how long the attempt ran before it failed; not negative
 * @param error what went wrong
 * @param willRetry whether another attempt will be made
 * @param nextAttemptAt when the next attempt is due; non-null exactly when {@code willRetry}
 * @param deadLettered whether the run moved to the dead-letter state (never with {@code willRetry})
 */
public record JobFailed(
    JobRun run,
    Instant timestamp,
    Duration duration,
    JobError error,
    boolean willRetry,
    Instant nextAttemptAt,
    boolean deadLettered)
    implements JobEvent {

  /** Validates the components and that they agree with each other. */
  public JobFailed {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(timestamp, "timestamp");
    Checks.notNegative(duration, "duration");
    Objects.requireNonNull(error, "error");
    if (willRetry && nextAttemptAt == null) {
      throw new IllegalArgumentException("nextAttemptAt must be set when willRetry is true");
    }
    if (!willRetry && nextAttemptAt != null) {
      throw new IllegalArgumentException("nextAttemptAt must be null when willRetry is false");
    }
    if (willRetry && deadLettered) {
      throw new IllegalArgumentException("deadLettered must be false when willRetry is true");
    }
  }
}
