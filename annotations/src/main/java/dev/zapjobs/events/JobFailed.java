package dev.zapjobs.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An attempt failed, or a run ended without running.
 *
 * <p>Most failures are {@link Reason#ERROR}: the attempt ran (after a {@link JobStarted}) and
 * threw. A run can also end without running — its trigger was vetoed, it misfired and the scheduler
 * skipped it, the node running it died, or it was cancelled: that is a {@code JobFailed} with the
 * matching {@link #reason()}, so that every run that got a {@link JobEnqueued} ends with a terminal
 * event and an alert on {@code !willRetry()} or {@code deadLettered()} sees it. Such a run has no
 * {@code JobStarted} for that attempt (except {@link Reason#ABANDONED}: it started, then its node
 * died), a zero or measured {@link #duration()}, and an {@link #error()} that says what happened.
 *
 * <pre>{@code
 * JobFailed retrying = JobFailed.builder(run).error(JobError.of(ex)).retryAt(next).build();
 * JobFailed forGood  = JobFailed.builder(run).error(JobError.of(ex)).deadLettered(true).build();
 * }</pre>
 *
 * @param run the run, with the attempt that failed
 * @param timestamp when it failed
 * @param duration how long the attempt ran before it failed; not negative
 * @param error what went wrong
 * @param willRetry whether another attempt will be made
 * @param nextAttemptAt when the next attempt is due; non-null exactly when {@code willRetry}
 * @param deadLettered whether the run failed for good and moved to a dead-letter state, where it
 *     waits for a person (never with {@code willRetry}). Job systems without such a state set it
 *     for every final failure unless told otherwise.
 * @param reason why the attempt failed: {@link Reason#ERROR} when it ran and failed
 */
public record JobFailed(
    JobRun run,
    Instant timestamp,
    Duration duration,
    JobError error,
    boolean willRetry,
    Instant nextAttemptAt,
    boolean deadLettered,
    Reason reason)
    implements JobEvent {

  /** Why an attempt failed. */
  public enum Reason {
    /** The attempt ran and failed: the job threw, or returned a failure. */
    ERROR,
    /** The run was stopped before it ran, by a listener or a rule of the job system (a veto). */
    VETOED,
    /** The run was not started when it was due, and the job system skipped it (a misfire). */
    MISFIRED,
    /**
     * The attempt started, but the worker or node running it stopped without finishing it (for
     * example a dead execution detected by another node).
     */
    ABANDONED,
    /** The run was cancelled or deleted before it finished. */
    CANCELLED
  }

  /** Validates the components and that they agree with each other. */
  public JobFailed {
    Checks.notNull(run, "run");
    Checks.notNull(timestamp, "timestamp");
    Checks.notNegative(duration, "duration");
    Checks.notNull(error, "error");
    Checks.notNull(reason, "reason");
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

  /**
   * A builder for a {@code JobFailed} of {@code run}: timestamp now, duration zero, reason {@link
   * Reason#ERROR}, no retry, not dead-lettered, unless set. The error must be set.
   */
  public static Builder builder(JobRun run) {
    return new Builder(run);
  }

  /** {@code JobFailed[send-invoice run-42 #2 on default, ERROR java.io.IOException: …, final]}. */
  @Override
  public String toString() {
    return "JobFailed["
        + run
        + ", "
        + reason
        + " "
        + error
        + ", "
        + (willRetry ? "retry at " + nextAttemptAt : deadLettered ? "dead-lettered" : "final")
        + ", after "
        + duration
        + ", at "
        + timestamp
        + "]";
  }

  /** Builds a {@link JobFailed}; the record validates on {@link #build()}. */
  public static final class Builder {
    private final JobRun run;
    private Instant timestamp;
    private Duration duration = Duration.ZERO;
    private JobError error;
    private Instant nextAttemptAt;
    private boolean deadLettered;
    private Reason reason = Reason.ERROR;

    private Builder(JobRun run) {
      this.run = Objects.requireNonNull(run, "run");
    }

    /** When it failed; default: when {@link #build()} is called. */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = Checks.notNull(timestamp, "timestamp");
      return this;
    }

    /** How long the attempt ran; default zero. */
    public Builder duration(Duration duration) {
      this.duration = Checks.notNegative(duration, "duration");
      return this;
    }

    /** What went wrong; required. */
    public Builder error(JobError error) {
      this.error = Checks.notNull(error, "error");
      return this;
    }

    /**
     * What went wrong, captured from the throwable; required (this or {@link #error(JobError)}).
     */
    public Builder error(Throwable error) {
      return error(JobError.of(Checks.notNull(error, "error")));
    }

    /** Another attempt will be made at {@code nextAttemptAt}: sets {@code willRetry}. */
    public Builder retryAt(Instant nextAttemptAt) {
      this.nextAttemptAt = Checks.notNull(nextAttemptAt, "nextAttemptAt");
      return this;
    }

    /** Whether the run moved to a dead-letter state; default false. */
    public Builder deadLettered(boolean deadLettered) {
      this.deadLettered = deadLettered;
      return this;
    }

    /** Why it failed; default {@link Reason#ERROR}. */
    public Builder reason(Reason reason) {
      this.reason = Checks.notNull(reason, "reason");
      return this;
    }

    /**
     * The event.
     *
     * @throws NullPointerException if the error was not set
     * @throws IllegalArgumentException if both {@link #retryAt} and {@code deadLettered(true)} were
     *     set
     */
    public JobFailed build() {
      return new JobFailed(
          run,
          timestamp == null ? Checks.now() : timestamp,
          duration,
          error,
          nextAttemptAt != null,
          nextAttemptAt,
          deadLettered,
          reason);
    }
  }
}
