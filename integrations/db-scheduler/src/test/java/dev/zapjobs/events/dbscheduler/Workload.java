package dev.zapjobs.events.dbscheduler;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The jobs the tests run: one-time "flaky" jobs that fail a planned number of times, retried twice
 * with exponential back-off (100 ms, 200 ms) and then removed; and a recurring "tick".
 */
final class Workload {
  /** db-scheduler's retry limit for "flaky": 2 retries, so 3 attempts. */
  static final int MAX_RETRIES = 2;

  /** "Always fails": more failures than attempts. */
  static final int ALWAYS = 99;

  private Workload() {}

  /** Failures planned for job i: none for half, 1, 2, or always (a fifth: dead-lettered). */
  static int plannedFailures(int i) {
    int r = i % 10;
    return r < 5 ? 0 : r < 7 ? 1 : r < 8 ? 2 : ALWAYS;
  }

  static String instanceId(int i) {
    return String.format("job-%04d", i);
  }

  static String runId(int i) {
    return "flaky/" + instanceId(i);
  }

  // The handler that every db-scheduler version we verify has (16.12's maxRetries builder is new).
  @SuppressWarnings("deprecation")
  static OneTimeTask<Integer> flaky() {
    return Tasks.oneTime("flaky", Integer.class)
        .onFailure(
            new FailureHandler.MaxRetriesFailureHandler<>(
                MAX_RETRIES,
                new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofMillis(100), 2.0)))
        .execute(
            (instance, ctx) -> {
              int attempt = ctx.getExecution().consecutiveFailures + 1;
              if (attempt <= instance.getData()) {
                throw new IllegalStateException("planned failure of attempt " + attempt);
              }
            });
  }

  /** Every third execution of the tick fails (and is retried at its next scheduled time). */
  static RecurringTask<Void> tick(AtomicInteger executions) {
    return Tasks.recurring("tick", FixedDelay.ofMillis(100))
        .execute(
            (instance, ctx) -> {
              if (executions.incrementAndGet() % 3 == 2) {
                throw new IllegalStateException("planned tick failure");
              }
            });
  }

  /**
   * Schedules jobs [from, to) through {@code client}, each due a second after its batch of 100
   * began. db-scheduler tells its listeners about a new execution only after committing it, so a
   * run due at once may start on a scheduler thread before its JobEnqueued is published
   * (docs/DB-SCHEDULER.md, "Ordering"). A due time past the notification keeps the test about the
   * mapping.
   */
  static void schedule(SchedulerClient client, OneTimeTask<Integer> flaky, int from, int to) {
    Instant due = Instant.now().plusSeconds(1);
    for (int i = from; i < to; i++) {
      if ((i - from) % 100 == 0) {
        due = Instant.now().plusSeconds(1);
      }
      client.schedule(flaky.instance(instanceId(i), plannedFailures(i)), due);
    }
  }
}
