package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.DispatcherStats;
import java.util.Locale;

/**
 * The log lines of a close: one line of totals at INFO when everything settled, with the
 * per-handler table at DEBUG; a WARN with the table and what to do when something was left.
 */
final class CloseLog {
  private CloseLog() {}

  /**
   * @param caller the handler that called close from inside its own call, or null
   * @param callerQueued the events left in that handler's queue
   */
  static void log(CloseReport report, Handler caller, long callerQueued) {
    DispatcherStats stats = report.stats();
    String callerNote =
        caller == null
            ? ""
            : " Handler "
                + caller.name
                + " closed the dispatcher from inside its own call: that call was not waited for"
                + (callerQueued > 0
                    ? ", and the "
                        + callerQueued
                        + " events queued behind it were not delivered (counted as pending)."
                    : ".");
    if (report.drained()) {
      Log.get()
          .info(
              "ZapJobs Events dispatcher closed in {} ms: {}.{}",
              millis(report),
              totals(stats),
              callerNote);
      Log.get()
          .debug(
              "ZapJobs Events dispatcher's final accounting:{}{}", System.lineSeparator(), stats);
      return;
    }
    Log.get()
        .warn(
            "ZapJobs Events dispatcher closed after {} ms with {} deliveries left undelivered: {}.{}"
                + " The pending deliveries were not made and will not be; the table shows which"
                + " handlers held them. Give close() more time, or find why those handlers are slow"
                + " or stuck (see the slow-handler warnings, or take a thread dump).{}{}",
            millis(report),
            stats.pending() - (caller == null ? 0 : callerInFlight(stats, caller)),
            totals(stats),
            callerNote,
            System.lineSeparator(),
            stats);
  }

  private static long callerInFlight(DispatcherStats stats, Handler caller) {
    return Math.min(1, stats.handler(caller.id).inFlight());
  }

  private static long millis(CloseReport report) {
    return report.took().toMillis();
  }

  /** One line: the totals of a snapshot. */
  static String totals(DispatcherStats stats) {
    return String.format(
        Locale.ROOT,
        "%d events published (%d refused after close), %d handler deliveries: %d delivered, %d"
            + " failed, %d dropped, %d pending",
        stats.published(),
        stats.refusedAfterClose(),
        stats.delivered() + stats.failed() + stats.dropped() + stats.pending(),
        stats.delivered(),
        stats.failed(),
        stats.dropped(),
        stats.pending());
  }
}
