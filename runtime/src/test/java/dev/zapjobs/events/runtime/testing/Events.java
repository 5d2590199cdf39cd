package dev.zapjobs.events.runtime.testing;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/** Event fixtures for runtime tests. */
public final class Events {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Events() {}

  public static JobRun run(String id, int attempt) {
    return new JobRun(id, "test-job", "default", attempt, "{\"n\":1}");
  }

  public static JobEnqueued enqueued(String id) {
    return new JobEnqueued(run(id, 1), T0, null, JobEnqueued.Trigger.API, "test");
  }

  public static JobStarted started(String id, int attempt) {
    return new JobStarted(run(id, attempt), T0, "worker-1");
  }

  public static JobCompleted completed(String id, int attempt) {
    return new JobCompleted(run(id, attempt), T0, Duration.ofMillis(5), "{}", 1, 0);
  }

  public static JobFailed failed(String id, int attempt, boolean willRetry) {
    return new JobFailed(
        run(id, attempt),
        T0,
        Duration.ofMillis(5),
        JobError.of(new IllegalStateException("boom")),
        willRetry,
        willRetry ? T0.plusSeconds(1) : null,
        !willRetry,
        JobFailed.Reason.ERROR);
  }

  public static JobRetrying retrying(String id, int failedAttempt) {
    return new JobRetrying(
        run(id, failedAttempt),
        T0,
        failedAttempt + 1,
        OptionalInt.of(Math.max(5, failedAttempt + 1)),
        Duration.ofSeconds(1),
        T0.plusSeconds(1),
        JobError.of(new IllegalStateException("boom")));
  }

  /** One of each of the five kinds, for one run. */
  public static List<JobEvent> allFive(String id) {
    return List.of(
        enqueued(id), started(id, 1), failed(id, 1, true), retrying(id, 1), completed(id, 2));
  }

  private static final AtomicLong NEXT_RUN = new AtomicLong(1_000_000);

  /** A run id not used before in this JVM. */
  public static String newRunId() {
    return "run-" + NEXT_RUN.incrementAndGet();
  }

  /** The run id of run number {@code index} (see {@link #runIndex}). */
  public static String runId(int index) {
    return "run-" + index;
  }

  /** The index of a run made by {@link #runId(int)}. */
  public static int runIndex(JobEvent e) {
    return Integer.parseInt(e.runId().substring(4));
  }

  /**
   * Event number {@code seq} (1-based) of run {@code index}: its kind cycles through the five kinds
   * with {@code seq}, and {@code seq} is its {@link JobEvent#attempt()}, so a handler can check the
   * order it receives a run's events in.
   */
  public static JobEvent numbered(int index, int seq) {
    String id = runId(index);
    return switch (kindOf(seq)) {
      case 0 -> new JobEnqueued(run(id, seq), T0, null, JobEnqueued.Trigger.API, "test");
      case 1 -> started(id, seq);
      case 2 -> completed(id, seq);
      case 3 -> failed(id, seq, true);
      default -> retrying(id, seq);
    };
  }

  /**
   * The kind (0 enqueued, 1 started, 2 completed, 3 failed, 4 retrying) of event {@code seq} made
   * by {@link #numbered}.
   */
  public static int kindOf(int seq) {
    return seq % 5;
  }
}
