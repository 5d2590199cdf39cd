package dev.zapjobs.events.dbscheduler;

import static dev.zapjobs.events.dbscheduler.Lifecycle.expected;
import static dev.zapjobs.events.dbscheduler.Lifecycle.notation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.HandlerStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * One db-scheduler node on PostgreSQL runs 1,000 one-time jobs (successes, retries with back-off,
 * final failures) and a recurring task, with a handler that throws on every event and one that
 * blocks for the whole run.
 */
class SingleNodeTest {
  private static final int JOBS = 1000;

  @Test
  void everyRunGetsExactlyItsLifecycle_whileHandlersThrowAndBlock() throws Exception {
    long baselineMillis = runWithoutAdapter("baseline_before");

    DataSource ds = Postgres.withTable("single_node");
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger ticks = new AtomicInteger();
    OneTimeTask<Integer> flaky = Workload.flaky();
    RecurringTask<Void> tick = Workload.tick(ticks);
    List<Task<?>> tasks = List.of(flaky);
    Node node = new Node("node-a", ds, "single_node", tasks, release, b -> b.startTasks(tick));
    node.start();
    long start = System.nanoTime();
    Workload.schedule(node.scheduler, flaky, 0, JOBS);
    // Every job completes while one handler is blocked on the latch the whole time.
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Postgres.rows("single_node", "flaky") == 0);
    long adapterMillis = (System.nanoTime() - start) / 1_000_000;
    await().until(() -> ticks.get() >= 6);
    assertThat(node.blocked.entered()).isTrue();
    node.scheduler.stop();
    release.countDown();
    assertThat(node.dispatcher.awaitIdle(Duration.ofSeconds(30))).isTrue();

    Map<String, List<JobEvent>> runs = node.recorder.byRun();
    for (int i = 0; i < JOBS; i++) {
      List<JobEvent> run = runs.get(Workload.runId(i));
      assertThat(run).as(Workload.runId(i)).isNotNull();
      assertThat(notation(run))
          .as("%s: %s", Workload.runId(i), run)
          .isEqualTo(expected(Workload.plannedFailures(i), Workload.MAX_RETRIES + 1));
      Lifecycle.checkFields(run);
      checkRetryFields(run);
    }

    checkRecurringRuns(runs);

    List<String> forGood =
        IntStream.range(0, JOBS)
            .filter(i -> Workload.plannedFailures(i) == Workload.ALWAYS)
            .mapToObj(Workload::runId)
            .toList();
    assertThat(node.alerts.alerts()).containsExactlyInAnyOrderElementsOf(forGood);

    long published = node.recorder.events().size();
    for (HandlerStats h : node.dispatcher.stats().handlers()) {
      assertThat(h.published())
          .as(h.name())
          .isEqualTo(h.delivered() + h.failed() + h.dropped() + h.pending());
      assertThat(h.pending()).as(h.name()).isZero();
    }
    assertThat(node.dispatcher.stats().handler(statsName(node, ThrowingHandler.class)).failed())
        .isEqualTo(published);
    assertThat(node.adapter.publishFailures()).isZero();
    node.close();
    long baselineAfterMillis = runWithoutAdapter("baseline_after");

    System.out.printf(
        "db-scheduler, %d jobs (%d events) on one node: %d ms with the adapter (a throwing and a"
            + " blocked handler among its handlers); without it %d ms (run before) and %d ms (run"
            + " after)%n",
        JOBS, published, adapterMillis, baselineMillis, baselineAfterMillis);
  }

  /** Back-off as db-scheduler's handler computes it (100 ms × 2^failures), and the known limit. */
  private static void checkRetryFields(List<JobEvent> run) {
    for (JobEvent e : run) {
      if (e instanceof JobRetrying r) {
        assertThat(r.delay()).isEqualTo(Duration.ofMillis(100L << (r.failedAttempt() - 1)));
        assertThat(r.maxAttempts()).hasValue(Workload.MAX_RETRIES + 1);
      }
      if (e instanceof JobStarted s) {
        assertThat(s.workerId()).startsWith("node-a/");
      }
      if (e instanceof JobFailed f) {
        assertThat(f.error().type()).isEqualTo(IllegalStateException.class.getName());
        assertThat(f.error().throwable()).isInstanceOf(IllegalStateException.class);
      }
    }
  }

  /**
   * Each recurrence of the tick is a run of its own, begun by JobEnqueued#1 (the first one at
   * start-up); a failed recurrence is retried at its next scheduled time as attempt 2 of the same
   * run. The last run may have been cut short by the scheduler's stop.
   */
  private static void checkRecurringRuns(Map<String, List<JobEvent>> runs) {
    List<List<JobEvent>> ticks = new ArrayList<>();
    runs.forEach(
        (id, events) -> {
          if (events.get(0).jobTypeId().equals("tick")) {
            ticks.add(events);
          }
        });
    assertThat(ticks).hasSizeGreaterThanOrEqualTo(4);
    assertThat(ticks.get(0).get(0).runId()).isEqualTo("tick/recurring");
    assertThat(((JobEnqueued) ticks.get(0).get(0)).trigger())
        .isEqualTo(JobEnqueued.Trigger.SCHEDULE);
    List<String> once = expected(0, Integer.MAX_VALUE);
    List<String> retriedOnce = expected(1, Integer.MAX_VALUE);
    boolean sawRetry = false;
    for (int i = 0; i < ticks.size(); i++) {
      List<String> seq = notation(ticks.get(i));
      if (i < ticks.size() - 1) {
        assertThat(seq).as(ticks.get(i).get(0).runId()).isIn(once, retriedOnce);
        sawRetry |= seq.equals(retriedOnce);
      } else {
        assertThat(
                retriedOnce.subList(0, Math.min(seq.size(), retriedOnce.size())).equals(seq)
                    || once.subList(0, Math.min(seq.size(), once.size())).equals(seq))
            .as("last tick run %s is a prefix of a lifecycle", seq)
            .isTrue();
      }
      Lifecycle.checkFields(ticks.get(i));
    }
    assertThat(sawRetry).isTrue();
  }

  private static String statsName(Node node, Class<?> handlerClass) {
    return node.dispatcher.stats().handlers().stream()
        .map(HandlerStats::name)
        .filter(n -> n.contains(handlerClass.getSimpleName()))
        .findFirst()
        .orElseThrow();
  }

  /** The same 1,000 jobs on a scheduler without the adapter: the wall-time baseline. */
  private static long runWithoutAdapter(String table) throws Exception {
    DataSource ds = Postgres.withTable(table);
    OneTimeTask<Integer> flaky = Workload.flaky();
    var scheduler =
        com.github.kagkarlsson.scheduler.Scheduler.create(ds, List.of(flaky))
            .tableName(table)
            .pollingInterval(Duration.ofMillis(50))
            .pollUsingLockAndFetch(0.5, 1.0)
            .threads(8)
            .schedulerName(new com.github.kagkarlsson.scheduler.SchedulerName.Fixed(table))
            .failureLogging(com.github.kagkarlsson.scheduler.logging.LogLevel.DEBUG, false)
            .build();
    scheduler.start();
    long start = System.nanoTime();
    Workload.schedule(scheduler, flaky, 0, JOBS);
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Postgres.rows(table, "flaky") == 0);
    long millis = (System.nanoTime() - start) / 1_000_000;
    scheduler.stop();
    return millis;
  }
}
