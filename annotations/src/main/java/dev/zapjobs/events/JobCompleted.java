package dev.zapjobs.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An attempt finished successfully.
 *
 * @param run the run, with the attempt that succeeded
 * @param timestamp when it finished
 * @param duration how long the attempt ran; not negative
 * @param output the job's output as JSON text, or {@code null}
 * @param succeededItems how many items the job processed successfully (0 if it does not count)
 * @param failedItems how many items failed without failing the job (0 if it does not count)
 */
public record JobCompleted(
    JobRun run,
    Instant timestamp,
    Duration duration,
    String output,
    long succeededItems,
    long failedItems)
    implements JobEvent {

  /** Validates the components. */
  public JobCompleted {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(timestamp, "timestamp");
    Checks.notNegative(duration, "duration");
    Checks.notNegative(succeededItems, "succeededItems");
    Checks.notNegative(failedItems, "failedItems");
  }
}
