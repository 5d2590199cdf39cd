package dev.zapjobs.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A run was put on its queue.
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
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(trigger, "trigger");
  }
}
