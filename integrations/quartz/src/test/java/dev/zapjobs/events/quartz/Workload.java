package dev.zapjobs.events.quartz;

import static org.quartz.JobBuilder.newJob;
import static org.quartz.TriggerBuilder.newTrigger;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.TriggerListener;
import org.quartz.listeners.TriggerListenerSupport;

/**
 * Schedules runs of {@link ScriptedJob} by {@link Plan}: one one-shot trigger per run (a cron
 * trigger for every other skipped misfire), in trigger groups {@code q0..q2} (the tests' queues).
 */
final class Workload {
  /** The job every plan runs on, with {@link Plan#POLICY}. */
  static final JobKey JOB = JobKey.jobKey("scripted", "jobs");

  /** The job without a retry policy. */
  static final JobKey NO_RETRY_JOB = JobKey.jobKey("no-retry", "jobs");

  /** Long enough ago to have misfired under any threshold the tests use. */
  private static final Duration LONG_AGO = Duration.ofMinutes(10);

  /** The plan of each trigger scheduled, in scheduling order. */
  final Map<TriggerKey, Plan> plans = new LinkedHashMap<>();

  /** The builder every test installs the adapter with: its queues, input and retry policies. */
  static ZapJobsQuartz.Builder adapter() {
    return ZapJobsQuartz.builder()
        .queue(trigger -> trigger.getKey().getGroup())
        .input(data -> "{\"plan\":\"" + data.getString(ScriptedJob.PLAN) + "\"}")
        .output(result -> "\"" + result + "\"")
        .retryPolicy(job -> job.getKey().equals(NO_RETRY_JOB) ? RetryPolicy.none() : Plan.POLICY);
  }

  /** Adds the jobs the plans run on. */
  static void addJobs(Scheduler scheduler) throws SchedulerException {
    for (JobKey key : new JobKey[] {JOB, NO_RETRY_JOB}) {
      JobDetail job = newJob(ScriptedJob.class).withIdentity(key).storeDurably().build();
      scheduler.addJob(job, true);
    }
  }

  /** A trigger listener that vetoes the runs planned as {@link Plan#VETO}. */
  static TriggerListener vetoer() {
    return new TriggerListenerSupport() {
      @Override
      public String getName() {
        return "test-vetoer";
      }

      @Override
      public boolean vetoJobExecution(Trigger trigger, org.quartz.JobExecutionContext context) {
        return Plan.VETO.name().equals(trigger.getJobDataMap().getString(ScriptedJob.PLAN));
      }
    };
  }

  /**
   * Schedules {@code count} runs of {@code plan}, named {@code plan-i}, due now (or long ago, for
   * the misfires; a skipped misfire with an odd {@code i} is a cron trigger).
   */
  void schedule(Scheduler scheduler, Plan plan, int count) throws SchedulerException {
    schedule(scheduler, plan, count, plan == Plan.FAIL_NO_RETRY ? NO_RETRY_JOB : JOB);
  }

  /** Like {@link #schedule(Scheduler, Plan, int)}, on {@code job}. */
  void schedule(Scheduler scheduler, Plan plan, int count, JobKey job) throws SchedulerException {
    Instant now = Instant.now();
    for (int i = 0; i < count; i++) {
      int n = plans.size();
      TriggerBuilder<Trigger> builder =
          newTrigger()
              .withIdentity(plan.name().toLowerCase() + "-" + i, "q" + (n % 3))
              .forJob(job)
              .usingJobData(ScriptedJob.PLAN, plan.name());
      Trigger trigger =
          switch (plan) {
            case MISFIRE_SKIP ->
                i % 2 == 0
                    ? builder
                        .startAt(Date.from(now.minus(LONG_AGO)))
                        .withSchedule(
                            SimpleScheduleBuilder.simpleSchedule()
                                .withMisfireHandlingInstructionNextWithRemainingCount())
                        .build()
                    : builder
                        .startAt(Date.from(now.minus(LONG_AGO)))
                        .endAt(Date.from(now.minus(LONG_AGO.dividedBy(2))))
                        .withSchedule(
                            CronScheduleBuilder.cronSchedule("0 * * * * ?")
                                .withMisfireHandlingInstructionDoNothing())
                        .build();
            case MISFIRE_LATE ->
                builder
                    .startAt(Date.from(now.minus(LONG_AGO)))
                    .withSchedule(
                        SimpleScheduleBuilder.simpleSchedule()
                            .withMisfireHandlingInstructionFireNow())
                    .build();
            default -> builder.startNow().build();
          };
      scheduler.scheduleJob(trigger);
      plans.put(trigger.getKey(), plan);
    }
  }

  /** The plan of the run {@code runId} (its trigger's key comes before the {@code @}). */
  Plan planOf(String runId) {
    String key = runId.substring(0, runId.indexOf('@'));
    String group = key.substring(0, key.indexOf('.'));
    String name = key.substring(key.indexOf('.') + 1);
    return plans.get(TriggerKey.triggerKey(name, group));
  }

  int runs() {
    return plans.size();
  }
}
