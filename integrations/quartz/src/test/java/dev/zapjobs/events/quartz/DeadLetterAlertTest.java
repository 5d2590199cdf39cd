package dev.zapjobs.events.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;

/**
 * The README's alert, {@code if (e.deadLettered())}, fires under Quartz for every run that fails
 * for good — Quartz has no dead-letter state, so the adapter marks final failures — and stays quiet
 * when the adapter is told not to.
 */
class DeadLetterAlertTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int RUNS = 80;

  @Test
  void theReadmeAlertFires_forEveryRunThatFailsForGood() throws Exception {
    TestHandlers handlers = run(Workload.adapter());

    assertThat(handlers.alerts.alerts())
        .hasSize(RUNS)
        .allSatisfy(
            e -> {
              assertThat(e.attempt()).isEqualTo(Plan.POLICY.maxAttempts());
              assertThat(e.willRetry()).isFalse();
              assertThat(e.reason()).isEqualTo(JobFailed.Reason.ERROR);
              assertThat(e.error().type()).isEqualTo("java.io.IOException");
            });
  }

  @Test
  void withDeadLetteringOff_theAlertStaysQuiet_andTheRunsStillEnd() throws Exception {
    TestHandlers handlers = run(Workload.adapter().deadLetterFinalFailures(false));

    assertThat(handlers.alerts.alerts()).isEmpty();
    assertThat(handlers.log.events())
        .filteredOn(e -> e instanceof JobFailed f && !f.willRetry())
        .hasSize(RUNS);
  }

  private static TestHandlers run(ZapJobsQuartz.Builder adapter) throws Exception {
    TestHandlers handlers = new TestHandlers(new CountDownLatch(0));
    JobEventDispatcher dispatcher =
        JobEventDispatcher.builder().handlerResolver(handlers::resolve).build();
    Scheduler scheduler = Schedulers.ram(4, 1_000);
    Recorder recorder = new Recorder(dispatcher);
    adapter.install(scheduler, recorder);
    Workload.addJobs(scheduler);
    new Workload().schedule(scheduler, Plan.FAIL_ALWAYS, RUNS);
    scheduler.start();
    await().atMost(TIMEOUT).until(() -> recorder.endedRuns() == RUNS);
    scheduler.shutdown(true);
    assertThat(dispatcher.close(TIMEOUT).drained()).isTrue();
    return handlers;
  }
}
