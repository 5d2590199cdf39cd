package dev.zapjobs.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A run was put on its queue.
 *
 * <pre>{@code
 * JobEnqueued e = JobEnqueued.builder(run).trigger(JobEnqueued.Trigger.SCHEDULE).build();
 * }</pre>
 *
 * @param run the run
 * @param timestamp when it was enqueued
 * @param dueAt when it is due to run, or {@code null} for "as soon as possible"
 * @param trigger what caused it to be enqueued
 * @param triggeredBy who or what triggered it (a user, a schedule's name, a parent run), or {@code
 *     null} if unknown
 */
public record JobEnqueued(
    JobRun run, Instant timestamp, Instant dueAt, Trigger trigger, String triggeredBy)
    implements JobEvent {

  /** What caused a run to be enqueued. */
  public enum Trigger {
    /** A person asked for it. */
    MANUAL,
    /** A schedule (cron, interval) fired. */
    SCHEDULE,
    /** Application code or an API call enqueued it. */
    API,
    /** A failed attempt is being retried. */
    RETRY,
    /** Another job's completion enqueued it. */
    CONTINUATION
  }

  /** Validates the components. */
  public JobEnqueued {
    Checks.notNull(run, "run");
    Checks.notNull(timestamp, "timestamp");
    Checks.notNull(trigger, "trigger");
  }

  /**
   * A builder for a {@code JobEnqueued} of {@code run}: timestamp now, due as soon as possible,
   * trigger {@link Trigger#API}, triggered by nobody known, unless set.
   */
  public static Builder builder(JobRun run) {
    return new Builder(run);
  }

  /** {@code JobEnqueued[send-invoice run-42 #1 on default, API, due now]}. */
  @Override
  public String toString() {
    return "JobEnqueued["
        + run
        + ", "
        + trigger
        + (triggeredBy == null ? "" : " by " + triggeredBy)
        + ", due "
        + (dueAt == null ? "now" : dueAt)
        + ", at "
        + timestamp
        + "]";
  }

  /** Builds a {@link JobEnqueued}; the record validates on {@link #build()}. */
  public static final class Builder {
    private final JobRun run;
    private Instant timestamp;
    private Instant dueAt;
    private Trigger trigger = Trigger.API;
    private String triggeredBy;

    private Builder(JobRun run) {
      this.run = Objects.requireNonNull(run, "run");
    }

    /** When it was enqueued; default: when {@link #build()} is called. */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = Checks.notNull(timestamp, "timestamp");
      return this;
    }

    /** When it is due; {@code null} (the default) for as soon as possible. */
    public Builder dueAt(Instant dueAt) {
      this.dueAt = dueAt;
      return this;
    }

    /** What caused it; default {@link Trigger#API}. */
    public Builder trigger(Trigger trigger) {
      this.trigger = Checks.notNull(trigger, "trigger");
      return this;
    }

    /** Who or what triggered it, or {@code null} (the default) if unknown. */
    public Builder triggeredBy(String triggeredBy) {
      this.triggeredBy = triggeredBy;
      return this;
    }

    /** The event. */
    public JobEnqueued build() {
      return new JobEnqueued(
          run, timestamp == null ? Checks.now() : timestamp, dueAt, trigger, triggeredBy);
    }
  }
}
