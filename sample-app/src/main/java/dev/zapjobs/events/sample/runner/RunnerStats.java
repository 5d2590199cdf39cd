package dev.zapjobs.events.sample.runner;

/**
 * A snapshot of a {@link JobRunner}'s counters.
 *
 * @param runs runs submitted (each counts once however many attempts it takes)
 * @param attempts attempts started
 * @param succeeded runs that completed
 * @param failedAttempts attempts that failed (retried or not)
 * @param retries retries scheduled
 * @param retriedRuns runs that needed at least one retry
 * @param deadLettered runs that failed for good
 * @param inFlight runs neither completed nor dead-lettered yet (queued, waiting or running)
 * @param publishFailures events the publisher threw on (a correct publisher never does)
 */
public record RunnerStats(
    long runs,
    long attempts,
    long succeeded,
    long failedAttempts,
    long retries,
    long retriedRuns,
    long deadLettered,
    long inFlight,
    long publishFailures) {}
