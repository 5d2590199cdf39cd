package dev.zapjobs.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A failed run was scheduled for another attempt.
 *
 * <p>{@link #run()} carries the attempt that failed ({@link #failedAttempt()}); {@link
 * #nextAttempt()} is the attempt that will run at {@link #dueAt()}.
 *
 * <pre>{@code
 * JobRetrying e = JobRetrying.builder(run).delay(Duration.ofSeconds(30)).maxAttempts(5)
 *     .lastError(JobError.of(ex)).build();
 * }</pre>
 *
 * @param run the run, with the attempt that failed
 * @param timestamp when the retry was scheduled
 * @param nextAttempt the number of the next attempt; greater than the failed one
 * @param maxAttempts the retry limit, the highest attempt number that will be tried, if the job
 *     system knows it; empty if it does not (a retry policy in user code, a limit it keeps private)
 * @param delay the back-off before the next attempt; not negative
 * @param dueAt when the next attempt is due
 * @param lastError the error of the failed attempt
 */
public record JobRetrying(
    JobRun run,
    Instant timestamp,
    int nextAttempt,
    OptionalInt maxAttempts,
    Duration delay,
    Instant dueAt,
    JobError lastError)
    implements JobEvent {

  /** Validates the components and that they agree with each other. */
  public JobRetrying {
    Checks.notNull(run, "run");
    Checks.notNull(timestamp, "timestamp");
    if (nextAttempt <= run.attempt()) {
      throw new IllegalArgumentException(
          "nextAttempt must be greater than the failed attempt "
              + run.attempt()
              + ", was "
              + nextAttempt);
    }
    Checks.notNull(maxAttempts, "maxAttempts");
    if (maxAttempts.isPresent() && maxAttempts.getAsInt() < nextAttempt) {
      throw new IllegalArgumentException(
          "maxAttempts must be >= nextAttempt " + nextAttempt + ", was " + maxAttempts.getAsInt());
    }
    Checks.notNegative(delay, "delay");
    Checks.notNull(dueAt, "dueAt");
    Checks.notNull(lastError, "lastError");
  }

  /** The attempt that failed: the same as {@link #attempt()}. */
  public int failedAttempt() {
    return run.attempt();
  }

  /**
   * A builder for a {@code JobRetrying} of {@code run} (the failed attempt): timestamp now, next
   * attempt the failed one + 1, retry limit unknown, no delay, unless set. The last error must be
   * set. {@code dueAt} defaults to timestamp + delay; if only {@code dueAt} is set, the delay is
   * the time from the timestamp to it.
   */
  public static Builder builder(JobRun run) {
    return new Builder(run);
  }

  /** {@code JobRetrying[send-invoice run-42 #2 on default, attempt 3 of 5 at …]}. */
  @Override
  public String toString() {
    return "JobRetrying["
        + run
        + ", attempt "
        + nextAttempt
        + (maxAttempts.isPresent() ? " of " + maxAttempts.getAsInt() : "")
        + " at "
        + dueAt
        + " (in "
        + delay
        + "), after "
        + lastError
        + "]";
  }

  /** Builds a {@link JobRetrying}; the record validates on {@link #build()}. */
  public static final class Builder {
    private final JobRun run;
    private Instant timestamp;
    private int nextAttempt;
    private OptionalInt maxAttempts = OptionalInt.empty();
    private Duration delay;
    private Instant dueAt;
    private JobError lastError;

    private Builder(JobRun run) {
      this.run = Objects.requireNonNull(run, "run");
      this.nextAttempt = run.attempt() + 1;
    }

    /** When the retry was scheduled; default: when {@link #build()} is called. */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = Checks.notNull(timestamp, "timestamp");
      return this;
    }

    /** The next attempt's number; default the failed attempt + 1. */
    public Builder nextAttempt(int nextAttempt) {
      this.nextAttempt = nextAttempt;
      return this;
    }

    /** The retry limit (the highest attempt that will be tried); default unknown. */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = OptionalInt.of(maxAttempts);
      return this;
    }

    /** The back-off before the next attempt; default zero, or the time until {@link #dueAt}. */
    public Builder delay(Duration delay) {
      this.delay = Checks.notNegative(delay, "delay");
      return this;
    }

    /** When the next attempt is due; default timestamp + delay. */
    public Builder dueAt(Instant dueAt) {
      this.dueAt = Checks.notNull(dueAt, "dueAt");
      return this;
    }

    /** The error of the failed attempt; required. */
    public Builder lastError(JobError lastError) {
      this.lastError = Checks.notNull(lastError, "lastError");
      return this;
    }

    /** The error of the failed attempt, captured from the throwable; required. */
    public Builder lastError(Throwable lastError) {
      return lastError(JobError.of(Checks.notNull(lastError, "lastError")));
    }

    /**
     * The event.
     *
     * @throws NullPointerException if the last error was not set
     * @throws IllegalArgumentException if a field is invalid or they disagree (the message names
     *     the field)
     */
    public JobRetrying build() {
      Instant ts = timestamp == null ? Checks.now() : timestamp;
      Duration d = delay;
      Instant due = dueAt;
      if (d == null) {
        d = due == null ? Duration.ZERO : Duration.between(ts, due);
      }
      if (due == null) {
        due = ts.plus(d);
      }
      return new JobRetrying(run, ts, nextAttempt, maxAttempts, d, due, lastError);
    }
  }
}
