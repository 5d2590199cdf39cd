package dev.zapjobs.events;

/**
 * The run of a job that an event is about: shared by every event of that run and attempt.
 *
 * <pre>{@code
 * JobRun run = JobRun.of("run-42", "send-invoice");          // queue "default", attempt 1
 * JobRun retry = run.withQueue("billing").withAttempt(2).withInput("{\"invoice\":7}");
 * }</pre>
 *
 * @param runId the run's id: opaque text, the job system's own where it has one (a db-scheduler
 *     instance id, a JobRunr job id, a UUID, …); every event of one run carries the same id, across
 *     its retries; not blank
 * @param jobTypeId the job's type, for example {@code "send-invoice"}; not blank
 * @param queue the queue the run was taken from; not blank ({@value #DEFAULT_QUEUE} for job systems
 *     without queues)
 * @param attempt the attempt number, starting at 1
 * @param input the job's input as JSON text, or {@code null} if it has none
 */
public record JobRun(String runId, String jobTypeId, String queue, int attempt, String input) {

  /** The queue of a run whose job system has no queues: {@value}. */
  public static final String DEFAULT_QUEUE = "default";

  /** Validates the components. */
  public JobRun {
    Checks.notBlank(runId, "runId");
    Checks.notBlank(jobTypeId, "jobTypeId");
    Checks.notBlank(queue, "queue");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
  }

  /**
   * The first attempt of a run on the {@linkplain #DEFAULT_QUEUE default queue}, without input.
   *
   * @param runId the run's id; not blank
   * @param jobTypeId the job's type; not blank
   */
  public static JobRun of(String runId, String jobTypeId) {
    return new JobRun(runId, jobTypeId, DEFAULT_QUEUE, 1, null);
  }

  /** This run at another attempt number; everything else unchanged. */
  public JobRun withAttempt(int newAttempt) {
    return new JobRun(runId, jobTypeId, queue, newAttempt, input);
  }

  /** This run on another queue; everything else unchanged. */
  public JobRun withQueue(String newQueue) {
    return new JobRun(runId, jobTypeId, newQueue, attempt, input);
  }

  /** This run with another input (JSON text, or {@code null}); everything else unchanged. */
  public JobRun withInput(String newInput) {
    return new JobRun(runId, jobTypeId, queue, attempt, newInput);
  }

  /**
   * A short form for logs, {@code send-invoice run-42 #2 on billing}; the input is left out (it can
   * be long).
   */
  @Override
  public String toString() {
    return jobTypeId + " " + runId + " #" + attempt + " on " + queue;
  }
}
