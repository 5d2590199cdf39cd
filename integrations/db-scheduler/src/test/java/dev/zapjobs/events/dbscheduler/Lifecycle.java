package dev.zapjobs.events.dbscheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import java.util.ArrayList;
import java.util.List;

/**
 * The lifecycle of docs/EVENTS.md in a compact notation, for exact comparisons with readable
 * failures: {@code Enq#1}, {@code St#1}, {@code Done#1}, {@code Fail#1+} (will retry), {@code
 * Fail#1!} (final, dead-lettered), {@code Fail#1.} (final, not dead-lettered), {@code Retry#1}; a
 * reason other than ERROR is appended ({@code Fail#1+ABANDONED}).
 */
final class Lifecycle {
  private Lifecycle() {}

  static String notation(JobEvent e) {
    if (e instanceof JobEnqueued) {
      return "Enq#" + e.attempt();
    } else if (e instanceof JobStarted) {
      return "St#" + e.attempt();
    } else if (e instanceof JobCompleted) {
      return "Done#" + e.attempt();
    } else if (e instanceof JobRetrying) {
      return "Retry#" + e.attempt();
    }
    JobFailed f = (JobFailed) e;
    return "Fail#"
        + f.attempt()
        + (f.willRetry() ? "+" : f.deadLettered() ? "!" : ".")
        + (f.reason() == JobFailed.Reason.ERROR ? "" : f.reason().name());
  }

  static List<String> notation(List<JobEvent> events) {
    return events.stream().map(Lifecycle::notation).toList();
  }

  /**
   * The sequence of a run that fails {@code failures} times, each retried while attempts remain
   * ({@code maxAttempts}), and then succeeds or, out of attempts, is dead-lettered.
   */
  static List<String> expected(int failures, int maxAttempts) {
    List<String> seq = new ArrayList<>(List.of("Enq#1"));
    for (int attempt = 1; ; attempt++) {
      seq.add("St#" + attempt);
      if (attempt > failures) {
        seq.add("Done#" + attempt);
        return seq;
      }
      if (attempt == maxAttempts) {
        seq.add("Fail#" + attempt + "!");
        return seq;
      }
      seq.add("Fail#" + attempt + "+");
      seq.add("Retry#" + attempt);
      seq.add("Enq#" + (attempt + 1));
    }
  }

  /**
   * Checks what must hold between the fields of one run's events: one run id and job type, the
   * failure trio sharing its timestamp and due time, timestamps never going back, and retries
   * enqueued with the RETRY trigger.
   */
  static void checkFields(List<JobEvent> run) {
    JobEvent first = run.get(0);
    for (int i = 0; i < run.size(); i++) {
      JobEvent e = run.get(i);
      assertThat(e.runId()).isEqualTo(first.runId());
      assertThat(e.jobTypeId()).isEqualTo(first.jobTypeId());
      if (e instanceof JobFailed f && f.willRetry()) {
        JobRetrying r = (JobRetrying) run.get(i + 1);
        JobEnqueued next = (JobEnqueued) run.get(i + 2);
        assertThat(r.timestamp()).isEqualTo(f.timestamp()).isEqualTo(next.timestamp());
        assertThat(r.dueAt()).isEqualTo(f.nextAttemptAt()).isEqualTo(next.dueAt());
        assertThat(r.dueAt()).isEqualTo(r.timestamp().plus(r.delay()));
        assertThat(r.lastError().type()).isEqualTo(f.error().type());
        assertThat(next.trigger()).isEqualTo(JobEnqueued.Trigger.RETRY);
        assertThat(r.nextAttempt()).isEqualTo(next.attempt()).isEqualTo(f.attempt() + 1);
      }
      if (e instanceof JobCompleted c) {
        JobStarted started = (JobStarted) run.get(i - 1);
        assertThat(c.timestamp()).isAfterOrEqualTo(started.timestamp());
      }
    }
  }
}
