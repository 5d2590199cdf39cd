package dev.zapjobs.events.quartz.internal;

import dev.zapjobs.events.JobRun;
import java.time.Instant;

/**
 * One Quartz fire as the adapter follows it, kept in the fire's {@code JobExecutionContext}: the
 * run and the attempt it is at (a refire moves it on), and where the attempt is in its life. Only
 * the worker thread running the fire touches it.
 */
final class Fire {
  /** Where the current attempt is. */
  enum Phase {
    /** Enqueued (published), not started: a veto or a failing listener may still end it. */
    WAITING,
    /** Started (published), not finished. */
    STARTED,
    /** Its terminal event is published; nothing more comes from this fire. */
    DONE
  }

  private JobRun run;
  private final String triggeredBy;
  private Instant startedAt;
  private Phase phase = Phase.WAITING;

  Fire(JobRun run, String triggeredBy) {
    this.run = run;
    this.triggeredBy = triggeredBy;
  }

  JobRun run() {
    return run;
  }

  String triggeredBy() {
    return triggeredBy;
  }

  Instant startedAt() {
    return startedAt;
  }

  Phase phase() {
    return phase;
  }

  void started(Instant at) {
    startedAt = at;
    phase = Phase.STARTED;
  }

  /** Quartz re-executes this fire at once ({@code refireImmediately}) as {@code next}. */
  void refired(JobRun next) {
    run = next;
    startedAt = null;
    phase = Phase.WAITING;
  }

  void done() {
    phase = Phase.DONE;
  }
}
