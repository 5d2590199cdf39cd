package dev.zapjobs.events.runtime;

/** How a delivery failed. Each kind is counted per handler and logged (rate-limited). */
public enum FailureKind {
  /** The handler method threw (any {@code Throwable}, including {@code Error}s). */
  THROWN,
  /** An asynchronous handler's {@code CompletionStage} completed exceptionally. */
  STAGE_FAILED,
  /** An asynchronous handler's stage did not complete within the async timeout. */
  TIMED_OUT
}
