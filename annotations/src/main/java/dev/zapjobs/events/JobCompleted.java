package dev.zapjobs.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An attempt finished successfully.
 *
 * <pre>{@code
 * JobCompleted e = JobCompleted.builder(run).duration(Duration.ofMillis(420)).output("{\"sent\":3}").build();
 * }</pre>
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
    Checks.notNull(run, "run");
    Checks.notNull(timestamp, "timestamp");
    Checks.notNegative(duration, "duration");
    Checks.notNegative(succeededItems, "succeededItems");
    Checks.notNegative(failedItems, "failedItems");
  }

  /**
   * A builder for a {@code JobCompleted} of {@code run}: timestamp now, duration zero, no output,
   * no item counts, unless set.
   */
  public static Builder builder(JobRun run) {
    return new Builder(run);
  }

  /** {@code JobCompleted[send-invoice run-42 #1 on default, in PT0.42S, at …]}. */
  @Override
  public String toString() {
    return "JobCompleted["
        + run
        + ", in "
        + duration
        + (succeededItems != 0 || failedItems != 0
            ? ", items " + succeededItems + " ok / " + failedItems + " failed"
            : "")
        + ", at "
        + timestamp
        + "]";
  }

  /** Builds a {@link JobCompleted}; the record validates on {@link #build()}. */
  public static final class Builder {
    private final JobRun run;
    private Instant timestamp;
    private Duration duration = Duration.ZERO;
    private String output;
    private long succeededItems;
    private long failedItems;

    private Builder(JobRun run) {
      this.run = Objects.requireNonNull(run, "run");
    }

    /** When it finished; default: when {@link #build()} is called. */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = Checks.notNull(timestamp, "timestamp");
      return this;
    }

    /** How long the attempt ran; default zero. */
    public Builder duration(Duration duration) {
      this.duration = Checks.notNegative(duration, "duration");
      return this;
    }

    /** The output as JSON text; default {@code null}. */
    public Builder output(String output) {
      this.output = output;
      return this;
    }

    /** Items processed successfully; default 0. */
    public Builder succeededItems(long succeededItems) {
      this.succeededItems = Checks.notNegative(succeededItems, "succeededItems");
      return this;
    }

    /** Items that failed without failing the job; default 0. */
    public Builder failedItems(long failedItems) {
      this.failedItems = Checks.notNegative(failedItems, "failedItems");
      return this;
    }

    /** The event. */
    public JobCompleted build() {
      return new JobCompleted(
          run,
          timestamp == null ? Checks.now() : timestamp,
          duration,
          output,
          succeededItems,
          failedItems);
    }
  }
}
