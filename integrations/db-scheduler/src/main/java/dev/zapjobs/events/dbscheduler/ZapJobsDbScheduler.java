package dev.zapjobs.events.dbscheduler;

import com.github.kagkarlsson.scheduler.CurrentlyExecuting;
import com.github.kagkarlsson.scheduler.event.SchedulerListener;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the five job lifecycle events from db-scheduler: a {@link SchedulerListener} that a
 * scheduler takes in one line.
 *
 * <pre>{@code
 * Scheduler scheduler = Scheduler.create(dataSource, tasks)
 *     .addSchedulerListener(ZapJobsDbScheduler.listener(dispatcher))
 *     .build();
 * }</pre>
 *
 * <p>What it maps, in the lifecycle order of {@code docs/EVENTS.md}:
 *
 * <ul>
 *   <li>an instance scheduled through the scheduler (or a client of it): {@code JobEnqueued#1};
 *   <li>an execution starting: {@code JobStarted#n}, where n is db-scheduler's consecutive failures
 *       + 1;
 *   <li>an execution completing: {@code JobCompleted#n}, followed by {@code JobEnqueued#1} of the
 *       next run when the task reschedules itself (a recurring task: each recurrence is a run);
 *   <li>an execution failing: {@code JobFailed#n}, and, when the failure handler rescheduled it,
 *       {@code JobRetrying#n} and {@code JobEnqueued#n+1}; when it did not, the failure is final
 *       and dead-lettered (db-scheduler keeps no dead letters; {@link
 *       Builder#deadLetterFinalFailures});
 *   <li>a dead execution (its node stopped sending heartbeats): {@code JobFailed#n} with reason
 *       {@code ABANDONED}, published by the node that found it, retried when the task's dead
 *       execution handler revives it.
 * </ul>
 *
 * <p>The run id is {@code taskName/instanceId}, plus {@code @} and the time of the instance's last
 * success when it has one, so it is stable across retries and across nodes (it is made from what
 * db-scheduler stores) while each recurrence of a recurring task is a run of its own.
 *
 * <p>No callback throws into db-scheduler: a failure to build or publish an event is logged and
 * counted ({@link #publishFailures()}). The full field table is in {@code docs/DB-SCHEDULER.md}.
 */
public final class ZapJobsDbScheduler implements SchedulerListener {
  private static final Logger LOG = LoggerFactory.getLogger(ZapJobsDbScheduler.class);

  static {
    // Load and link the event classes now rather than on the first callback: db-scheduler calls
    // listeners after it commits, and the first notification should not lose time to class loading.
    JobRun warm = JobRun.of("warm-up", "warm-up");
    JobError error = JobError.of("WarmUp", null);
    JobEnqueued.builder(warm).build();
    JobStarted.builder(warm).build();
    JobCompleted.builder(warm).build();
    JobFailed.builder(warm).error(error).build();
    JobRetrying.builder(warm).lastError(error).build();
  }

  private final JobEventPublisher publisher;
  private final Function<String, String> queues;
  private final DataToJson input;
  private final Map<String, Integer> maxRetries;
  private final boolean deadLetterFinalFailures;
  private final Clock clock;
  private final RunLanes lanes = new RunLanes(this::publishSafely);
  private final ThreadLocal<Attempt> running = new ThreadLocal<>();
  private final ThreadLocal<Attempt> dead = new ThreadLocal<>();
  private final AtomicLong publishFailures = new AtomicLong();

  private ZapJobsDbScheduler(Builder b) {
    this.publisher = b.publisher;
    this.queues = b.queues;
    this.input = b.input;
    this.maxRetries = Map.copyOf(b.maxRetries);
    this.deadLetterFinalFailures = b.deadLetterFinalFailures;
    this.clock = b.clock;
  }

  /**
   * A listener that publishes every lifecycle event to {@code publisher} (usually the {@code
   * JobEventDispatcher}), with the defaults of {@link #builder}.
   */
  public static ZapJobsDbScheduler listener(JobEventPublisher publisher) {
    return builder(publisher).build();
  }

  /** Starts configuring a listener for what the adapter cannot read from db-scheduler. */
  public static Builder builder(JobEventPublisher publisher) {
    return new Builder(publisher);
  }

  /** How many events could not be built or published (each was logged); 0 when all is well. */
  public long publishFailures() {
    return publishFailures.get();
  }

  /** Turns a task instance's data into the JSON text of {@code JobRun.input}. */
  @FunctionalInterface
  public interface DataToJson {
    /**
     * The JSON text of {@code data}, or {@code null} for none.
     *
     * @param data the task instance's data, as db-scheduler deserialised it; may be null
     * @throws Exception any failure: the event is published without input, and the failure logged
     */
    String toJson(Object data) throws Exception;
  }

  // ---------------------------------------------------------------- db-scheduler's callbacks

  @Override
  public void onExecutionScheduled(TaskInstanceId instance, Instant executionTime) {
    try {
      String key = key(instance);
      Attempt current = running.get();
      if (current != null && current.key.equals(key)) {
        // The completion or failure handler of the running execution rescheduled it. Its own
        // end is reported later (onExecutionComplete); hold the reschedule until then.
        current.rescheduledTo = executionTime;
        return;
      }
      Attempt found = dead.get();
      if (found != null && found.key.equals(key)) { // the dead execution handler revived it
        dead.remove();
        lanes.close(found.slot, abandoned(found, executionTime));
        return;
      }
      // A new run: scheduled by application code, or by a task for another instance.
      JobRun run = run(instance, null, 1, dataOf(instance));
      lanes.publish(
          key,
          JobEnqueued.builder(run)
              .timestamp(clock.instant())
              .dueAt(executionTime)
              .trigger(JobEnqueued.Trigger.API)
              .triggeredBy(current == null ? null : current.run.runId())
              .build());
    } catch (Throwable t) {
      failed("onExecutionScheduled " + instance, t);
    }
  }

  @Override
  public void onExecutionStart(CurrentlyExecuting currentlyExecuting) {
    try {
      Attempt leaked = running.get();
      if (leaked != null) { // the previous execution on this thread never completed (task unknown)
        running.remove();
        lanes.close(leaked.slot, List.of());
      }
      Execution execution = currentlyExecuting.getExecution();
      TaskInstance<?> instance = execution.taskInstance;
      Instant now = clock.instant();
      JobRun run =
          run(instance, execution.lastSuccess, execution.consecutiveFailures + 1, dataOf(instance));
      Attempt attempt = new Attempt(key(instance), run, now, lanes.open(key(instance)));
      running.set(attempt);
      if (firstRunOfRecurringTask(execution)) {
        // db-scheduler schedules a recurring task's first run at start-up through a client that
        // tells no listener, so this is the first moment the adapter learns of the run.
        lanes.emit(
            attempt.slot,
            JobEnqueued.builder(run)
                .timestamp(min(execution.executionTime, now))
                .dueAt(execution.executionTime)
                .trigger(JobEnqueued.Trigger.SCHEDULE)
                .triggeredBy(instance.getTaskName())
                .build());
      }
      lanes.emit(
          attempt.slot, JobStarted.builder(run).timestamp(now).workerId(worker(execution)).build());
    } catch (Throwable t) {
      failed("onExecutionStart " + currentlyExecuting.getExecution(), t);
    }
  }

  @Override
  public void onExecutionComplete(ExecutionComplete complete) {
    try {
      Attempt attempt = running.get();
      running.remove();
      Execution execution = complete.getExecution();
      if (attempt == null || !attempt.key.equals(key(execution.taskInstance))) {
        LOG.warn(
            "db-scheduler reported {} complete without its start on this thread; no events"
                + " published for it",
            execution);
        publishFailures.incrementAndGet();
        return;
      }
      List<JobEvent> last;
      try {
        last = ending(attempt, complete);
      } catch (Throwable t) {
        failed("onExecutionComplete " + execution, t);
        last = List.of();
      }
      lanes.close(attempt.slot, last);
    } catch (Throwable t) {
      failed("onExecutionComplete " + complete.getExecution(), t);
    }
  }

  @Override
  public void onExecutionDead(Execution execution) {
    try {
      finishDead(true);
      TaskInstance<?> instance = execution.taskInstance;
      JobRun run =
          run(instance, execution.lastSuccess, execution.consecutiveFailures + 1, dataOf(instance));
      Attempt attempt = new Attempt(key(instance), run, clock.instant(), lanes.open(key(instance)));
      attempt.deadExecution = execution;
      dead.set(attempt);
    } catch (Throwable t) {
      failed("onExecutionDead " + execution, t);
    }
  }

  @Override
  public void onExecutionFailedHeartbeat(CurrentlyExecuting currentlyExecuting) {
    // Not an event: the execution goes on; if its heartbeats stay missing, another node finds it
    // dead.
  }

  @Override
  public void onSchedulerEvent(SchedulerEventType type) {
    try {
      switch (type) {
        case COMPLETIONHANDLER_ERROR, FAILUREHANDLER_ERROR -> {
          Attempt attempt = running.get();
          if (attempt != null) {
            attempt.handlerFailed = true;
          }
        }
        case DEAD_EXECUTION, RAN_DETECT_DEAD -> {
          // the dead execution handler of the execution before ended without reviving it
          finishDead(true);
        }
        case UNEXPECTED_ERROR -> {
          // a dead execution handler threw: db-scheduler finds the execution dead again later
          finishDead(false);
        }
        default -> {}
      }
    } catch (Throwable t) {
      failed("onSchedulerEvent " + type, t);
    }
  }

  @Override
  public void onCandidateEvent(CandidateEventType type) {}

  // ---------------------------------------------------------------- mapping

  /** The events that end an attempt, from db-scheduler's report and what its handlers did. */
  private List<JobEvent> ending(Attempt attempt, ExecutionComplete complete) {
    JobRun run = attempt.run;
    Instant done = complete.getTimeDone();
    Duration took = nonNegative(Duration.between(attempt.startedAt, done));
    Instant next = attempt.rescheduledTo;
    if (attempt.handlerFailed && next == null) {
      // db-scheduler leaves the execution picked; it is found dead later and reported then.
      return List.of();
    }
    List<JobEvent> events = new ArrayList<>(3);
    if (complete.getResult() == ExecutionComplete.Result.OK) {
      events.add(JobCompleted.builder(run).timestamp(done).duration(took).build());
      if (next != null) { // rescheduled after a success: the next recurrence, a new run
        TaskInstance<?> instance = complete.getExecution().taskInstance;
        JobRun nextRun = run(instance, done, 1, run.input());
        events.add(
            JobEnqueued.builder(nextRun)
                .timestamp(done)
                .dueAt(next)
                .trigger(JobEnqueued.Trigger.SCHEDULE)
                .triggeredBy(instance.getTaskName())
                .build());
      }
      return events;
    }
    JobError error =
        complete
            .getCause()
            .map(JobError::of)
            .orElseGet(() -> JobError.of("Unknown", "db-scheduler reported no cause"));
    if (next == null) {
      events.add(
          JobFailed.builder(run)
              .timestamp(done)
              .duration(took)
              .error(error)
              .deadLettered(deadLetterFinalFailures)
              .build());
    } else {
      retry(events, run, done, took, error, JobFailed.Reason.ERROR, next);
    }
    return events;
  }

  /** The failure trio: JobFailed (will retry), JobRetrying, JobEnqueued of the next attempt. */
  private void retry(
      List<JobEvent> events,
      JobRun run,
      Instant at,
      Duration took,
      JobError error,
      JobFailed.Reason reason,
      Instant next) {
    events.add(
        JobFailed.builder(run)
            .timestamp(at)
            .duration(took)
            .error(error)
            .reason(reason)
            .retryAt(next)
            .build());
    JobRetrying.Builder retrying =
        JobRetrying.builder(run)
            .timestamp(at)
            .delay(nonNegative(Duration.between(at, next)))
            .dueAt(next)
            .lastError(error);
    Integer retries = maxRetries.get(run.jobTypeId());
    if (retries != null && retries + 1 >= run.attempt() + 1) {
      retrying.maxAttempts(retries + 1); // db-scheduler's maxRetries(n) tries n + 1 times
    }
    events.add(retrying.build());
    events.add(
        JobEnqueued.builder(run.withAttempt(run.attempt() + 1))
            .timestamp(at)
            .dueAt(next)
            .trigger(JobEnqueued.Trigger.RETRY)
            .build());
  }

  /** The events of a dead execution that its handler revived (rescheduled to {@code next}). */
  private List<JobEvent> abandoned(Attempt found, Instant next) {
    List<JobEvent> events = new ArrayList<>(3);
    retry(
        events,
        found.run,
        found.startedAt,
        Duration.ZERO,
        deadError(found),
        JobFailed.Reason.ABANDONED,
        next);
    return events;
  }

  /** Ends the dead execution this thread is handling, if any: for good, or not at all. */
  private void finishDead(boolean forGood) {
    Attempt found = dead.get();
    if (found == null) {
      return;
    }
    dead.remove();
    List<JobEvent> events = List.of();
    if (forGood) { // the handler removed it (CancelDeadExecution) or left it alone
      events =
          List.of(
              JobFailed.builder(found.run)
                  .timestamp(found.startedAt)
                  .error(deadError(found))
                  .reason(JobFailed.Reason.ABANDONED)
                  .deadLettered(deadLetterFinalFailures)
                  .build());
    }
    lanes.close(found.slot, events);
  }

  private static JobError deadError(Attempt found) {
    Execution e = found.deadExecution;
    return JobError.of(
        "DeadExecution",
        "picked by "
            + e.pickedBy
            + ", which sent no heartbeat since "
            + e.lastHeartbeat
            + "; its node stopped or lost the database");
  }

  private JobRun run(TaskInstanceId instance, Instant lastSuccess, int attempt, String inputJson) {
    String task = instance.getTaskName();
    return new JobRun(runId(instance, lastSuccess), task, queue(task), attempt, inputJson);
  }

  /**
   * {@code taskName/instanceId}, and {@code @lastSuccess} once the instance has succeeded. The time
   * is taken as the database keeps it: rounded to the microsecond (as PostgreSQL's and most JDBC
   * drivers do), then cut to the millisecond, so that the node that completes a recurrence and
   * names the next run from its clock agrees with the node that runs it and reads the time back.
   */
  static String runId(TaskInstanceId instance, Instant lastSuccess) {
    String base = instance.getTaskName() + "/" + instance.getId();
    if (lastSuccess == null) {
      return base;
    }
    return base
        + "@"
        + lastSuccess.plusNanos(500).truncatedTo(ChronoUnit.MICROS).truncatedTo(ChronoUnit.MILLIS);
  }

  private String queue(String taskName) {
    String q = queues.apply(taskName);
    return q == null || q.isBlank() ? JobRun.DEFAULT_QUEUE : q;
  }

  private String dataOf(TaskInstanceId instance) {
    if (input == null || !(instance instanceof TaskInstance<?> ti)) {
      return null;
    }
    try {
      return input.toJson(ti.getData());
    } catch (Throwable t) {
      failed("input of " + instance.getTaskName() + "/" + instance.getId(), t);
      return null;
    }
  }

  private static boolean firstRunOfRecurringTask(Execution e) {
    return RecurringTask.INSTANCE.equals(e.taskInstance.getId())
        && e.lastSuccess == null
        && e.consecutiveFailures == 0;
  }

  private static String worker(Execution e) {
    String thread = Thread.currentThread().getName();
    return e.pickedBy == null || e.pickedBy.isBlank() ? thread : e.pickedBy + "/" + thread;
  }

  private static String key(TaskInstanceId instance) {
    return instance.getTaskName() + "/" + instance.getId();
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private void publishSafely(JobEvent event) {
    try {
      publisher.publish(event);
    } catch (Throwable t) {
      failed("publish " + event, t);
    }
  }

  private void failed(String what, Throwable t) {
    publishFailures.incrementAndGet();
    LOG.warn(
        "ZapJobs Events db-scheduler adapter: {} failed; the scheduler is unaffected", what, t);
  }

  /** One execution of a task instance, from its start (or its detection as dead) to its end. */
  private static final class Attempt {
    final String key;
    final JobRun run;
    final Instant startedAt;
    final RunLanes.Slot slot;
    Instant rescheduledTo;
    boolean handlerFailed;
    Execution deadExecution;

    Attempt(String key, JobRun run, Instant startedAt, RunLanes.Slot slot) {
      this.key = key;
      this.run = run;
      this.startedAt = startedAt;
      this.slot = slot;
    }
  }

  /** Configures what the adapter cannot read from db-scheduler. */
  public static final class Builder {
    private final JobEventPublisher publisher;
    private Function<String, String> queues = task -> JobRun.DEFAULT_QUEUE;
    private DataToJson input;
    private final Map<String, Integer> maxRetries = new HashMap<>();
    private boolean deadLetterFinalFailures = true;
    private Clock clock = Clock.systemUTC();

    private Builder(JobEventPublisher publisher) {
      this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /**
     * The queue name every run is put on; default {@code "default"} (db-scheduler has no queues).
     */
    public Builder queue(String queue) {
      Objects.requireNonNull(queue, "queue");
      return queue(task -> queue);
    }

    /** The queue name of a task's runs, from the task name; null or blank means the default. */
    public Builder queue(Function<String, String> byTaskName) {
      this.queues = Objects.requireNonNull(byTaskName, "byTaskName");
      return this;
    }

    /**
     * How a task instance's data becomes {@code JobRun.input}; default none (input null). Called
     * when an execution starts, on the scheduler's thread: keep it fast.
     */
    public Builder input(DataToJson toJson) {
      this.input = Objects.requireNonNull(toJson, "toJson");
      return this;
    }

    /**
     * The retry limit of a task, as given to its {@code FailureHandler.maxRetries(n)}, which keeps
     * it private: {@code JobRetrying.maxAttempts} is then {@code n + 1}. Without it, {@code
     * maxAttempts} is empty (unknown). Whether a failed attempt is retried is always read from what
     * the failure handler did, never from this number.
     */
    public Builder maxRetries(String taskName, int maxRetries) {
      Objects.requireNonNull(taskName, "taskName");
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
      }
      this.maxRetries.put(taskName, maxRetries);
      return this;
    }

    /**
     * Whether a final failure (the failure handler did not reschedule, or a dead execution was not
     * revived) is published with {@code deadLettered = true}; default true, because db-scheduler
     * keeps no dead letters and removes the execution: the run failed for good.
     */
    public Builder deadLetterFinalFailures(boolean deadLettered) {
      this.deadLetterFinalFailures = deadLettered;
      return this;
    }

    /**
     * The clock for the moments db-scheduler does not report (a run enqueued, an attempt started, a
     * dead execution found); default the system clock in UTC. End times come from db-scheduler.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The listener, for {@code SchedulerBuilder.addSchedulerListener}. */
    public ZapJobsDbScheduler build() {
      return new ZapJobsDbScheduler(this);
    }
  }
}
