package dev.zapjobs.events.sample.runner;

import java.util.Objects;

/**
 * A named kind of job: what it does, which queue it belongs to, and how it is retried.
 *
 * @param id the job type id, for example {@code "send-email"}; not blank
 * @param queue the queue its runs are put on; not blank
 * @param retryPolicy how failed attempts are retried
 * @param function what one attempt does
 */
public record JobType(String id, String queue, RetryPolicy retryPolicy, JobFunction function) {

  /** The queue of a job type made by {@link #of}. */
  public static final String DEFAULT_QUEUE = "default";

  /** Validates the components. */
  public JobType {
    requireNotBlank(id, "id");
    requireNotBlank(queue, "queue");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    Objects.requireNonNull(function, "function");
  }

  /**
   * A job type on the {@link #DEFAULT_QUEUE} that is never retried; see the {@code with…} methods.
   */
  public static JobType of(String id, JobFunction function) {
    return new JobType(id, DEFAULT_QUEUE, RetryPolicy.none(), function);
  }

  /** This job type on another queue. */
  public JobType withQueue(String newQueue) {
    return new JobType(id, newQueue, retryPolicy, function);
  }

  /** This job type with another retry policy. */
  public JobType withRetryPolicy(RetryPolicy newPolicy) {
    return new JobType(id, queue, newPolicy, function);
  }

  private static void requireNotBlank(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }
}
