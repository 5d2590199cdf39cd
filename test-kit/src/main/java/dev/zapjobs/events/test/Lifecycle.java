package dev.zapjobs.events.test;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEnqueued.Trigger;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules every run's events follow ({@code docs/EVENTS.md}, "What always holds in one run"),
 * checked one run at a time. Returns what is wrong, in words; an empty list when nothing is.
 */
final class Lifecycle {
  private Lifecycle() {}

  /** The events grouped by run id, each run in publish order, runs in the order first seen. */
  static Map<String, List<JobEvent>> byRun(List<? extends JobEvent> events) {
    Map<String, List<JobEvent>> runs = new LinkedHashMap<>();
    for (JobEvent e : events) {
      runs.computeIfAbsent(e.runId(), id -> new ArrayList<>()).add(e);
    }
    return runs;
  }

  /** What breaks the rules in one run's events; stops at the first broken step of the sequence. */
  static List<String> violations(List<? extends JobEvent> run) {
    List<String> problems = new ArrayList<>();
    if (run.isEmpty()) {
      problems.add("the run has no events");
      return problems;
    }
    JobEvent first = run.get(0);
    for (int i = 1; i < run.size(); i++) {
      JobEvent e = run.get(i);
      if (!e.runId().equals(first.runId())) {
        problems.add(at(i, e) + " belongs to run " + e.runId() + ", not " + first.runId());
      }
      if (!e.jobTypeId().equals(first.jobTypeId())) {
        problems.add(at(i, e) + " has job type " + e.jobTypeId() + ", not " + first.jobTypeId());
      }
      if (!e.queue().equals(first.queue())) {
        problems.add(at(i, e) + " is on queue " + e.queue() + ", not " + first.queue());
      }
      if (e.timestamp().isBefore(run.get(i - 1).timestamp())) {
        problems.add(
            at(i, e)
                + " has timestamp "
                + e.timestamp()
                + ", before the previous event's "
                + run.get(i - 1).timestamp()
                + " (timestamps do not decrease along a run)");
      }
    }
    String broken = sequence(run);
    if (broken != null) {
      problems.add(broken);
    }
    return problems;
  }

  /** Walks the run's state machine; returns the first broken step, or null. */
  private static String sequence(List<? extends JobEvent> run) {
    int attempt = 1; // the attempt the next JobEnqueued must carry
    JobFailed retried = null; // a JobFailed(willRetry) waiting for its JobRetrying
    JobRetrying retrying = null; // a JobRetrying waiting for its JobEnqueued(RETRY)
    boolean enqueued = false;
    boolean started = false;
    for (int i = 0; i < run.size(); i++) {
      JobEvent e = run.get(i);
      if (i > 0 && ends(run.get(i - 1))) {
        return at(i, e)
            + " follows the run's end ("
            + EventNotation.of(run.get(i - 1))
            + "): nothing follows a JobCompleted or a JobFailed that will not be retried";
      }
      if (retried != null) {
        if (!(e instanceof JobRetrying r) || r.attempt() != retried.attempt()) {
          return at(i, e)
              + " follows "
              + EventNotation.of(retried)
              + ", which will be retried: expected JobRetrying of attempt "
              + retried.attempt();
        }
        if (!Objects.equals(r.dueAt(), retried.nextAttemptAt())) {
          return at(i, e)
              + " is due at "
              + r.dueAt()
              + ", but the JobFailed before it said the next attempt is at "
              + retried.nextAttemptAt();
        }
        if (!r.lastError().equals(retried.error())) {
          return at(i, e) + " carries another error than the JobFailed before it";
        }
        if (!r.timestamp().equals(retried.timestamp())) {
          return at(i, e) + " has another timestamp than the JobFailed before it";
        }
        retried = null;
        retrying = r;
        attempt = r.nextAttempt();
        enqueued = false;
        started = false;
        continue;
      }
      if (!enqueued) {
        if (!(e instanceof JobEnqueued q) || q.attempt() != attempt) {
          return at(i, e)
              + ": expected JobEnqueued of attempt "
              + attempt
              + (retrying == null ? " (a run starts with its JobEnqueued)" : " with trigger RETRY");
        }
        if (retrying == null && q.trigger() == Trigger.RETRY) {
          return at(i, e) + " has trigger RETRY, but it is the run's first JobEnqueued";
        }
        if (retrying != null) {
          if (q.trigger() != Trigger.RETRY) {
            return at(i, e) + " re-enqueues a retry, so its trigger must be RETRY";
          }
          if (!Objects.equals(q.dueAt(), retrying.dueAt())) {
            return at(i, e)
                + " is due at "
                + q.dueAt()
                + ", but the JobRetrying before it said "
                + retrying.dueAt();
          }
          if (!q.timestamp().equals(retrying.timestamp())) {
            return at(i, e) + " has another timestamp than the JobRetrying before it";
          }
        }
        enqueued = true;
        continue;
      }
      if (e.attempt() != attempt) {
        return at(i, e) + ": expected an event of attempt " + attempt;
      }
      if (e instanceof JobStarted) {
        if (started) {
          return at(i, e) + ": attempt " + attempt + " started twice";
        }
        started = true;
      } else if (e instanceof JobCompleted) {
        if (!started) {
          return at(i, e) + ": attempt " + attempt + " completed without a JobStarted";
        }
      } else if (e instanceof JobFailed f) {
        boolean ran =
            f.reason() == JobFailed.Reason.ERROR || f.reason() == JobFailed.Reason.ABANDONED;
        if (ran && !started) {
          return at(i, e)
              + " has reason "
              + f.reason()
              + ", so attempt "
              + attempt
              + " must have a JobStarted before it";
        }
        if (f.willRetry()) {
          retried = f;
        }
      } else {
        return at(i, e) + " is unexpected after " + EventNotation.of(run.get(i - 1));
      }
    }
    if (retried != null) {
      return "the run stops after "
          + EventNotation.of(retried)
          + ", which will be retried: a JobRetrying must follow";
    }
    JobEvent last = run.get(run.size() - 1);
    if (!ends(last)) {
      return "the run has not ended: its last event is "
          + EventNotation.of(last)
          + " (a run ends with a JobCompleted, or a JobFailed that will not be retried)";
    }
    return null;
  }

  static boolean ends(JobEvent e) {
    return RecordingPublisher.ends(e);
  }

  private static String at(int index, JobEvent e) {
    Instant t = e.timestamp();
    return "event " + index + " (" + EventNotation.of(e) + " at " + t + ")";
  }
}
