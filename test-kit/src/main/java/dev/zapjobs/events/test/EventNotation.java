package dev.zapjobs.events.test;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import java.util.List;
import java.util.Objects;

/**
 * A short text for an event — its type, attempt and what decides the run's course — so that tests
 * can state a whole run's sequence in one readable line, and failures print it.
 *
 * <table>
 *   <caption>The notation</caption>
 *   <tr><th>event</th><th>notation</th></tr>
 *   <tr><td>{@code JobEnqueued} of attempt 1, trigger API</td><td>{@code Enqueued#1(API)}</td></tr>
 *   <tr><td>{@code JobStarted} of attempt 2</td><td>{@code Started#2}</td></tr>
 *   <tr><td>{@code JobCompleted} of attempt 3</td><td>{@code Completed#3}</td></tr>
 *   <tr><td>{@code JobFailed} that will be retried</td><td>{@code Failed#1(retry)}</td></tr>
 *   <tr><td>{@code JobFailed}, dead-lettered</td><td>{@code Failed#3(dead)}</td></tr>
 *   <tr><td>{@code JobFailed}, final, not dead-lettered</td><td>{@code Failed#3(final)}</td></tr>
 *   <tr><td>{@code JobFailed} with a reason other than {@code ERROR}</td>
 *       <td>{@code Failed#1(VETOED, final)}</td></tr>
 *   <tr><td>{@code JobRetrying} after attempt 1, next attempt 2</td>
 *       <td>{@code Retrying#1->2}</td></tr>
 * </table>
 */
public final class EventNotation {
  private EventNotation() {}

  /** The notation of one event, e.g. {@code "Failed#2(retry)"}. */
  public static String of(JobEvent event) {
    Objects.requireNonNull(event, "event");
    int n = event.attempt();
    if (event instanceof JobEnqueued e) {
      return "Enqueued#" + n + "(" + e.trigger() + ")";
    } else if (event instanceof JobStarted) {
      return "Started#" + n;
    } else if (event instanceof JobCompleted) {
      return "Completed#" + n;
    } else if (event instanceof JobFailed e) {
      String course = e.willRetry() ? "retry" : e.deadLettered() ? "dead" : "final";
      String reason = e.reason() == JobFailed.Reason.ERROR ? "" : e.reason() + ", ";
      return "Failed#" + n + "(" + reason + course + ")";
    } else {
      JobRetrying e = (JobRetrying) event;
      return "Retrying#" + n + "->" + e.nextAttempt();
    }
  }

  /** The notation of each event, in order. */
  public static List<String> of(List<? extends JobEvent> events) {
    Objects.requireNonNull(events, "events");
    return events.stream().map(EventNotation::of).toList();
  }
}
