package dev.zapjobs.events.sample.runner;

import dev.zapjobs.events.JobRun;

/**
 * What a job does: reads the run (its input JSON text, attempt number, …) and returns a result.
 * Throwing fails the attempt; the runner then retries or dead-letters the run per the job type's
 * {@link RetryPolicy}.
 */
@FunctionalInterface
public interface JobFunction {

  /**
   * Runs one attempt.
   *
   * @param run the run, with its input and the number of this attempt
   * @return the output (or {@code null}, taken as {@link JobResult#empty()})
   * @throws Exception anything: the attempt fails
   */
  JobResult execute(JobRun run) throws Exception;
}
