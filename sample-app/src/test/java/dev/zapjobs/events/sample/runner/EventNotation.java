package dev.zapjobs.events.sample.runner;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import java.util.ArrayList;
import java.util.List;

/** Writes events as short strings ({@code "Failed#2(retry)"}) so tests can compare sequences. */
final class EventNotation {
  private EventNotation() {}

  /**
   * The expected notation of a run that took {@code attempts} attempts: enqueued by {@code
   * trigger}, every attempt but the last failed and retried, the last one ended as {@code outcome}
   * ({@code "Completed"} or {@code "Failed(dead)"}).
   */
  static List<String> run(String trigger, int attempts, String outcome) {
    List<String> expected = new ArrayList<>(List.of("Enqueued#1(" + trigger + ")", "Started#1"));
    for (int n = 1; n < attempts; n++) {
      expected.add("Failed#" + n + "(retry)");
      expected.add("Retrying#" + n + "->" + (n + 1));
      expected.add("Enqueued#" + (n + 1) + "(RETRY)");
      expected.add("Started#" + (n + 1));
    }
    expected.add(outcome.replaceFirst("^(\\w+)", "$1#" + attempts));
    return expected;
  }

  static List<String> of(List<JobEvent> events) {
    return events.stream().map(EventNotation::of).toList();
  }

  static String of(JobEvent event) {
    int n = event.attempt();
    if (event instanceof JobEnqueued e) {
      return "Enqueued#" + n + "(" + e.trigger() + ")";
    } else if (event instanceof JobStarted) {
      return "Started#" + n;
    } else if (event instanceof JobCompleted) {
      return "Completed#" + n;
    } else if (event instanceof JobFailed e) {
      return "Failed#" + n + (e.willRetry() ? "(retry)" : e.deadLettered() ? "(dead)" : "(final)");
    } else if (event instanceof JobRetrying e) {
      return "Retrying#" + n + "->" + e.nextAttempt();
    }
    throw new AssertionError("unknown event " + event);
  }
}
