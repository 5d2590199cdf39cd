package dev.zapjobs.events.quartz;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.quartz.TriggerKey;

/**
 * Checks each run's events against its {@link Plan}: the exact lifecycle, and every field the
 * adapter fills (run id, queue, input, job type, trigger, due times, the failure trio, errors).
 * Collects what is wrong as sentences (plain checks: many thousand per test).
 */
final class LifecycleCheck {
  private static final int MAX_PROBLEMS = 40;

  private final Workload workload;
  private final List<String> problems = new ArrayList<>();

  LifecycleCheck(Workload workload) {
    this.workload = workload;
  }

  /** The problems found so far (at most {@value #MAX_PROBLEMS} are kept). */
  List<String> problems() {
    return problems;
  }

  /** Checks every run in {@code runs} (events per run id, in lifecycle order). */
  LifecycleCheck check(Map<String, List<JobEvent>> runs) {
    expect(
        runs.size() == workload.runs(), "runs", runs.size() + " runs, expected " + workload.runs());
    for (Map.Entry<String, List<JobEvent>> run : runs.entrySet()) {
      String runId = run.getKey();
      Plan plan = workload.planOf(runId);
      if (plan == null) {
        expect(false, runId, "a run that was never scheduled");
        continue;
      }
      String lifecycle = Notation.of(run.getValue());
      expect(lifecycle.equals(plan.expected), runId, lifecycle + ", expected " + plan.expected);
      fields(runId, plan, run.getValue());
    }
    return this;
  }

  private void fields(String runId, Plan plan, List<JobEvent> events) {
    TriggerKey trigger = triggerOf(runId);
    JobEvent first = events.get(0);
    if (first instanceof JobEnqueued e) {
      expect(e.dueAt() != null, runId, "no dueAt on " + e);
      expect(runId.equals(trigger + "@" + e.dueAt()), runId, "run id is not trigger@dueAt: " + e);
      expect(trigger.toString().equals(e.triggeredBy()), runId, "triggeredBy " + e.triggeredBy());
      if (plan == Plan.MISFIRE_SKIP) {
        boolean cron =
            Integer.parseInt(trigger.getName().substring("misfire_skip-".length())) % 2 == 1;
        JobEnqueued.Trigger kind = cron ? JobEnqueued.Trigger.SCHEDULE : JobEnqueued.Trigger.API;
        expect(e.trigger() == kind, runId, "trigger " + e.trigger() + ", expected " + kind);
        expect(
            e.dueAt() != null && e.dueAt().isBefore(e.timestamp().minus(Duration.ofMinutes(4))),
            runId,
            "a skipped misfire's dueAt is the missed time: " + e);
      } else {
        expect(e.trigger() == JobEnqueued.Trigger.API, runId, "trigger " + e.trigger());
      }
    }
    for (int i = 0; i < events.size(); i++) {
      JobEvent e = events.get(i);
      expect(e.queue().equals(trigger.getGroup()), runId, "queue " + e.queue());
      expect(Objects.equals(e.input(), "{\"plan\":\"" + plan + "\"}"), runId, "input " + e.input());
      String jobType = plan == Plan.FAIL_NO_RETRY ? "no-retry" : "scripted";
      expect(e.jobTypeId().equals(jobType), runId, "job type " + e.jobTypeId());
      if (i > 0) {
        expect(
            !e.timestamp().isBefore(events.get(i - 1).timestamp()),
            runId,
            "timestamps go back at " + e);
      }
      if (e instanceof JobStarted s) {
        expect(s.workerId().contains("_Worker-"), runId, "worker " + s.workerId());
      } else if (e instanceof JobCompleted c) {
        expect(Objects.equals(c.output(), "\"done " + c.attempt() + "\""), runId, "output " + c);
      } else if (e instanceof JobFailed f && f.reason() == JobFailed.Reason.ERROR) {
        error(runId, plan, f);
        if (f.willRetry() && i + 2 < events.size()) {
          trio(runId, plan, f, events.get(i + 1), events.get(i + 2));
        }
      } else if (e instanceof JobFailed f) {
        String type = plan == Plan.VETO ? "Vetoed" : "Misfired";
        expect(f.error().type().equals(type), runId, "error " + f.error());
        expect(f.duration().isZero(), runId, "duration " + f.duration());
      }
    }
  }

  private void error(String runId, Plan plan, JobFailed f) {
    switch (plan) {
      case RUNTIME_FAIL_ONCE -> {
        expect(
            f.error().type().equals("java.lang.IllegalStateException")
                && f.error().throwable() instanceof IllegalStateException,
            runId,
            "error not unwrapped: " + f.error());
      }
      case REFIRE_ONCE ->
          expect("asks for a refire".equals(f.error().message()), runId, "error " + f.error());
      default ->
          expect(
              f.error().type().equals("java.io.IOException")
                  && ("planned failure " + f.attempt()).equals(f.error().message()),
              runId,
              "error " + f.error());
    }
  }

  /** The failure trio: one timestamp, one due time = failure + back-off, one error. */
  private void trio(String runId, Plan plan, JobFailed failed, JobEvent r, JobEvent e) {
    if (!(r instanceof JobRetrying retrying) || !(e instanceof JobEnqueued enqueued)) {
      expect(false, runId, "no JobRetrying, JobEnqueued after " + failed);
      return;
    }
    Duration delay =
        plan == Plan.REFIRE_ONCE ? Duration.ZERO : Plan.POLICY.delayAfter(failed.attempt());
    expect(retrying.timestamp().equals(failed.timestamp()), runId, "trio timestamps " + retrying);
    expect(enqueued.timestamp().equals(failed.timestamp()), runId, "trio timestamps " + enqueued);
    expect(retrying.delay().equals(delay), runId, "delay " + retrying.delay() + " not " + delay);
    expect(
        failed.nextAttemptAt().equals(failed.timestamp().plus(delay)),
        runId,
        "nextAttemptAt " + failed);
    expect(retrying.dueAt().equals(failed.nextAttemptAt()), runId, "dueAt " + retrying);
    expect(Objects.equals(enqueued.dueAt(), failed.nextAttemptAt()), runId, "dueAt " + enqueued);
    expect(retrying.lastError().equals(failed.error()), runId, "lastError " + retrying);
    expect(
        triggerOf(runId).toString().equals(enqueued.triggeredBy()),
        runId,
        "retry triggeredBy " + enqueued.triggeredBy());
    if (plan == Plan.REFIRE_ONCE) {
      expect(retrying.maxAttempts().isEmpty(), runId, "a refire has no known limit: " + retrying);
    } else {
      expect(
          retrying.maxAttempts().equals(java.util.OptionalInt.of(Plan.POLICY.maxAttempts())),
          runId,
          "maxAttempts " + retrying.maxAttempts());
    }
  }

  private void expect(boolean ok, String runId, String what) {
    if (!ok && problems.size() < MAX_PROBLEMS) {
      problems.add(runId + ": " + what);
    }
  }

  static TriggerKey triggerOf(String runId) {
    String key = runId.substring(0, runId.indexOf('@'));
    int dot = key.indexOf('.');
    return TriggerKey.triggerKey(key.substring(dot + 1), key.substring(0, dot));
  }
}
