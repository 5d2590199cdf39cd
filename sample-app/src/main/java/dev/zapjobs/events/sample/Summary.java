package dev.zapjobs.events.sample;

import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.sample.handlers.JobMetrics.TypeMetrics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The parts of the summary the modes print (the sample's own runner, Quartz, the cluster). */
public final class Summary {
  private static final String RULE = "=".repeat(100);

  private Summary() {}

  static void printHeader(PrintStream out) {
    out.println();
    out.println(RULE);
    out.println("SUMMARY");
    out.println(RULE);
  }

  /** How long the jobs took with the handlers and without, and their time in {@code publish}. */
  static void printJobCost(
      PrintStream out, Duration withHandlers, Duration noopPublisher, TimedPublisher publisher) {
    out.printf(
        Locale.ROOT,
        "  job phase wall time: %d ms with the handlers below; %d ms for the same jobs with a no-op"
            + " publisher (run first, on a cold JVM)%n",
        withHandlers.toMillis(),
        noopPublisher.toMillis());
    out.printf(
        Locale.ROOT,
        "  time the job threads spent in publish(): %.3f ms in total for %d events (max %d us)%n",
        publisher.total().toNanos() / 1e6,
        publisher.count(),
        publisher.max().toNanos() / 1_000);
  }

  /** What each handler did, and what that cost the jobs. */
  static void printHandlers(
      PrintStream out,
      DemoHandlers handlers,
      long slowDoneWhenJobsFinished,
      Duration jobsWallTime,
      long failedAttempts,
      int failedByDesign,
      long publishFailures) {
    out.println();
    out.println("Handlers:");
    out.printf(
        Locale.ROOT,
        "  SlowHandler       slept %d ms per event: %d events, %d ms in total; it had handled only %d"
            + " when the jobs were all done%n",
        Main.SLOW_HANDLER_PAUSE.toMillis(),
        handlers.slow().invocations(),
        handlers.slow().timeSpent().toMillis(),
        slowDoneWhenJobsFinished);
    out.printf(
        Locale.ROOT,
        "  => the jobs took %d ms; the slow handler alone needed %d ms: it fell behind on its own"
            + " queue, and no job waited for it%n",
        jobsWallTime.toMillis(),
        handlers.slow().timeSpent().toMillis());
    out.printf(
        Locale.ROOT,
        "  ThrowingHandler   threw on %d events; failed job attempts: %d, the %d the demo fails by"
            + " design; publish() threw %d times%n",
        handlers.throwing().invocations(),
        failedAttempts,
        failedByDesign,
        publishFailures);
    out.printf(
        Locale.ROOT,
        "  DeadLetterAlerts  %d alert(s)%s%n",
        handlers.alerts().alerts().size(),
        handlers.alerts().alerts().stream().map(a -> "\n    " + a).reduce("", String::concat));
    out.printf(
        Locale.ROOT,
        "  AsyncAuditTrail   %d records written asynchronously%n",
        handlers.audit().records().size());
  }

  /** The per-job-type table of the {@code JobMetrics} handler. */
  public static void printJobTypes(PrintStream out, DemoHandlers handlers) {
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
  }

  /** The dispatcher's accounting, and the closing rule. */
  static void printDispatcher(PrintStream out, CloseReport report) {
    out.println();
    out.println("Dispatcher: " + report.toString().replace("\n", "\n  "));
    out.println(RULE);
  }

  /**
   * What must hold of the dispatcher after a clean run, each violation as a sentence: it drained,
   * every handler's accounting adds up, it accepted every event the jobs published, and the
   * throwing handler saw them all.
   */
  static List<String> dispatcherProblems(
      CloseReport report, long eventsPublished, long throwingInvocations) {
    List<String> problems = new ArrayList<>();
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
              + " events, the jobs published "
              + eventsPublished);
    }
    if (throwingInvocations != eventsPublished) {
      problems.add(
          "ThrowingHandler saw " + throwingInvocations + " of " + eventsPublished + " events");
    }
    return problems;
  }
}
