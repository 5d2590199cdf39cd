package dev.zapjobs.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A worker picked up a run and started an attempt.
 *
 * <pre>{@code
 * JobStarted e = JobStarted.builder(run).workerId("node-1/worker-3").build();
 * }</pre>
 *
 * @param run the run, with the attempt that starts
 * @param timestamp when the attempt started
 * @param workerId the worker that runs it; not blank
 */
public record JobStarted(JobRun run, Instant timestamp, String workerId) implements JobEvent {

  /** Validates the components. */
  public JobStarted {
    Checks.notNull(run, "run");
    Checks.notNull(timestamp, "timestamp");
    Checks.notBlank(workerId, "workerId");
  }

  /**
   * A builder for a {@code JobStarted} of {@code run}: timestamp now, worker the name of the thread
   * that calls {@link Builder#build()}, unless set.
   */
  public static Builder builder(JobRun run) {
    return new Builder(run);
  }

  /** {@code JobStarted[send-invoice run-42 #1 on default, worker w-3, at …]}. */
  @Override
  public String toString() {
    return "JobStarted[" + run + ", worker " + workerId + ", at " + timestamp + "]";
  }

  /** Builds a {@link JobStarted}; the record validates on {@link #build()}. */
  public static final class Builder {
    private final JobRun run;
    private Instant timestamp;
    private String workerId;

    private Builder(JobRun run) {
      this.run = Objects.requireNonNull(run, "run");
    }

    /** When the attempt started; default: when {@link #build()} is called. */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = Checks.notNull(timestamp, "timestamp");
      return this;
    }

    /** The worker that runs it; default: the name of the thread that calls {@link #build()}. */
    public Builder workerId(String workerId) {
      this.workerId = Checks.notBlank(workerId, "workerId");
      return this;
    }

    /** The event. */
    public JobStarted build() {
      return new JobStarted(
          run,
          timestamp == null ? Checks.now() : timestamp,
          workerId == null ? Thread.currentThread().getName() : workerId);
    }
  }
}
