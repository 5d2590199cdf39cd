package dev.zapjobs.events.quartz;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One short token per event, so that a run's lifecycle reads as a line: {@code E1 S1 F1r R1>2 E2r
 * S2 C2}. E enqueued (r: a retry), S started, C completed, F failed (r: will retry, d:
 * dead-lettered, x: neither; {@code :REASON} unless ERROR), R retrying (failed > next attempt).
 */
final class Notation {
  private Notation() {}

  static String of(List<? extends JobEvent> events) {
    return events.stream().map(Notation::of).collect(Collectors.joining(" "));
  }

  static String of(JobEvent event) {
    if (event instanceof JobEnqueued e) {
      return "E" + e.attempt() + (e.trigger() == JobEnqueued.Trigger.RETRY ? "r" : "");
    } else if (event instanceof JobStarted e) {
      return "S" + e.attempt();
    } else if (event instanceof JobCompleted e) {
      return "C" + e.attempt();
    } else if (event instanceof JobFailed e) {
      return "F"
          + e.attempt()
          + (e.willRetry() ? "r" : e.deadLettered() ? "d" : "x")
          + (e.reason() == JobFailed.Reason.ERROR ? "" : ":" + e.reason());
    } else if (event instanceof JobRetrying e) {
      return "R" + e.attempt() + ">" + e.nextAttempt();
    }
    throw new IllegalArgumentException(event.toString());
  }
}
