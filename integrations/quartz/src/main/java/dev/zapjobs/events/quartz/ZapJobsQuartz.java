package dev.zapjobs.events.quartz;

import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.quartz.internal.QuartzEventBridge;
import dev.zapjobs.events.quartz.internal.Settings;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.ListenerManager;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SchedulerMetaData;
import org.quartz.Trigger;

/**
 * Publishes the five job lifecycle events of a Quartz {@link Scheduler}: install once per
 * scheduler, before {@code scheduler.start()}.
 *
 * <pre>{@code
 * ZapJobsQuartz.install(scheduler, dispatcher);
 *
 * ZapJobsQuartz.builder()                                   // or with what Quartz cannot tell
 *     .retryPolicy(RetryPolicy.exponential(5, Duration.ofSeconds(10)))
 *     .queue(trigger -> trigger.getJobKey().getGroup())
 *     .install(scheduler, dispatcher);
 * }</pre>
 *
 * <p>The adapter registers a {@code JobListener}, a {@code TriggerListener} (both named {@value
 * #LISTENER_NAME}, matching every job and trigger) and a {@code SchedulerListener}. A run is one
 * fire of a trigger, with its retries: its id is the trigger's key and the fire's scheduled time,
 * {@code reports.nightly@2026-05-01T02:00:00Z}, the same on every node of a cluster. Retries are
 * one-shot triggers in the group {@value #RETRY_GROUP} that carry the run in their job data (keys
 * starting with {@code zapjobs.}). Nothing the publisher or the adapter throws reaches Quartz; see
 * {@link #publishFailures()}.
 */
public final class ZapJobsQuartz {
  /** The name of the adapter's job and trigger listeners. */
  public static final String LISTENER_NAME = QuartzEventBridge.NAME;

  /** The trigger group of the retries the adapter schedules. */
  public static final String RETRY_GROUP = QuartzEventBridge.RETRY_GROUP;

  private final Scheduler scheduler;
  private final QuartzEventBridge bridge;

  private ZapJobsQuartz(Scheduler scheduler, QuartzEventBridge bridge) {
    this.scheduler = scheduler;
    this.bridge = bridge;
  }

  /**
   * Installs the adapter with the defaults: no retries, every final failure dead-lettered, queue
   * {@value JobRun#DEFAULT_QUEUE}, the job's name as job type, no input or output, the UTC system
   * clock.
   *
   * @param scheduler the scheduler whose jobs to report
   * @param publisher where the events go, usually the {@code JobEventDispatcher}
   * @return the installed adapter
   * @throws IllegalStateException if the adapter is already installed on {@code scheduler}
   * @throws SchedulerException if Quartz refuses the listeners (a remote scheduler)
   */
  public static ZapJobsQuartz install(Scheduler scheduler, JobEventPublisher publisher)
      throws SchedulerException {
    return builder().install(scheduler, publisher);
  }

  /** Starts configuring the adapter. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The run id of the execution {@code context} is about: for a job that wants to log it or pass it
   * on. The same value the events carry.
   */
  public static String runId(JobExecutionContext context) {
    return QuartzEventBridge.runId(Objects.requireNonNull(context, "context"));
  }

  /**
   * The attempt number of the execution {@code context} is about, starting at 1: for a job that
   * behaves differently on a retry. The same value the events carry.
   */
  public static int attempt(JobExecutionContext context) {
    return QuartzEventBridge.attempt(Objects.requireNonNull(context, "context"));
  }

  /** Removes the adapter's listeners. Retries it scheduled stay scheduled. */
  public void uninstall() throws SchedulerException {
    ListenerManager listeners = scheduler.getListenerManager();
    listeners.removeJobListener(LISTENER_NAME);
    listeners.removeTriggerListener(LISTENER_NAME);
    listeners.removeSchedulerListener(bridge);
  }

  /** How many events were lost because the publisher threw (each is logged, rate-limited). */
  public long publishFailures() {
    return bridge.publishFailures();
  }

  /**
   * How many times a function given to the {@link Builder} threw or returned nothing usable, or the
   * adapter itself failed (each is logged, rate-limited; the field falls back to its default).
   */
  public long mappingFailures() {
    return bridge.mappingFailures();
  }

  /** Configures the adapter: what Quartz cannot tell it. Not thread-safe; use it once. */
  public static final class Builder {
    private Function<? super Trigger, String> queue = trigger -> JobRun.DEFAULT_QUEUE;
    private Function<? super JobKey, String> jobTypeId = JobKey::getName;
    private Function<? super JobDataMap, String> input = data -> null;
    private Function<Object, String> output = result -> null;
    private Function<? super JobDetail, RetryPolicy> retryPolicy = job -> RetryPolicy.none();
    private boolean deadLetterFinalFailures = true;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The queue of a run, from the trigger that fires it (Quartz has no queues), for example {@code
     * t -> t.getJobKey().getGroup()} or {@code t -> "billing"}. Default {@value
     * JobRun#DEFAULT_QUEUE}. Retries keep the queue of their run.
     */
    public Builder queue(Function<? super Trigger, String> queue) {
      this.queue = Objects.requireNonNull(queue, "queue");
      return this;
    }

    /** The job type of a run, from its job's key. Default the job's name. */
    public Builder jobTypeId(Function<? super JobKey, String> jobTypeId) {
      this.jobTypeId = Objects.requireNonNull(jobTypeId, "jobTypeId");
      return this;
    }

    /**
     * The input JSON of a run, from its job data: the job's and the trigger's merged (the adapter's
     * own {@code zapjobs.} keys left out), or only the trigger's for a skipped misfire, which
     * Quartz reports without the job. Default none ({@code null}). Computed once per run; retries
     * carry it.
     */
    public Builder input(Function<? super JobDataMap, String> input) {
      this.input = Objects.requireNonNull(input, "input");
      return this;
    }

    /**
     * The output JSON of a successful attempt, from the result the job set with {@code
     * context.setResult(...)} (not called when there is none). Default none ({@code null}).
     */
    public Builder output(Function<Object, String> output) {
      this.output = Objects.requireNonNull(output, "output");
      return this;
    }

    /** The retry policy of every job. Default {@link RetryPolicy#none()}. */
    public Builder retryPolicy(RetryPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      this.retryPolicy = job -> policy;
      return this;
    }

    /** The retry policy of each job, from its detail (key, class, durability, data). */
    public Builder retryPolicy(Function<? super JobDetail, RetryPolicy> policyOfJob) {
      this.retryPolicy = Objects.requireNonNull(policyOfJob, "policyOfJob");
      return this;
    }

    /**
     * Whether a run's final {@code JobFailed} (an error after the last attempt, a veto, a skipped
     * misfire, a cancelled retry) is marked dead-lettered. Quartz has no dead-letter state; default
     * {@code true}, so that an alert on {@code deadLettered()} sees every run that failed for good.
     */
    public Builder deadLetterFinalFailures(boolean deadLetter) {
      this.deadLetterFinalFailures = deadLetter;
      return this;
    }

    /**
     * The clock of the events' timestamps, durations and due times. Default {@link
     * Clock#systemUTC()}. Quartz fires triggers by the system clock whatever this is.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Installs the adapter on {@code scheduler}, publishing to {@code publisher}.
     *
     * @throws IllegalStateException if the adapter is already installed on {@code scheduler}
     * @throws SchedulerException if Quartz refuses the listeners (a remote scheduler)
     */
    public ZapJobsQuartz install(Scheduler scheduler, JobEventPublisher publisher)
        throws SchedulerException {
      Objects.requireNonNull(scheduler, "scheduler");
      Objects.requireNonNull(publisher, "publisher");
      ListenerManager listeners = scheduler.getListenerManager();
      if (listeners.getJobListener(LISTENER_NAME) != null
          || listeners.getTriggerListener(LISTENER_NAME) != null) {
        throw new IllegalStateException(
            "ZapJobs Events is already installed on scheduler '"
                + scheduler.getSchedulerName()
                + "' (it has a listener named '"
                + LISTENER_NAME
                + "'): install it once per scheduler, or uninstall() the first");
      }
      SchedulerMetaData meta = scheduler.getMetaData();
      QuartzEventBridge bridge =
          new QuartzEventBridge(
              new Settings(
                  queue, jobTypeId, input, output, retryPolicy, deadLetterFinalFailures, clock),
              publisher,
              meta.isJobStoreClustered() ? scheduler.getSchedulerInstanceId() : null,
              meta.isJobStoreSupportsPersistence());
      listeners.addJobListener(bridge);
      listeners.addTriggerListener(bridge);
      listeners.addSchedulerListener(bridge);
      return new ZapJobsQuartz(scheduler, bridge);
    }
  }
}
