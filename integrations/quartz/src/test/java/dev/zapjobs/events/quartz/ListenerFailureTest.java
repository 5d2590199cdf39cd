package dev.zapjobs.events.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobFailed;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.listeners.JobListenerSupport;
import org.quartz.listeners.TriggerListenerSupport;

/**
 * Another listener throws: Quartz gives up the fire where it is (without completing its trigger)
 * and reports it to scheduler listeners, on the fire's worker thread. The adapter ends the run:
 * {@code VETOED} if it had not started, {@code ABANDONED} if it had.
 */
class ListenerFailureTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void aTriggerListenerThatThrowsBeforeTheStart_endsTheRunAsVetoed() throws Exception {
    List<String> lifecycle =
        runOneAfterInstall(
            scheduler ->
                scheduler
                    .getListenerManager()
                    .addTriggerListener(
                        new TriggerListenerSupport() {
                          @Override
                          public String getName() {
                            return "throws-when-fired";
                          }

                          @Override
                          public void triggerFired(Trigger trigger, JobExecutionContext context) {
                            throw new IllegalStateException("trigger listener failure");
                          }
                        }));
    assertThat(lifecycle).containsExactly("E1 F1d:VETOED");
  }

  @Test
  void aJobListenerThatThrowsAfterTheStart_endsTheRunAsAbandoned() throws Exception {
    List<String> lifecycle =
        runOneAfterInstall(
            scheduler ->
                scheduler
                    .getListenerManager()
                    .addJobListener(
                        new JobListenerSupport() {
                          @Override
                          public String getName() {
                            return "throws-before-execution";
                          }

                          @Override
                          public void jobToBeExecuted(JobExecutionContext context) {
                            throw new IllegalStateException("job listener failure");
                          }
                        }));
    assertThat(lifecycle).containsExactly("E1 S1 F1d:ABANDONED");
  }

  @Test
  void aJobListenerBeforeTheAdapterThatThrowsAfterTheJob_endsTheRunAsAbandoned() throws Exception {
    Scheduler scheduler = Schedulers.ram(1, 1_000);
    JobListener throwing =
        new JobListenerSupport() {
          @Override
          public String getName() {
            return "throws-after-execution";
          }

          @Override
          public void jobWasExecuted(JobExecutionContext context, JobExecutionException e) {
            throw new IllegalStateException("job listener failure");
          }
        };
    scheduler.getListenerManager().addJobListener(throwing); // before the adapter's: called first
    assertThat(runOne(scheduler)).containsExactly("E1 S1 F1d:ABANDONED");
  }

  /** What {@link #runOneAfterInstall} adds to the scheduler, after the adapter. */
  private interface Setup {
    void apply(Scheduler scheduler) throws Exception;
  }

  private static List<String> runOneAfterInstall(Setup setup) throws Exception {
    Scheduler scheduler = Schedulers.ram(1, 1_000);
    Recorder recorder = new Recorder(event -> {});
    Workload.adapter().install(scheduler, recorder);
    setup.apply(scheduler);
    return run(scheduler, recorder);
  }

  private static List<String> runOne(Scheduler scheduler) throws Exception {
    Recorder recorder = new Recorder(event -> {});
    Workload.adapter().install(scheduler, recorder);
    return run(scheduler, recorder);
  }

  private static List<String> run(Scheduler scheduler, Recorder recorder) throws Exception {
    Workload.addJobs(scheduler);
    new Workload().schedule(scheduler, Plan.OK, 1);
    scheduler.start();
    await().atMost(TIMEOUT).until(() -> recorder.endedRuns() == 1);
    scheduler.shutdown(true);
    assertThat(recorder.events())
        .filteredOn(JobFailed.class::isInstance)
        .singleElement()
        .satisfies(
            e ->
                assertThat(((JobFailed) e).error().message())
                    .contains("Listener 'throws-")
                    .contains("listener failure"));
    return recorder.byRun().values().stream().map(Notation::of).toList();
  }
}
