package dev.zapjobs.events.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobFailed;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * A retry that will never run ends its run with {@code JobFailed(CANCELLED)}: unscheduled, lost
 * when a RAM scheduler shuts down, or refused by a scheduler that is shutting down.
 */
class PendingRetryTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String ENQUEUED_FOR_A_RETRY = "E1 S1 F1r R1>2 E2r";

  @Test
  void aRetryUnscheduledBeforeItIsDue_endsItsRun() throws Exception {
    Scheduler scheduler = Schedulers.ram(1, 1_000);
    Recorder recorder = startAndAwaitTheRetry(scheduler);

    TriggerKey retry =
        scheduler
            .getTriggerKeys(GroupMatcher.triggerGroupEquals(ZapJobsQuartz.RETRY_GROUP))
            .iterator()
            .next();
    assertThat(scheduler.unscheduleJob(retry)).isTrue();

    assertThat(Notation.of(recorder.events())).isEqualTo(ENQUEUED_FOR_A_RETRY + " F2d:CANCELLED");
    assertThat(lastFailure(recorder).error().type()).isEqualTo("Unscheduled");
    scheduler.shutdown(true);
  }

  @Test
  void aRetryPendingWhenARamSchedulerShutsDown_endsItsRun() throws Exception {
    Scheduler scheduler = Schedulers.ram(1, 1_000);
    Recorder recorder = startAndAwaitTheRetry(scheduler);

    scheduler.shutdown(true);

    assertThat(Notation.of(recorder.events())).isEqualTo(ENQUEUED_FOR_A_RETRY + " F2d:CANCELLED");
    assertThat(lastFailure(recorder).error().type()).isEqualTo("SchedulerShutdown");
  }

  @Test
  void aRetryTheSchedulerRefuses_endsItsRun() throws Exception {
    Scheduler scheduler = Schedulers.ram(1, 1_000);
    Recorder recorder = start(scheduler, Plan.BLOCK_THEN_FAIL);
    Executions executions = Schedulers.executions(scheduler);
    assertThat(executions.blocked.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    scheduler.shutdown(false); // returns at once; the running job goes on
    executions.release.countDown(); // it fails now, and Quartz refuses the retry trigger

    await().atMost(TIMEOUT).until(() -> recorder.endedRuns() == 1);
    assertThat(Notation.of(recorder.events())).isEqualTo(ENQUEUED_FOR_A_RETRY + " F2d:CANCELLED");
    assertThat(lastFailure(recorder).error().message()).contains("shutdown");
  }

  /** One run that fails, and is due again in an hour. */
  private static Recorder startAndAwaitTheRetry(Scheduler scheduler) throws Exception {
    Recorder recorder = start(scheduler, Plan.FAIL_ALWAYS);
    await()
        .atMost(TIMEOUT)
        .until(() -> Notation.of(recorder.events()).equals(ENQUEUED_FOR_A_RETRY));
    return recorder;
  }

  /** One run of {@code plan}, retried after an hour. */
  private static Recorder start(Scheduler scheduler, Plan plan) throws Exception {
    Recorder recorder = new Recorder(event -> {});
    Workload.adapter()
        .retryPolicy(RetryPolicy.fixed(2, Duration.ofHours(1)))
        .install(scheduler, recorder);
    Workload.addJobs(scheduler);
    new Workload().schedule(scheduler, plan, 1);
    scheduler.start();
    return recorder;
  }

  private static JobFailed lastFailure(Recorder recorder) {
    return (JobFailed) recorder.events().get(recorder.events().size() - 1);
  }
}
