package dev.zapjobs.events.quartz.internal;

import dev.zapjobs.events.quartz.RetryPolicy;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Trigger;

/**
 * What the user told the adapter about their jobs: how to name the queue, the job type, the input
 * and the output, which retry policy applies, whether final failures are dead-lettered, and the
 * clock.
 *
 * @param queue the queue of a run, from the trigger that fired it
 * @param jobTypeId the job type of a run, from its job's key
 * @param input the input JSON of a run, from its job data, or {@code null}
 * @param output the output JSON of a run, from the job's result (never called with {@code null})
 * @param retryPolicy the retry policy of a job
 * @param deadLetterFinalFailures whether a run's final {@code JobFailed} is dead-lettered
 * @param clock the clock of timestamps, durations and due times
 */
public record Settings(
    Function<? super Trigger, String> queue,
    Function<? super JobKey, String> jobTypeId,
    Function<? super JobDataMap, String> input,
    Function<Object, String> output,
    Function<? super JobDetail, RetryPolicy> retryPolicy,
    boolean deadLetterFinalFailures,
    Clock clock) {

  /** Checks that every component is set. */
  public Settings {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(jobTypeId, "jobTypeId");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(retryPolicy, "retryPolicy");
    Objects.requireNonNull(clock, "clock");
  }
}
