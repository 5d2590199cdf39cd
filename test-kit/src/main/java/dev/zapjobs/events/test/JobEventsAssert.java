package dev.zapjobs.events.test;

import dev.zapjobs.events.JobEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on a list of events — what a job system published, or what a handler received. Made by
 * {@link JobEventAssertions#assertThatEvents}.
 */
public final class JobEventsAssert {
  private final List<? extends JobEvent> events;

  JobEventsAssert(List<? extends JobEvent> events) {
    this.events = events;
  }

  /**
   * The events are, in order, exactly these (in {@link EventNotation}):
   *
   * <pre>{@code
   * assertThatEvents(recorder.eventsOf(runId))
   *     .are("Enqueued#1(API)", "Started#1", "Failed#1(retry)", "Retrying#1->2",
   *          "Enqueued#2(RETRY)", "Started#2", "Completed#2");
   * }</pre>
   */
  public JobEventsAssert are(String... expected) {
    List<String> want = List.of(expected);
    List<String> actual = EventNotation.of(events);
    if (!want.equals(actual)) {
      throw new AssertionFailedError(
          "Expected the events\n  " + want + "\nbut they were\n  " + actual, want, actual);
    }
    return this;
  }

  /**
   * Every run among the events (grouped by run id, each in publish order) follows the lifecycle of
   * {@code docs/EVENTS.md} from its {@code JobEnqueued} to its end: attempts in order, a retry
   * announced by {@code JobFailed(willRetry)}, {@code JobRetrying} and {@code JobEnqueued(RETRY)}
   * with one timestamp and one due time, no event after a {@code JobCompleted} or a final {@code
   * JobFailed}, timestamps that never decrease, and one job type and queue per run.
   */
  public JobEventsAssert everyRunFollowsTheLifecycle() {
    if (events.isEmpty()) {
      throw new AssertionFailedError("Expected runs that follow the lifecycle, but got no events");
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<JobEvent>> run : Lifecycle.byRun(events).entrySet()) {
      List<String> found = Lifecycle.violations(run.getValue());
      if (!found.isEmpty()) {
        problems.add(
            "run "
                + run.getKey()
                + " "
                + EventNotation.of(run.getValue())
                + ":\n    "
                + String.join("\n    ", found));
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionFailedError(
          "Expected every run to follow the lifecycle of docs/EVENTS.md, but:\n  "
              + String.join("\n  ", problems));
    }
    return this;
  }
}
