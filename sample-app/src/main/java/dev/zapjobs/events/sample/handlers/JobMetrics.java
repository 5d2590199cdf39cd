package dev.zapjobs.events.sample.handlers;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEnqueued.Trigger;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.OnJobEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-job-type metrics from one handler that takes every event: runs, attempts, outcomes, retries,
 * and the p50/p95 duration of successful attempts. Thread-safe.
 */
public final class JobMetrics {

  /**
   * The metrics of one job type.
   *
   * @param jobTypeId the job type
   * @param runs runs enqueued (retries not counted)
   * @param attempts attempts started
   * @param completed attempts that completed
   * @param failedAttempts attempts that failed
   * @param retries retries scheduled
   * @param deadLettered runs that failed for good
   * @param p50 median duration of completed attempts ({@code Duration.ZERO} if none)
   * @param p95 95th percentile duration of completed attempts ({@code Duration.ZERO} if none)
   */
  public record TypeMetrics(
      String jobTypeId,
      long runs,
      long attempts,
      long completed,
      long failedAttempts,
      long retries,
      long deadLettered,
      Duration p50,
      Duration p95) {}

  private static final class Counters {
    long runs;
    long attempts;
    long completed;
    long failedAttempts;
    long retries;
    long deadLettered;
    final List<Duration> durations = new ArrayList<>();
  }

  private final Map<String, Counters> byType = new TreeMap<>();

  /** Creates empty metrics. */
  public JobMetrics() {}

  @OnJobEvent
  synchronized void on(JobEvent event) {
    Counters c = byType.computeIfAbsent(event.jobTypeId(), id -> new Counters());
    if (event instanceof JobEnqueued e) {
      if (e.trigger() != Trigger.RETRY) {
        c.runs++;
      }
    } else if (event instanceof JobStarted) {
      c.attempts++;
    } else if (event instanceof JobCompleted e) {
      c.completed++;
      c.durations.add(e.duration());
    } else if (event instanceof JobFailed e) {
      c.failedAttempts++;
      if (e.deadLettered()) {
        c.deadLettered++;
      }
    } else if (event instanceof JobRetrying) {
      c.retries++;
    }
  }

  /** The metrics of every job type seen so far, sorted by job type id. */
  public synchronized List<TypeMetrics> snapshot() {
    List<TypeMetrics> result = new ArrayList<>();
    byType.forEach(
        (id, c) -> {
          List<Duration> sorted = new ArrayList<>(c.durations);
          Collections.sort(sorted);
          result.add(
              new TypeMetrics(
                  id,
                  c.runs,
                  c.attempts,
                  c.completed,
                  c.failedAttempts,
                  c.retries,
                  c.deadLettered,
                  percentile(sorted, 0.50),
                  percentile(sorted, 0.95)));
        });
    return result;
  }

  /** The nearest-rank percentile of sorted values; zero for none. */
  static Duration percentile(List<Duration> sorted, double p) {
    if (sorted.isEmpty()) {
      return Duration.ZERO;
    }
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
