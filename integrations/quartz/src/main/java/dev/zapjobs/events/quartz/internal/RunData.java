package dev.zapjobs.events.quartz.internal;

import dev.zapjobs.events.JobRun;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.quartz.JobDataMap;
import org.quartz.TriggerKey;

/**
 * Run ids, and the run a retry trigger carries in its {@link JobDataMap} (as strings, so that a
 * JDBC job store with {@code useProperties=true} accepts them).
 */
final class RunData {
  /** Every key the adapter puts in a trigger's job data starts with this. */
  static final String PREFIX = "zapjobs.";

  static final String RUN_ID = PREFIX + "runId";
  static final String ATTEMPT = PREFIX + "attempt";
  static final String JOB_TYPE_ID = PREFIX + "jobTypeId";
  static final String QUEUE = PREFIX + "queue";
  static final String INPUT = PREFIX + "input";
  static final String TRIGGERED_BY = PREFIX + "triggeredBy";

  private RunData() {}

  /**
   * The id of the run a trigger starts when it fires at {@code scheduledFireTime}: the trigger's
   * key and that time, {@code reports.nightly@2026-05-01T02:00:00Z}. Quartz identifies a fire this
   * way itself (its recovery data names the failed fire by trigger and scheduled time), so every
   * node of a cluster derives the same id, also for a fire that never ran (a skipped misfire) and
   * for one recovered from a dead node.
   */
  static String runId(TriggerKey trigger, Date scheduledFireTime) {
    return trigger + "@" + Instant.ofEpochMilli(scheduledFireTime.getTime());
  }

  /** Whether {@code data} belongs to a retry the adapter scheduled. */
  static boolean carriesRun(JobDataMap data) {
    return data.containsKey(RUN_ID);
  }

  /** Writes {@code run} (the attempt to come) and {@code triggeredBy} into {@code data}. */
  static void carry(JobDataMap data, JobRun run, String triggeredBy) {
    data.put(RUN_ID, run.runId());
    data.put(ATTEMPT, Integer.toString(run.attempt()));
    data.put(JOB_TYPE_ID, run.jobTypeId());
    data.put(QUEUE, run.queue());
    if (run.input() != null) {
      data.put(INPUT, run.input());
    }
    if (triggeredBy != null) {
      data.put(TRIGGERED_BY, triggeredBy);
    }
  }

  /** The run {@code data} carries, at the attempt it was scheduled for. */
  static JobRun carried(JobDataMap data) {
    return new JobRun(
        data.getString(RUN_ID),
        data.getString(JOB_TYPE_ID),
        data.getString(QUEUE),
        Integer.parseInt(data.getString(ATTEMPT)),
        data.getString(INPUT));
  }

  /** Who triggered the run {@code data} carries, or {@code null}. */
  static String carriedTriggeredBy(JobDataMap data) {
    return data.getString(TRIGGERED_BY);
  }

  /** A copy of {@code data} without the adapter's keys. */
  static JobDataMap userData(JobDataMap data) {
    JobDataMap copy = new JobDataMap();
    for (Map.Entry<String, Object> e : data.entrySet()) {
      if (!e.getKey().startsWith(PREFIX)) {
        copy.put(e.getKey(), e.getValue());
      }
    }
    return copy;
  }
}
