package dev.zapjobs.events.sample.runner;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential back-off: after attempt {@code n} fails, the next attempt is due after {@code
 * min(maxDelay, baseDelay × multiplier^(n-1))}; after attempt {@code maxAttempts} fails, the run is
 * dead-lettered. No jitter, so that delays are predictable in the demo and in tests.
 *
 * @param maxAttempts the highest attempt number that is tried; at least 1 (1 = never retry)
 * @param baseDelay the delay after the first failed attempt; not negative
 * @param multiplier the growth factor per failed attempt; at least 1
 * @param maxDelay the cap on any one delay; not smaller than {@code baseDelay}
 */
public record RetryPolicy(
    int maxAttempts, Duration baseDelay, double multiplier, Duration maxDelay) {

  /** Validates the components. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (baseDelay.isNegative()) {
      throw new IllegalArgumentException("baseDelay must not be negative, was " + baseDelay);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be finite and >= 1, was " + multiplier);
    }
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay must be >= baseDelay " + baseDelay + ", was " + maxDelay);
    }
  }

  /** Doubling back-off from {@code baseDelay}, capped at one hour. */
  public static RetryPolicy exponential(int maxAttempts, Duration baseDelay) {
    Duration cap = Duration.ofHours(1);
    return new RetryPolicy(
        maxAttempts, baseDelay, 2.0, baseDelay.compareTo(cap) > 0 ? baseDelay : cap);
  }

  /** One attempt only: a failure dead-letters the run at once. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);
  }

  /** Whether a run whose attempt {@code failedAttempt} just failed gets another attempt. */
  public boolean retriesAfter(int failedAttempt) {
    return failedAttempt < maxAttempts;
  }

  /**
   * The back-off after attempt {@code failedAttempt} (1-based) failed: {@code min(maxDelay,
   * baseDelay × multiplier^(failedAttempt-1))}, rounded down to whole nanoseconds.
   */
  public Duration delayAfter(int failedAttempt) {
    if (failedAttempt < 1) {
      throw new IllegalArgumentException("failedAttempt must be >= 1, was " + failedAttempt);
    }
    double nanos = baseDelay.toNanos() * Math.pow(multiplier, failedAttempt - 1);
    if (nanos >= maxDelay.toNanos()) {
      return maxDelay;
    }
    return Duration.ofNanos((long) nanos);
  }
}
