package dev.zapjobs.events;

import java.time.Instant;

/**
 * A job lifecycle event. Exactly five kinds exist: {@link JobEnqueued}, {@link JobStarted}, {@link
 * JobCompleted}, {@link JobFailed} and {@link JobRetrying}.
 *
 * <p>Every event carries the {@link JobRun} it belongs to and the instant it happened; the default
 * accessors ({@link #runId()}, {@link #jobTypeId()}, …) read through to the run so that handlers
 * stay short. Events are immutable records, safe to share across threads.
 */
public sealed interface JobEvent
    permits JobEnqueued, JobStarted, JobCompleted, JobFailed, JobRetrying {

  /** The run this event belongs to. */
  JobRun run();

  /** When the event happened. */
  Instant timestamp();

  /** The run's id: the job system's own, the same for every event of the run. */
  default String runId() {
    return run().runId();
  }

  /** The job's type id. */
  default String jobTypeId() {
    return run().jobTypeId();
  }

  /** The queue of the run. */
  default String queue() {
    return run().queue();
  }

  /** The attempt number, starting at 1. */
  default int attempt() {
    return run().attempt();
  }

  /** The job's input as JSON text, or {@code null}. */
  default String input() {
    return run().input();
  }
}
