package dev.zapjobs.events.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.quartz.Executions.Execution;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.listeners.JobListenerSupport;

/**
 * A real Quartz scheduler (RAMJobStore, 4 workers) runs a thousand runs of every kind — successes,
 * failures retried with back-off, final failures, refires, exceptions Quartz wraps, vetoes,
 * misfires skipped and fired late — once with a no-op publisher and once with the dispatcher and
 * handlers that block or throw. Every run gets exactly its lifecycle, the jobs finish while a
 * handler is still blocked, nothing reaches Quartz, and the dispatcher's accounting balances.
 */
class RamLifecycleTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** The mix: 1,050 runs. */
  private static final Map<Plan, Integer> MIX =
      Map.ofEntries(
          Map.entry(Plan.OK, 400),
          Map.entry(Plan.FAIL_ONCE, 150),
          Map.entry(Plan.FAIL_TWICE, 100),
          Map.entry(Plan.FAIL_ALWAYS, 100),
          Map.entry(Plan.REFIRE_ONCE, 60),
          Map.entry(Plan.RUNTIME_FAIL_ONCE, 60),
          Map.entry(Plan.VETO, 60),
          Map.entry(Plan.MISFIRE_SKIP, 40),
          Map.entry(Plan.MISFIRE_LATE, 30),
          Map.entry(Plan.FAIL_NO_RETRY, 50));

  /** How many runs the with-and-without-the-adapter measurement runs. */
  private static final int SUCCESSES = 2_000;

  /** What one pass of the mix left behind. */
  private record Pass(
      Workload workload,
      Recorder recorder,
      List<Execution> executions,
      ZapJobsQuartz adapter,
      List<String> listenerErrors,
      Duration wallTime) {}

  @Test
  void everyRunGetsExactlyItsLifecycle_andBlockedOrThrowingHandlersNeitherSlowNorFailTheJobs()
      throws Exception {
    // First on a cold JVM (Quartz and the adapter warm up): with a publisher that does nothing.
    Pass cold = pass(JobEventPublisher.noop(), () -> {});
    assertLifecycles(cold);

    CountDownLatch gate = new CountDownLatch(1);
    TestHandlers handlers = new TestHandlers(gate);
    JobEventDispatcher dispatcher =
        JobEventDispatcher.builder().handlerResolver(handlers::resolve).threads(2).build();
    // Every run ends while the blocked handler is stuck on its first event.
    Pass withHandlers =
        pass(dispatcher, () -> assertThat(handlers.blocked.calls.get()).isLessThanOrEqualTo(1));
    assertLifecycles(withHandlers);

    gate.countDown();
    assertThat(dispatcher.awaitIdle(TIMEOUT)).isTrue();
    List<JobEvent> published = withHandlers.recorder().events();
    // The one method that takes every event saw each run's events in the order they were published.
    assertThat(Recorder.byRun(handlers.log.events())).isEqualTo(Recorder.byRun(published));
    // The README's alert fired for exactly the runs that failed for good.
    Set<String> failedForGood =
        withHandlers.recorder().byRun().entrySet().stream()
            .filter(run -> run.getValue().get(run.getValue().size() - 1) instanceof JobFailed)
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    assertThat(failedForGood)
        .hasSize(
            MIX.get(Plan.FAIL_ALWAYS)
                + MIX.get(Plan.FAIL_NO_RETRY)
                + MIX.get(Plan.VETO)
                + MIX.get(Plan.MISFIRE_SKIP));
    assertThat(handlers.alerts.alerts())
        .extracting(JobEvent::runId)
        .containsExactlyInAnyOrderElementsOf(failedForGood);
    assertThat(handlers.throwing.calls.get()).isEqualTo(published.size());
    assertBalanced(dispatcher.stats(), published.size());
    dispatcher.close(TIMEOUT);

    // Measured, not asserted (shared machines are noisy): the same mix, warm, with a no-op
    // publisher.
    Pass baseline = pass(JobEventPublisher.noop(), () -> {});
    assertLifecycles(baseline);
    Duration quartzAlone = successes(null);
    Duration adapterAndBlockedHandlers = successes(new CountDownLatch(1));
    System.out.printf(
        "Quartz RAMJobStore, %d successful runs, wall time: %d ms without the adapter, %d ms with it,"
            + " the dispatcher, a blocked and a throwing handler%n",
        SUCCESSES, quartzAlone.toMillis(), adapterAndBlockedHandlers.toMillis());
    System.out.printf(
        "Quartz RAMJobStore, %d runs, %d events, wall time from scheduling to the last run's end:"
            + " %d ms with the dispatcher, a blocked and a throwing handler; %d ms with a no-op"
            + " publisher (%d ms on the cold JVM, first)%n",
        withHandlers.workload().runs(),
        published.size(),
        withHandlers.wallTime().toMillis(),
        baseline.wallTime().toMillis(),
        cold.wallTime().toMillis());
  }

  /**
   * The wall time of {@link #SUCCESSES} successful runs, from scheduling to the last one's end: on
   * Quartz alone if {@code gate} is null, else with the adapter, a dispatcher and the test handlers
   * (the blocked one waiting on {@code gate} until the end).
   */
  private static Duration successes(CountDownLatch gate) throws Exception {
    Scheduler scheduler = Schedulers.ram(4, 1_000);
    CountDownLatch ended = new CountDownLatch(SUCCESSES);
    scheduler
        .getListenerManager()
        .addJobListener(
            new JobListenerSupport() {
              @Override
              public String getName() {
                return "test-ends";
              }

              @Override
              public void jobWasExecuted(JobExecutionContext context, JobExecutionException e) {
                ended.countDown();
              }
            });
    JobEventDispatcher dispatcher = null;
    if (gate != null) {
      TestHandlers handlers = new TestHandlers(gate);
      dispatcher = JobEventDispatcher.builder().handlerResolver(handlers::resolve).build();
      Workload.adapter().install(scheduler, dispatcher);
    }
    Workload.addJobs(scheduler);
    long start = System.nanoTime();
    new Workload().schedule(scheduler, Plan.OK, SUCCESSES);
    scheduler.start();
    assertThat(ended.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    scheduler.shutdown(true);
    if (dispatcher != null) {
      gate.countDown();
      dispatcher.close(TIMEOUT);
    }
    return wall;
  }

  /** Runs the mix on a fresh scheduler, publishing through a {@link Recorder} to {@code next}. */
  private static Pass pass(JobEventPublisher next, Runnable whenAllEnded) throws Exception {
    Scheduler scheduler = Schedulers.ram(4, 1_000);
    Recorder recorder = new Recorder(next);
    ZapJobsQuartz adapter = Workload.adapter().install(scheduler, recorder);
    List<String> listenerErrors = Schedulers.listenerErrors(scheduler);
    scheduler.getListenerManager().addTriggerListener(Workload.vetoer());
    Workload.addJobs(scheduler);
    Workload workload = new Workload();
    long start = System.nanoTime();
    for (Map.Entry<Plan, Integer> e : MIX.entrySet()) {
      workload.schedule(scheduler, e.getKey(), e.getValue());
    }
    scheduler.start();
    await().atMost(TIMEOUT).until(() -> recorder.endedRuns() == workload.runs());
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    whenAllEnded.run();
    List<Execution> executions = Schedulers.executions(scheduler).all();
    scheduler.shutdown(true);
    return new Pass(workload, recorder, executions, adapter, listenerErrors, wall);
  }

  private static void assertLifecycles(Pass pass) {
    assertThat(pass.adapter().publishFailures()).isZero();
    assertThat(pass.adapter().mappingFailures()).isZero();
    assertThat(pass.listenerErrors()).isEmpty();
    assertThat(new LifecycleCheck(pass.workload()).check(pass.recorder().byRun()).problems())
        .isEmpty();
    // The jobs ran exactly the attempts the events started, with the run ids and attempts reported.
    Set<String> started =
        pass.recorder().events().stream()
            .filter(JobStarted.class::isInstance)
            .map(e -> e.runId() + "#" + e.attempt())
            .collect(Collectors.toSet());
    List<String> executed =
        pass.executions().stream().map(x -> x.runId() + "#" + x.attempt()).toList();
    assertThat(executed).doesNotHaveDuplicates();
    assertThat(Set.copyOf(executed)).isEqualTo(started);
  }

  private static void assertBalanced(DispatcherStats stats, long events) {
    assertThat(stats.published()).isEqualTo(events);
    for (HandlerStats h : stats.handlers()) {
      assertThat(h.published())
          .as(h.name())
          .isEqualTo(h.delivered() + h.failed() + h.dropped() + h.pending());
      assertThat(h.pending()).as(h.name()).isZero();
    }
  }
}
