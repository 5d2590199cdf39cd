package dev.zapjobs.events.jobrunr;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jobrunr.jobs.AbstractJob;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.JobDetails;
import org.jobrunr.jobs.filters.ApplyStateFilter;
import org.jobrunr.jobs.filters.JobClientFilter;
import org.jobrunr.jobs.filters.JobServerFilter;
import org.jobrunr.jobs.states.DeletedState;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.ProcessingState;
import org.jobrunr.jobs.states.ScheduledState;
import org.jobrunr.jobs.states.StateName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the five job lifecycle events from JobRunr: one {@code JobFilter}, added in one line.
 *
 * <pre>{@code
 * JobRunr.configure()
 *     .useStorageProvider(storageProvider)
 *     .withJobFilter(ZapJobsJobRunr.filter(dispatcher))
 *     .useBackgroundJobServer()
 *     .initialize();
 * }</pre>
 *
 * <p>It maps JobRunr's state changes, in the lifecycle order of {@code docs/EVENTS.md}: a job
 * created (ENQUEUED, or SCHEDULED for later) is {@code JobEnqueued#1}; ENQUEUED → PROCESSING is
 * {@code JobStarted#n}, where n is the number of FAILED states before it + 1; PROCESSING →
 * SUCCEEDED is {@code JobCompleted#n}; PROCESSING → FAILED is {@code JobFailed#n}, followed by
 * {@code JobRetrying#n} and {@code JobEnqueued#n+1} when JobRunr's {@code RetryFilter} scheduled a
 * retry, else final and dead-lettered (a failed job waits in JobRunr's "Failed" list for a human);
 * a job deleted before it finished is {@code JobFailed} with reason {@code CANCELLED}; a job whose
 * server died or stopped while processing it (an orphaned job) fails with reason {@code ABANDONED}.
 * The run id is the job's UUID.
 *
 * <p>It is a {@link JobClientFilter}, an {@link ApplyStateFilter} and a {@link JobServerFilter},
 * and on purpose not an {@code ElectStateFilter}: JobRunr keeps only the last of those, and the
 * adapter must not displace the {@code RetryFilter}. No method throws into JobRunr: a failure to
 * build or publish an event is logged and counted ({@link #publishFailures()}). The field table is
 * in {@code docs/JOBRUNR.md}.
 */
public final class ZapJobsJobRunr implements JobClientFilter, ApplyStateFilter, JobServerFilter {
  private static final Logger LOG = LoggerFactory.getLogger(ZapJobsJobRunr.class);

  /** The message JobRunr gives a job whose server stopped sending heartbeats while it ran. */
  static final String ORPHANED = "Orphaned job";

  /** The message JobRunr gives a job that was processing when its server stopped. */
  static final String SERVER_STOPPED =
      "Job processing was stopped as background job server has stopped";

  private final JobEventPublisher publisher;
  private final Function<Job, String> jobTypes;
  private final Function<Job, String> queues;
  private final Function<Job, String> inputs;
  private final Integer maxRetries;
  private final boolean deadLetterFinalFailures;
  private final ThreadLocal<Failure> lastFailure = new ThreadLocal<>();
  private final AtomicLong publishFailures = new AtomicLong();

  private ZapJobsJobRunr(Builder b) {
    this.publisher = b.publisher;
    this.jobTypes = b.jobTypes;
    this.queues = b.queues;
    this.inputs = b.inputs;
    this.maxRetries = b.maxRetries;
    this.deadLetterFinalFailures = b.deadLetterFinalFailures;
  }

  /** A filter that publishes every lifecycle event to {@code publisher}, with the defaults. */
  public static ZapJobsJobRunr filter(JobEventPublisher publisher) {
    return builder(publisher).build();
  }

  /** Starts configuring a filter for what the adapter cannot read from JobRunr. */
  public static Builder builder(JobEventPublisher publisher) {
    return new Builder(publisher);
  }

  /** How many events could not be built or published (each was logged); 0 when all is well. */
  public long publishFailures() {
    return publishFailures.get();
  }

  // ---------------------------------------------------------------- JobRunr's callbacks

  /** A job was saved by the client (JobScheduler, JobRequestScheduler, BackgroundJob). */
  @Override
  public void onCreated(AbstractJob created) {
    if (!(created instanceof Job job)) {
      return; // a recurring job's definition: its runs are created by the server later
    }
    try {
      publish(enqueued(job, job.getJobState(0), JobEnqueued.Trigger.API));
    } catch (Throwable t) {
      failed("onCreated " + job.getId(), t);
    }
  }

  /** Keeps the exception of a failing job for its JobFailed (same thread, just before). */
  @Override
  public void onProcessingFailed(Job job, Exception e) {
    Exception actual =
        e instanceof InvocationTargetException && e.getCause() instanceof Exception cause
            ? cause
            : e;
    lastFailure.set(new Failure(job.getId(), actual));
  }

  @Override
  public void onStateApplied(Job job, JobState oldState, JobState newState) {
    try {
      List<JobState> states = job.getJobStates();
      int index = indexOf(states, newState);
      if (index < 0) {
        return;
      }
      int attempt = 1 + failuresBefore(states, index);
      StateName to = newState.getName();
      if (oldState == null) {
        // created by the server: a recurring job's run (clients' jobs come through onCreated)
        if (job.getRecurringJobId().isPresent()) {
          publish(enqueued(job, newState, JobEnqueued.Trigger.SCHEDULE));
        }
        return;
      }
      StateName from = oldState.getName();
      if (to == StateName.PROCESSING) {
        started(job, states, index, attempt);
      } else if (from == StateName.PROCESSING && to == StateName.SUCCEEDED) {
        JobRun run = run(job, attempt);
        publish(
            JobCompleted.builder(run)
                .timestamp(newState.getCreatedAt())
                .duration(since(oldState, newState.getCreatedAt()))
                .build());
      } else if (from == StateName.PROCESSING && to == StateName.FAILED) {
        failed(job, states, index, (ProcessingState) oldState, (FailedState) newState, attempt);
      } else if (to == StateName.DELETED
          && from != StateName.SUCCEEDED
          && from != StateName.FAILED
          && from != StateName.DELETED) {
        cancelled(job, oldState, (DeletedState) newState, attempt);
      }
      // SCHEDULED → ENQUEUED, FAILED → SCHEDULED (published with the failure), AWAITING → …:
      // steps inside an enqueued run, no event
    } catch (Throwable t) {
      failed("onStateApplied " + job.getId() + " " + oldState + " -> " + newState, t);
    }
  }

  // ---------------------------------------------------------------- mapping

  private void started(Job job, List<JobState> states, int index, int attempt) {
    JobRun run = run(job, attempt);
    JobState before = index > 0 ? states.get(index - 1) : null;
    JobState beforeThat = index > 1 ? states.get(index - 2) : null;
    if (before != null
        && before.getName() == StateName.ENQUEUED
        && beforeThat != null
        && beforeThat.getName() == StateName.FAILED) {
      // FAILED → ENQUEUED with no retry in between: a failed job requeued from the dashboard,
      // which runs no job filters. Its enqueue is learnt only now.
      publish(
          JobEnqueued.builder(run)
              .timestamp(before.getCreatedAt())
              .trigger(JobEnqueued.Trigger.MANUAL)
              .build());
    }
    ProcessingState processing = (ProcessingState) states.get(index);
    String server = processing.getServerName();
    publish(
        JobStarted.builder(run)
            .timestamp(processing.getCreatedAt())
            .workerId(server == null || server.isBlank() ? processing.getServerId() + "" : server)
            .build());
  }

  private void failed(
      Job job,
      List<JobState> states,
      int index,
      ProcessingState processing,
      FailedState failure,
      int attempt) {
    JobRun run = run(job, attempt);
    Instant at = failure.getCreatedAt();
    Duration took = since(processing, at);
    JobError error = error(job.getId(), failure);
    JobFailed.Reason reason =
        abandoned(failure) ? JobFailed.Reason.ABANDONED : JobFailed.Reason.ERROR;
    JobState next = index + 1 < states.size() ? states.get(index + 1) : null;
    if (!(next instanceof ScheduledState retry)) {
      publish(
          JobFailed.builder(run)
              .timestamp(at)
              .duration(took)
              .error(error)
              .reason(reason)
              .deadLettered(deadLetterFinalFailures)
              .build());
      return;
    }
    Instant due = retry.getScheduledAt();
    publish(
        JobFailed.builder(run)
            .timestamp(at)
            .duration(took)
            .error(error)
            .reason(reason)
            .retryAt(due)
            .build());
    JobRetrying.Builder retrying =
        JobRetrying.builder(run)
            .timestamp(at)
            .delay(nonNegative(Duration.between(at, due)))
            .dueAt(due)
            .lastError(error);
    Integer retries = job.getAmountOfRetries() != null ? job.getAmountOfRetries() : maxRetries;
    if (retries != null && retries + 1 >= attempt + 1) {
      retrying.maxAttempts(retries + 1); // RetryFilter retries n times: n + 1 attempts
    }
    publish(retrying.build());
    publish(
        JobEnqueued.builder(run.withAttempt(attempt + 1))
            .timestamp(at)
            .dueAt(due)
            .trigger(JobEnqueued.Trigger.RETRY)
            .triggeredBy(job.getRecurringJobId().orElse(null))
            .build());
  }

  private void cancelled(Job job, JobState from, DeletedState deleted, int attempt) {
    Instant at = deleted.getCreatedAt();
    publish(
        JobFailed.builder(run(job, attempt))
            .timestamp(at)
            .duration(from.getName() == StateName.PROCESSING ? since(from, at) : Duration.ZERO)
            .error(JobError.of("Deleted", deleted.getReason()))
            .reason(JobFailed.Reason.CANCELLED)
            .build());
  }

  private JobEnqueued enqueued(Job job, JobState state, JobEnqueued.Trigger trigger) {
    return JobEnqueued.builder(run(job, 1))
        .timestamp(state.getCreatedAt())
        .dueAt(state instanceof ScheduledState s ? s.getScheduledAt() : null)
        .trigger(trigger)
        .triggeredBy(job.getRecurringJobId().orElse(null))
        .build();
  }

  /** The error of a failed attempt: as JobRunr stored it, with the exception when it ran here. */
  private JobError error(UUID jobId, FailedState failure) {
    Failure here = lastFailure.get();
    lastFailure.remove();
    String type = failure.getExceptionType();
    if (type == null || type.isBlank()) {
      type = "JobRunrFailure";
    }
    Throwable throwable = here != null && here.jobId.equals(jobId) ? here.exception : null;
    String message =
        failure.getExceptionMessage() == null
            ? failure.getMessage()
            : failure.getExceptionMessage();
    return new JobError(type, message, failure.getStackTrace(), throwable);
  }

  /** Orphaned (its server stopped sending heartbeats) or interrupted by its server stopping. */
  private static boolean abandoned(FailedState failure) {
    return ORPHANED.equals(failure.getMessage()) || SERVER_STOPPED.equals(failure.getMessage());
  }

  private JobRun run(Job job, int attempt) {
    String type = orDefault(jobTypes.apply(job), () -> defaultJobType(job));
    String queue = orDefault(queues.apply(job), () -> JobRun.DEFAULT_QUEUE);
    return new JobRun(job.getId().toString(), type, queue, attempt, input(job));
  }

  private String input(Job job) {
    if (inputs == null) {
      return null;
    }
    try {
      return inputs.apply(job);
    } catch (Throwable t) {
      failed("input of job " + job.getId(), t);
      return null;
    }
  }

  /** {@code com.acme.Mailer.send}, or the request's class for a {@code JobRequest}. */
  static String defaultJobType(Job job) {
    JobDetails details = job.getJobDetails();
    if ("run".equals(details.getMethodName()) && details.getJobParameters().size() == 1) {
      String request = details.getJobParameters().get(0).getClassName();
      if (request != null && !request.isBlank()) {
        return request; // a JobRequest: its handler's run(request)
      }
    }
    return details.getClassName() + "." + details.getMethodName();
  }

  private static String orDefault(String value, java.util.function.Supplier<String> fallback) {
    return value == null || value.isBlank() ? fallback.get() : value;
  }

  private static int indexOf(List<JobState> states, JobState state) {
    for (int i = states.size() - 1; i >= 0; i--) {
      if (states.get(i) == state) {
        return i;
      }
    }
    return -1;
  }

  private static int failuresBefore(List<JobState> states, int index) {
    int failures = 0;
    for (int i = 0; i < index; i++) {
      if (states.get(i).getName() == StateName.FAILED) {
        failures++;
      }
    }
    return failures;
  }

  private static Duration since(JobState state, Instant end) {
    return nonNegative(Duration.between(state.getCreatedAt(), end));
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  private void publish(JobEvent event) {
    try {
      publisher.publish(event);
    } catch (Throwable t) {
      failed("publish " + event, t);
    }
  }

  private void failed(String what, Throwable t) {
    publishFailures.incrementAndGet();
    LOG.warn("ZapJobs Events JobRunr adapter: {} failed; JobRunr is unaffected", what, t);
  }

  private record Failure(UUID jobId, Exception exception) {}

  /** Configures what the adapter cannot read from JobRunr. */
  public static final class Builder {
    private final JobEventPublisher publisher;
    private Function<Job, String> jobTypes = job -> null;
    private Function<Job, String> queues = job -> null;
    private Function<Job, String> inputs;
    private Integer maxRetries;
    private boolean deadLetterFinalFailures = true;

    private Builder(JobEventPublisher publisher) {
      this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    /**
     * The job type of a job; default the {@code JobRequest} class for request jobs, else {@code
     * class.method} of the job lambda. Null or blank falls back to the default.
     */
    public Builder jobType(Function<Job, String> jobType) {
      this.jobTypes = Objects.requireNonNull(jobType, "jobType");
      return this;
    }

    /** The queue of a job; default {@code "default"}. Null or blank falls back to the default. */
    public Builder queue(Function<Job, String> queue) {
      this.queues = Objects.requireNonNull(queue, "queue");
      return this;
    }

    /**
     * The JSON text of a job's input ({@code JobRun.input}), e.g. from {@code
     * job.getJobDetails().getJobParameters()}; default none. Called for every event on JobRunr's
     * threads: keep it fast. An exception is logged and the event published without input.
     */
    public Builder input(Function<Job, String> input) {
      this.inputs = Objects.requireNonNull(input, "input");
      return this;
    }

    /**
     * The number of retries your {@code RetryFilter} allows (JobRunr's default filter: 10), which
     * it keeps private: {@code JobRetrying.maxAttempts} is then {@code n + 1}. A job's own
     * {@code @Job(retries = …)} wins. Without either, {@code maxAttempts} is empty (unknown).
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Whether a final failure (no retry scheduled) is published with {@code deadLettered = true};
     * default true: the job waits in JobRunr's "Failed" list until a human requeues or deletes it.
     */
    public Builder deadLetterFinalFailures(boolean deadLettered) {
      this.deadLetterFinalFailures = deadLettered;
      return this;
    }

    /** The filter, for {@code JobRunr.configure().withJobFilter(...)}. */
    public ZapJobsJobRunr build() {
      return new ZapJobsJobRunr(this);
    }
  }
}
