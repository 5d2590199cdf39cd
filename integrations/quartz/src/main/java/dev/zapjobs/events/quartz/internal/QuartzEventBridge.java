package dev.zapjobs.events.quartz.internal;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.quartz.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.quartz.CalendarIntervalTrigger;
import org.quartz.CronTrigger;
import org.quartz.DailyTimeIntervalTrigger;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.Trigger.CompletedExecutionInstruction;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.TriggerListener;
import org.quartz.listeners.SchedulerListenerSupport;

/**
 * The Quartz listeners that turn a scheduler's callbacks into the five events. One instance is a
 * {@link JobListener}, a {@link TriggerListener} and a {@code SchedulerListener} of one scheduler.
 *
 * <table>
 *   <caption>Callbacks and events</caption>
 *   <tr><th>Quartz callback</th><th>events</th></tr>
 *   <tr><td>{@code triggerFired}, first pass of a fire</td><td>{@code JobEnqueued#1} (a retry
 *       trigger: none, its {@code JobEnqueued} went out with the failure before it; a recovered
 *       fire: {@code JobFailed(ABANDONED)}, {@code JobRetrying}, {@code JobEnqueued(RETRY)} for the
 *       attempt the dead node ran)</td></tr>
 *   <tr><td>{@code jobToBeExecuted}</td><td>{@code JobStarted}</td></tr>
 *   <tr><td>{@code jobWasExecuted}</td><td>{@code JobCompleted}, or {@code JobFailed} (and, when
 *       it retries, {@code JobRetrying} and {@code JobEnqueued(RETRY)})</td></tr>
 *   <tr><td>{@code jobExecutionVetoed}</td><td>{@code JobFailed(VETOED)}</td></tr>
 *   <tr><td>{@code triggerMisfired}, when the instruction skips the fire</td><td>{@code
 *       JobEnqueued}, {@code JobFailed(MISFIRED)}</td></tr>
 *   <tr><td>{@code jobUnscheduled}, {@code schedulingDataCleared}, {@code schedulerShutdown}
 *       (RAM store) of a pending retry</td><td>{@code JobFailed(CANCELLED)}</td></tr>
 *   <tr><td>{@code schedulerError} for a listener that threw (Quartz 2.5+)</td><td>{@code
 *       JobFailed(VETOED)} before the start, {@code JobFailed(ABANDONED)} after it</td></tr>
 * </table>
 *
 * <p>Every callback catches everything: nothing the adapter, the user's functions or the publisher
 * throw reaches Quartz.
 */
public final class QuartzEventBridge extends SchedulerListenerSupport
    implements JobListener, TriggerListener {
  /** The name of the job and trigger listener. */
  public static final String NAME = "zapjobs-events";

  /** The trigger group of the retries the adapter schedules. */
  public static final String RETRY_GROUP = "ZAPJOBS_RETRY";

  /** Where a fire's {@link Fire} lives in its {@code JobExecutionContext}. */
  private static final String CONTEXT_KEY = Fire.class.getName();

  /** The longest trigger name the JDBC job stores' tables take. */
  private static final int MAX_TRIGGER_NAME = 200;

  private final Settings settings;
  private final Guard guard;
  private final String nodeId;
  private final boolean persistentStore;

  /**
   * Retries scheduled and not yet fired, by trigger, so that a retry unscheduled, cleared or lost
   * at shutdown still ends its run. Kept for a RAM job store only: there every retry fires on this
   * node (which removes it). A JDBC store keeps retries across shutdowns and may fire them on
   * another node, which this node would never hear of.
   */
  private final ConcurrentMap<TriggerKey, JobRun> pendingRetries = new ConcurrentHashMap<>();

  /**
   * The fire each worker thread is running, from {@code triggerFired} to its terminal event: Quartz
   * reports a listener that threw to {@code schedulerError}, on that thread, and names the fire
   * only since 2.5.
   */
  private final ThreadLocal<Fire> running = new ThreadLocal<>();

  /**
   * A bridge publishing to {@code publisher}.
   *
   * @param nodeId the scheduler instance id, put in front of worker ids in a cluster; or {@code
   *     null}
   * @param persistentStore whether the job store keeps triggers across restarts (JDBC)
   */
  public QuartzEventBridge(
      Settings settings, JobEventPublisher publisher, String nodeId, boolean persistentStore) {
    this.settings = settings;
    this.guard = new Guard(publisher);
    this.nodeId = nodeId;
    this.persistentStore = persistentStore;
  }

  /** How many events the publisher threw on (each is lost, counted and logged). */
  public long publishFailures() {
    return guard.publishFailures();
  }

  /** How many times a user function or the adapter itself failed (counted and logged). */
  public long mappingFailures() {
    return guard.mappingFailures();
  }

  /** The run id of the fire {@code context} is about, as the adapter reports it. */
  public static String runId(JobExecutionContext context) {
    if (context.get(CONTEXT_KEY) instanceof Fire fire) {
      return fire.run().runId();
    }
    JobDataMap data = context.getTrigger().getJobDataMap();
    if (RunData.carriesRun(data)) {
      return data.getString(RunData.RUN_ID);
    }
    Date scheduled = context.getScheduledFireTime();
    return RunData.runId(
        context.getTrigger().getKey(), scheduled == null ? context.getFireTime() : scheduled);
  }

  /** The attempt number of the execution {@code context} is about, as the adapter reports it. */
  public static int attempt(JobExecutionContext context) {
    if (context.get(CONTEXT_KEY) instanceof Fire fire) {
      return fire.run().attempt();
    }
    JobDataMap data = context.getTrigger().getJobDataMap();
    int base = RunData.carriesRun(data) ? Integer.parseInt(data.getString(RunData.ATTEMPT)) : 1;
    return base + context.getRefireCount();
  }

  @Override
  public String getName() {
    return NAME;
  }

  // ---- TriggerListener ----

  @Override
  public void triggerFired(Trigger trigger, JobExecutionContext context) {
    try {
      onFired(trigger, context);
    } catch (Throwable t) {
      guard.failed("triggerFired of " + trigger.getKey() + " failed", t);
    }
  }

  @Override
  public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
    return false;
  }

  @Override
  public void triggerMisfired(Trigger trigger) {
    try {
      onMisfired(trigger);
    } catch (Throwable t) {
      guard.failed("triggerMisfired of " + trigger.getKey() + " failed", t);
    }
  }

  @Override
  public void triggerComplete(
      Trigger trigger, JobExecutionContext context, CompletedExecutionInstruction instruction) {
    // Nothing: the outcome is taken in jobWasExecuted, the one callback given the job's exception.
  }

  // ---- JobListener ----

  @Override
  public void jobToBeExecuted(JobExecutionContext context) {
    try {
      Fire fire = fireOf(context);
      if (fire == null || fire.phase() != Fire.Phase.WAITING) {
        return;
      }
      fire.started(settings.clock().instant());
      guard.publish(
          JobStarted.builder(fire.run()).timestamp(fire.startedAt()).workerId(workerId()).build());
    } catch (Throwable t) {
      guard.failed("jobToBeExecuted of " + context.getTrigger().getKey() + " failed", t);
    }
  }

  @Override
  public void jobExecutionVetoed(JobExecutionContext context) {
    try {
      Fire fire = fireOf(context);
      if (fire == null || fire.phase() != Fire.Phase.WAITING) {
        return;
      }
      done(fire);
      guard.publish(
          finalFailure(fire.run(), settings.clock().instant(), Duration.ZERO)
              .reason(JobFailed.Reason.VETOED)
              .error(
                  JobError.of(
                      "Vetoed",
                      "a TriggerListener vetoed the execution of trigger "
                          + context.getTrigger().getKey()))
              .build());
    } catch (Throwable t) {
      guard.failed("jobExecutionVetoed of " + context.getTrigger().getKey() + " failed", t);
    }
  }

  @Override
  public void jobWasExecuted(JobExecutionContext context, JobExecutionException thrown) {
    try {
      Fire fire = fireOf(context);
      if (fire == null || fire.phase() != Fire.Phase.STARTED) {
        return;
      }
      onExecuted(fire, context, thrown);
    } catch (Throwable t) {
      guard.failed("jobWasExecuted of " + context.getTrigger().getKey() + " failed", t);
    }
  }

  // ---- SchedulerListener ----

  @Override
  public void jobUnscheduled(TriggerKey triggerKey) {
    try {
      JobRun run = triggerKey == null ? null : pendingRetries.remove(triggerKey);
      if (run != null) {
        cancel(run, "Unscheduled", "the retry trigger " + triggerKey + " was unscheduled");
      }
    } catch (Throwable t) {
      guard.failed("jobUnscheduled of " + triggerKey + " failed", t);
    }
  }

  @Override
  public void schedulingDataCleared() {
    cancelPendingRetries("Cleared", "the scheduler's data was cleared before the retry was due");
  }

  @Override
  public void schedulerShutdown() {
    cancelPendingRetries(
        "SchedulerShutdown",
        "the scheduler shut down before the retry was due; its RAM job store keeps no triggers");
  }

  @Override
  public void schedulerError(String message, SchedulerException cause) {
    try {
      Fire fire = running.get();
      if (fire == null) {
        return; // not a worker thread in a fire: nothing of a run to end
      }
      // A listener threw: Quartz gives up the fire where it is (without completing its trigger).
      if (fire.phase() == Fire.Phase.WAITING) {
        done(fire);
        guard.publish(
            finalFailure(fire.run(), settings.clock().instant(), Duration.ZERO)
                .reason(JobFailed.Reason.VETOED)
                .error(cause)
                .build());
      } else if (fire.phase() == Fire.Phase.STARTED && Errors.isJobListenerFailure(cause)) {
        done(fire);
        Instant now = settings.clock().instant();
        guard.publish(
            finalFailure(fire.run(), now, since(fire.startedAt(), now))
                .reason(JobFailed.Reason.ABANDONED)
                .error(cause)
                .build());
      }
      // Else the job threw (Quartz reports that here too): jobWasExecuted ends the attempt.
    } catch (Throwable t) {
      guard.failed("schedulerError failed", t);
    }
  }

  // ---- the mapping ----

  private void onFired(Trigger trigger, JobExecutionContext context) {
    if (context.get(CONTEXT_KEY) instanceof Fire) {
      return; // a refire: its JobEnqueued went out with the failure that asked for it
    }
    Instant now = settings.clock().instant();
    JobDataMap data = trigger.getJobDataMap();
    Fire fire;
    if (context.isRecovering()
        && data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS)
            != null) {
      fire = recovered(trigger, context, now);
    } else if (RunData.carriesRun(data)) {
      pendingRetries.remove(trigger.getKey());
      fire = new Fire(RunData.carried(data), RunData.carriedTriggeredBy(data));
    } else {
      Date scheduled = context.getScheduledFireTime();
      JobRun run =
          new JobRun(
              RunData.runId(
                  trigger.getKey(), scheduled == null ? context.getFireTime() : scheduled),
              jobTypeId(trigger.getJobKey()),
              queue(trigger),
              1,
              input(context.getMergedJobDataMap()));
      fire = new Fire(run, trigger.getKey().toString());
      guard.publish(
          JobEnqueued.builder(run)
              .timestamp(now)
              .dueAt(instant(context.getScheduledFireTime()))
              .trigger(kindOf(trigger))
              .triggeredBy(fire.triggeredBy())
              .build());
    }
    context.put(CONTEXT_KEY, fire);
    running.set(fire);
  }

  /**
   * A fire of a recovery trigger: a node died while running an attempt of a job that requests
   * recovery, and Quartz runs the job again. The attempt the dead node ran ends here, as {@code
   * ABANDONED} and retried at once; the recovery fire runs the next attempt.
   */
  private Fire recovered(Trigger trigger, JobExecutionContext context, Instant now) {
    JobDataMap data = trigger.getJobDataMap();
    JobRun abandoned;
    String triggeredBy;
    if (RunData.carriesRun(data)) {
      abandoned = RunData.carried(data);
      triggeredBy = RunData.carriedTriggeredBy(data);
    } else {
      TriggerKey original =
          new TriggerKey(
              data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_NAME),
              data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_GROUP));
      Date scheduled =
          new Date(
              Long.parseLong(
                  data.getString(
                      Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS)));
      // The original trigger is gone from the recovery; this stands in for it (key, job, data).
      Trigger stand =
          TriggerBuilder.newTrigger()
              .withIdentity(original)
              .forJob(trigger.getJobKey())
              .usingJobData(data)
              .build();
      abandoned =
          new JobRun(
              RunData.runId(original, scheduled),
              jobTypeId(trigger.getJobKey()),
              queue(stand),
              1,
              input(context.getMergedJobDataMap()));
      triggeredBy = original.toString();
    }
    String firedAt = data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_FIRETIME_IN_MILLISECONDS);
    Duration ran =
        firedAt == null ? Duration.ZERO : since(Instant.ofEpochMilli(Long.parseLong(firedAt)), now);
    JobError error =
        JobError.of(
            "Abandoned",
            "the node running this attempt stopped without finishing it; Quartz recovers the job"
                + " (it requests recovery) and runs it again");
    JobRun next = abandoned.withAttempt(abandoned.attempt() + 1);
    guard.publish(
        JobFailed.builder(abandoned)
            .timestamp(now)
            .duration(ran)
            .error(error)
            .reason(JobFailed.Reason.ABANDONED)
            .retryAt(now)
            .build());
    guard.publish(
        JobRetrying.builder(abandoned)
            .timestamp(now)
            .delay(Duration.ZERO)
            .lastError(error)
            .build());
    guard.publish(
        JobEnqueued.builder(next)
            .timestamp(now)
            .dueAt(now)
            .trigger(JobEnqueued.Trigger.RETRY)
            .triggeredBy(triggeredBy)
            .build());
    return new Fire(next, triggeredBy);
  }

  private void onExecuted(Fire fire, JobExecutionContext context, JobExecutionException thrown) {
    Instant end = settings.clock().instant();
    Duration took = since(fire.startedAt(), end);
    JobRun run = fire.run();
    if (thrown == null) {
      done(fire);
      guard.publish(
          JobCompleted.builder(run)
              .timestamp(end)
              .duration(took)
              .output(output(context.getResult()))
              .build());
      return;
    }
    JobError error = JobError.of(Errors.unwrap(thrown));
    JobRun next = run.withAttempt(run.attempt() + 1);
    if (thrown.refireImmediately()) {
      // Quartz runs the job again at once, on this thread, with this context.
      fire.refired(next);
      publishRetry(run, next, end, took, error, Duration.ZERO, null, fire.triggeredBy());
      return;
    }
    done(fire);
    RetryPolicy policy = retryPolicy(context.getJobDetail());
    boolean retries =
        policy.retriesAfter(run.attempt())
            && !thrown.unscheduleFiringTrigger()
            && !thrown.unscheduleAllTriggers(); // would complete the retry trigger too
    if (!retries) {
      guard.publish(finalFailure(run, end, took).error(error).build());
      return;
    }
    Duration delay = policy.delayAfter(run.attempt());
    Instant due = end.plus(delay);
    publishRetry(run, next, end, took, error, delay, policy.maxAttempts(), fire.triggeredBy());
    try {
      scheduleRetry(context, next, due, fire.triggeredBy());
    } catch (Throwable t) {
      guard.warnOnly("could not schedule attempt " + next.attempt() + " of " + next, t);
      guard.publish(
          finalFailure(next, settings.clock().instant(), Duration.ZERO)
              .reason(JobFailed.Reason.CANCELLED)
              .error(t)
              .build());
    }
  }

  /** The failure trio of a retried attempt, sharing the moment the attempt ended. */
  private void publishRetry(
      JobRun failed,
      JobRun next,
      Instant end,
      Duration took,
      JobError error,
      Duration delay,
      Integer maxAttempts,
      String triggeredBy) {
    Instant due = end.plus(delay);
    guard.publish(
        JobFailed.builder(failed).timestamp(end).duration(took).error(error).retryAt(due).build());
    JobRetrying.Builder retrying =
        JobRetrying.builder(failed).timestamp(end).delay(delay).lastError(error);
    if (maxAttempts != null) {
      retrying.maxAttempts(maxAttempts);
    }
    guard.publish(retrying.build());
    guard.publish(
        JobEnqueued.builder(next)
            .timestamp(end)
            .dueAt(due)
            .trigger(JobEnqueued.Trigger.RETRY)
            .triggeredBy(triggeredBy)
            .build());
  }

  /**
   * A one-shot trigger for attempt {@code next}, due at {@code due}, carrying the run; with the
   * fired trigger's job data (so the job sees the same data) and priority, no calendar (it would
   * move the due time), and FIRE_NOW on misfire (a late retry still runs).
   */
  private void scheduleRetry(JobExecutionContext context, JobRun next, Instant due, String by)
      throws SchedulerException {
    Trigger fired = context.getTrigger();
    JobDataMap data = RunData.userData(fired.getJobDataMap());
    RunData.carry(data, next, by);
    String name = next.runId() + "#" + next.attempt();
    if (name.length() > MAX_TRIGGER_NAME) {
      name = "retry-" + UUID.randomUUID() + "#" + next.attempt();
    }
    Trigger retry =
        TriggerBuilder.newTrigger()
            .withIdentity(name, RETRY_GROUP)
            .forJob(context.getJobDetail().getKey())
            .withDescription("ZapJobs Events retry: attempt " + next.attempt() + " of " + next)
            .startAt(Date.from(due))
            .withPriority(fired.getPriority())
            .usingJobData(data)
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
            .build();
    if (!persistentStore) {
      pendingRetries.put(retry.getKey(), next); // before: the trigger may fire at once
    }
    try {
      context.getScheduler().scheduleJob(retry);
    } catch (SchedulerException | RuntimeException e) {
      pendingRetries.remove(retry.getKey());
      throw e;
    }
  }

  private void onMisfired(Trigger trigger) {
    if (RunData.carriesRun(trigger.getJobDataMap())
        || Scheduler.DEFAULT_RECOVERY_GROUP.equals(trigger.getKey().getGroup())) {
      return; // the adapter's retries fire late (FIRE_NOW); recoveries ignore misfires
    }
    Date missed = trigger.getNextFireTime();
    if (missed == null || !Misfires.skips(trigger, System.currentTimeMillis())) {
      return; // it fires late: an ordinary run, reported when it fires
    }
    Instant now = settings.clock().instant();
    JobRun run =
        new JobRun(
            RunData.runId(trigger.getKey(), missed),
            jobTypeId(trigger.getJobKey()),
            queue(trigger),
            1,
            input(trigger.getJobDataMap()));
    guard.publish(
        JobEnqueued.builder(run)
            .timestamp(now)
            .dueAt(missed.toInstant())
            .trigger(kindOf(trigger))
            .triggeredBy(trigger.getKey().toString())
            .build());
    guard.publish(
        finalFailure(run, now, Duration.ZERO)
            .reason(JobFailed.Reason.MISFIRED)
            .error(
                JobError.of(
                    "Misfired",
                    "trigger "
                        + trigger.getKey()
                        + " missed its fire time "
                        + missed.toInstant()
                        + " by more than the misfire threshold; its misfire instruction "
                        + Misfires.instructionName(trigger)
                        + " skips it"))
            .build());
  }

  private void cancelPendingRetries(String type, String message) {
    try {
      List<Map.Entry<TriggerKey, JobRun>> pending = new ArrayList<>(pendingRetries.entrySet());
      for (Map.Entry<TriggerKey, JobRun> e : pending) {
        if (pendingRetries.remove(e.getKey(), e.getValue())) {
          cancel(e.getValue(), type, message);
        }
      }
    } catch (Throwable t) {
      guard.failed("ending the pending retries failed", t);
    }
  }

  private void cancel(JobRun run, String type, String message) {
    guard.publish(
        finalFailure(run, settings.clock().instant(), Duration.ZERO)
            .reason(JobFailed.Reason.CANCELLED)
            .error(JobError.of(type, message))
            .build());
  }

  /** A {@code JobFailed} after which nothing follows: dead-lettered unless told otherwise. */
  private JobFailed.Builder finalFailure(JobRun run, Instant at, Duration took) {
    return JobFailed.builder(run)
        .timestamp(at)
        .duration(took)
        .deadLettered(settings.deadLetterFinalFailures());
  }

  // ---- the user's functions, guarded ----

  private String queue(Trigger trigger) {
    try {
      String queue = settings.queue().apply(trigger);
      if (queue != null && !queue.isBlank()) {
        return queue;
      }
      guard.failed("the queue function gave no queue for " + trigger.getKey(), null);
    } catch (Throwable t) {
      guard.failed("the queue function threw for " + trigger.getKey(), t);
    }
    return JobRun.DEFAULT_QUEUE;
  }

  private String jobTypeId(JobKey job) {
    try {
      String id = settings.jobTypeId().apply(job);
      if (id != null && !id.isBlank()) {
        return id;
      }
      guard.failed("the job type function gave no job type for " + job, null);
    } catch (Throwable t) {
      guard.failed("the job type function threw for " + job, t);
    }
    return job.getName();
  }

  private String input(JobDataMap data) {
    try {
      return settings.input().apply(RunData.userData(data));
    } catch (Throwable t) {
      guard.failed("the input function threw", t);
      return null;
    }
  }

  private String output(Object result) {
    if (result == null) {
      return null;
    }
    try {
      return settings.output().apply(result);
    } catch (Throwable t) {
      guard.failed("the output function threw", t);
      return null;
    }
  }

  private RetryPolicy retryPolicy(JobDetail job) {
    try {
      RetryPolicy policy = settings.retryPolicy().apply(job);
      if (policy != null) {
        return policy;
      }
      guard.failed("the retry policy function gave no policy for " + job.getKey(), null);
    } catch (Throwable t) {
      guard.failed("the retry policy function threw for " + job.getKey(), t);
    }
    return RetryPolicy.none();
  }

  // ---- small facts ----

  /** The fire's terminal event is (about to be) published: nothing more comes from it. */
  private void done(Fire fire) {
    fire.done();
    running.remove();
  }

  private static Fire fireOf(JobExecutionContext context) {
    return context.get(CONTEXT_KEY) instanceof Fire fire ? fire : null;
  }

  private String workerId() {
    String thread = Thread.currentThread().getName();
    return nodeId == null ? thread : nodeId + "/" + thread;
  }

  /** SCHEDULE for a trigger that repeats, API for a one-shot. */
  private static JobEnqueued.Trigger kindOf(Trigger trigger) {
    boolean repeats =
        trigger instanceof CronTrigger
            || trigger instanceof CalendarIntervalTrigger
            || trigger instanceof DailyTimeIntervalTrigger
            || trigger instanceof SimpleTrigger simple && simple.getRepeatCount() != 0;
    return repeats ? JobEnqueued.Trigger.SCHEDULE : JobEnqueued.Trigger.API;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  private static Duration since(Instant start, Instant end) {
    if (start == null) {
      return Duration.ZERO;
    }
    Duration d = Duration.between(start, end);
    return d.isNegative() ? Duration.ZERO : d; // a wall clock may step back
  }
}
