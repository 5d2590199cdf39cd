package dev.zapjobs.events.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.quartz.Executions.Execution;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;

/** A publisher that throws on every event: no job fails or waits for it, and retries still run. */
class FailureIsolationTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void aPublisherThatAlwaysThrows_failsNoJob_andTheRetriesStillRun() throws Exception {
    Scheduler scheduler = Schedulers.ram(2, 1_000);
    AtomicLong calls = new AtomicLong();
    JobEventPublisher broken =
        event -> {
          calls.incrementAndGet();
          throw new IllegalStateException("publisher down");
        };
    ZapJobsQuartz adapter = Workload.adapter().install(scheduler, broken);
    List<String> errorsSeenByQuartz = Schedulers.listenerErrors(scheduler);
    Workload.addJobs(scheduler);
    Workload workload = new Workload();
    workload.schedule(scheduler, Plan.OK, 20);
    workload.schedule(scheduler, Plan.FAIL_TWICE, 20);
    workload.schedule(scheduler, Plan.FAIL_ALWAYS, 10);
    scheduler.start();

    // 3 events per success, 11 per run that fails twice then succeeds or fails three times.
    long events = 20 * 3 + 20 * 11 + 10 * 11;
    await().atMost(TIMEOUT).until(() -> calls.get() == events);
    List<Execution> executions = Schedulers.executions(scheduler).all();
    scheduler.shutdown(true);

    assertThat(adapter.publishFailures()).isEqualTo(events);
    assertThat(adapter.mappingFailures()).isZero();
    assertThat(errorsSeenByQuartz).isEmpty();
    Map<Plan, List<Integer>> attemptsPerPlan =
        executions.stream()
            .collect(
                Collectors.groupingBy(
                    x -> workload.planOf(x.runId()),
                    Collectors.mapping(Execution::attempt, Collectors.toList())));
    assertThat(attemptsPerPlan.get(Plan.OK)).hasSize(20).containsOnly(1);
    assertThat(attemptsPerPlan.get(Plan.FAIL_TWICE)).hasSize(60).containsOnly(1, 2, 3);
    assertThat(attemptsPerPlan.get(Plan.FAIL_ALWAYS)).hasSize(30).containsOnly(1, 2, 3);
    assertThat(executions.stream().map(x -> x.runId() + "#" + x.attempt())).doesNotHaveDuplicates();
  }
}
