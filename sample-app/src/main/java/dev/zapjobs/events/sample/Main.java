package dev.zapjobs.events.sample;

import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.sample.cluster.ClusterDemo;
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
   * Runs the demo: on the sample's own job runner, or with {@code quartz} on a Quartz scheduler.
   *
   * @param args nothing, {@code quartz}, or {@code cluster} (the cluster demo, from the -cluster
   *     jar)
   */
  public static void main(String[] args) throws Exception {
    ClusterDemo.runIfRequested(args); // "cluster": the Kafka cluster demo (exits when done)
    if (args.length == 1 && args[0].equals("quartz")) {
      System.exit(QuartzMode.run(System.out));
    }
    if (args.length > 0) {
      System.err.println("usage: java -jar zapjobs-events-sample-app-all.jar [quartz]");
      System.exit(2);
    }
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
    problems.addAll(Summary.dispatcherProblems(report, eventsPublished, throwingInvocations));
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
    Summary.printHeader(out);
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
    Summary.printJobCost(out, phase.wallTime(), baseline.wallTime(), publisher);

    Summary.printHandlers(
        out,
        handlers,
        slowDoneWhenJobsFinished,
        phase.wallTime(),
        jobs.failedAttempts(),
        DemoJobs.FAILED_ATTEMPTS,
        jobs.publishFailures());
    Summary.printJobTypes(out, handlers);
    Summary.printDispatcher(out, report);
  }
}
