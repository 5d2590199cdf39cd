package dev.zapjobs.events.runtime;

/**
 * How one handler call settled, as reported to a {@link JobEventObserver}: delivered, or one of the
 * {@link FailureKind}s.
 */
public enum Outcome {
  /** The method returned normally (an asynchronous handler's stage completed normally). */
  DELIVERED(null),
  /** The handler method threw. */
  THROWN(FailureKind.THROWN),
  /** An asynchronous handler's stage completed exceptionally. */
  STAGE_FAILED(FailureKind.STAGE_FAILED),
  /** An asynchronous handler's stage did not complete within the async timeout. */
  TIMED_OUT(FailureKind.TIMED_OUT);

  private final FailureKind failureKind;

  Outcome(FailureKind failureKind) {
    this.failureKind = failureKind;
  }

  /** True for every outcome but {@link #DELIVERED}. */
  public boolean isFailure() {
    return failureKind != null;
  }

  /** The failure kind this outcome is counted under, or {@code null} for {@link #DELIVERED}. */
  public FailureKind failureKind() {
    return failureKind;
  }
}
