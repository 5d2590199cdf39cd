package dev.zapjobs.events.sample;

import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.sample.cluster.ClusterDemo;
import dev.zapjobs.events.sample.handlers.JobMetrics.TypeMetrics;
import dev.zapjobs.events.sample.handlers.SlowHandler;
import dev.zapjobs.events.sample.runner.DeadLetter;
import dev.zapjobs.events.sample.runner.JobRunner;
import dev.zapjobs.events.sample.runner.RunnerStats;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sample app: runs a mix of jobs on the sample {@link JobRunner} twice — once with a no-op
 * publisher, once with a {@link JobEventDispatcher} and the example handlers (one of which throws
 * on every event, one of which sleeps 50 ms per event) — then closes the dispatcher and prints a
 * summary: the jobs, the handlers, and the dispatcher's accounting. Exits with status 1 if the
 * accounting does not add up.
 */
public final class Main {
  /** Worker threads of the job runner. */
  static final int WORKERS = 4;

  /** What the slow handler sleeps per event. */
  static final Duration SLOW_HANDLER_PAUSE = Duration.ofMillis(50);

  private static final DemoJobs JOBS = new DemoJobs(Duration.ofMillis(10), Duration.ofMillis(20));
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Main() {}

  /** The outcome of running the job mix once. */
  private record JobPhase(RunnerStats stats, List<DeadLetter> deadLetters, Duration wallTime) {}

  /**
   * Runs the demo.
   *
   * @param args none, or {@code cluster} for the cluster demo
   */
  public static void main(String[] args) throws InterruptedException {
    ClusterDemo.runIfRequested(args); // "cluster": the Kafka cluster demo (exits when done)
    PrintStream out = System.out;
    out.println("ZapJobs Events sample: " + DemoJobs.RUNS + " runs on " + WORKERS + " workers");

    JobPhase baseline = runJobs(JobEventPublisher.noop());

    DemoHandlers handlers = new DemoHandlers(SlowHandler.Pause.sleeping(SLOW_HANDLER_PAUSE));
    JobEventDispatcher dispatcher =
        JobEventDispatcher.builder().handlerResolver(handlers::resolve).build();
    TimedPublisher publisher = new TimedPublisher(dispatcher);
    JobPhase withHandlers = runJobs(publisher);
    long slowDoneWhenJobsFinished = handlers.slow().invocations();

    CloseReport report = dispatcher.close(TIMEOUT);

    List<String> problems =
        check(withHandlers, publisher.count(), report, handlers.throwing().invocations());
    printSummary(
        out, baseline, withHandlers, publisher, handlers, slowDoneWhenJobsFinished, report);
    if (problems.isEmpty()) {
      out.println("All accounted for.");
    } else {
      problems.forEach(p -> out.println("PROBLEM: " + p));
      System.exit(1);
    }
  }

  private static JobPhase runJobs(JobEventPublisher publisher) throws InterruptedException {
    Clock clock = Clock.systemUTC();
    JobRunner runner =
        JOBS.register(JobRunner.builder().publisher(publisher).clock(clock).workers(WORKERS))
            .build();
    long start = System.nanoTime();
    JOBS.enqueueMix(runner, clock);
    boolean idle = runner.awaitIdle(TIMEOUT);
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    runner.close(TIMEOUT);
    if (!idle) {
      throw new IllegalStateException("the jobs did not finish within " + TIMEOUT);
    }
    return new JobPhase(runner.stats(), runner.deadLetters(), wall);
  }

  /** What must hold after a clean run; each violation as a sentence. */
  private static List<String> check(
      JobPhase phase, long eventsPublished, CloseReport report, long throwingInvocations) {
    List<String> problems = new ArrayList<>();
    RunnerStats jobs = phase.stats();
    if (jobs.succeeded() != DemoJobs.RUNS - DemoJobs.DEAD_LETTERED
        || jobs.deadLettered() != DemoJobs.DEAD_LETTERED
        || jobs.retries() != DemoJobs.RETRIES
        || jobs.failedAttempts() != DemoJobs.FAILED_ATTEMPTS
        || jobs.publishFailures() != 0) {
      problems.add("unexpected job outcomes: " + jobs);
    }
    if (eventsPublished != DemoJobs.EVENTS) {
      problems.add(
          "the runner published " + eventsPublished + " events, expected " + DemoJobs.EVENTS);
    }
    if (!report.drained()) {
      problems.add("the dispatcher did not drain before its deadline");
    }
    DispatcherStats stats = report.stats();
    for (HandlerStats h : stats.handlers()) {
      long accounted = h.delivered() + h.failed() + h.dropped() + h.pending();
      if (h.published() != accounted) {
        problems.add(h.name() + ": published " + h.published() + " != accounted " + accounted);
      }
    }
    if (stats.published() != eventsPublished) {
      problems.add(
          "dispatcher accepted "
              + stats.published()
              + " events, runner published "
              + eventsPublished);
    }
    if (throwingInvocations != eventsPublished) {
      problems.add(
          "ThrowingHandler saw " + throwingInvocations + " of " + eventsPublished + " events");
    }
    return problems;
  }

  private static void printSummary(
      PrintStream out,
      JobPhase baseline,
      JobPhase phase,
      TimedPublisher publisher,
      DemoHandlers handlers,
      long slowDoneWhenJobsFinished,
      CloseReport report) {
    RunnerStats jobs = phase.stats();
    String rule = "=".repeat(100);
    out.println();
    out.println(rule);
    out.println("SUMMARY");
    out.println(rule);
    out.printf(
        Locale.ROOT,
        "Jobs: %d runs, %d attempts on %d workers: %d succeeded, %d retried (%d retries), %d"
            + " dead-lettered%n",
        jobs.runs(),
        jobs.attempts(),
        WORKERS,
        jobs.succeeded(),
        jobs.retriedRuns(),
        jobs.retries(),
        jobs.deadLettered());
    for (DeadLetter dead : phase.deadLetters()) {
      out.printf(
          "  dead letter: %s#%d %s: %s%n",
          dead.run().jobTypeId(), dead.run().attempt(), dead.run().runId(), dead.error().message());
    }
    out.printf(
        Locale.ROOT,
        "  job phase wall time: %d ms with the handlers below; %d ms for the same jobs with a no-op"
            + " publisher (run first, on a cold JVM)%n",
        phase.wallTime().toMillis(),
        baseline.wallTime().toMillis());
    out.printf(
        Locale.ROOT,
        "  time the job threads spent in publish(): %.3f ms in total for %d events (max %d us)%n",
        publisher.total().toNanos() / 1e6,
        publisher.count(),
        publisher.max().toNanos() / 1_000);

    out.println();
    out.println("Handlers:");
    out.printf(
        Locale.ROOT,
        "  SlowHandler       slept %d ms per event: %d events, %d ms in total; it had handled only %d"
            + " when the jobs were all done%n",
        SLOW_HANDLER_PAUSE.toMillis(),
        handlers.slow().invocations(),
        handlers.slow().timeSpent().toMillis(),
        slowDoneWhenJobsFinished);
    out.printf(
        Locale.ROOT,
        "  => the jobs took %d ms; the slow handler alone needed %d ms: it fell behind on its own"
            + " queue, and no job waited for it%n",
        phase.wallTime().toMillis(),
        handlers.slow().timeSpent().toMillis());
    out.printf(
        Locale.ROOT,
        "  ThrowingHandler   threw on %d events; failed job attempts: %d, the %d the jobs throw by"
            + " design; publish() threw %d times%n",
        handlers.throwing().invocations(),
        jobs.failedAttempts(),
        DemoJobs.FAILED_ATTEMPTS,
        jobs.publishFailures());
    out.printf(
        Locale.ROOT,
        "  DeadLetterAlerts  %d alert(s)%s%n",
        handlers.alerts().alerts().size(),
        handlers.alerts().alerts().stream().map(a -> "\n    " + a).reduce("", String::concat));
    out.printf(
        Locale.ROOT,
        "  AsyncAuditTrail   %d records written asynchronously%n",
        handlers.audit().records().size());

    out.println();
    out.println("Per job type (JobMetrics handler):");
    out.printf(
        Locale.ROOT,
        "  %-15s %5s %8s %9s %7s %8s %5s %8s %8s%n",
        "job type",
        "runs",
        "attempts",
        "completed",
        "failed",
        "retries",
        "dead",
        "p50",
        "p95");
    for (TypeMetrics m : handlers.metrics().snapshot()) {
      out.printf(
          Locale.ROOT,
          "  %-15s %5d %8d %9d %7d %8d %5d %8s %8s%n",
          m.jobTypeId(),
          m.runs(),
          m.attempts(),
          m.completed(),
          m.failedAttempts(),
          m.retries(),
          m.deadLettered(),
          m.completed() == 0 ? "-" : m.p50().toMillis() + " ms",
          m.completed() == 0 ? "-" : m.p95().toMillis() + " ms");
    }

    out.println();
    out.println("Dispatcher: " + report.toString().replace("\n", "\n  "));
    out.println(rule);
  }
}
