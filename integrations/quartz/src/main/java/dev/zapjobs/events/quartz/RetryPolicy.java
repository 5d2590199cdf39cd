package dev.zapjobs.events.quartz;

import java.time.Duration;
import java.util.Objects;

/**
 * How often, and after what back-off, the adapter retries a failed Quartz job. Quartz itself only
 * knows "refire immediately"; with a policy that allows more than one attempt, the adapter
 * schedules a one-shot trigger for the next attempt, due after the back-off, that carries the run's
 * id and attempt number.
 *
 * <pre>{@code
 * RetryPolicy.none()                                            // Quartz's own behaviour: no retry
 * RetryPolicy.fixed(3, Duration.ofSeconds(10))                  // 10 s, 10 s
 * RetryPolicy.exponential(5, Duration.ofSeconds(1))             // 1 s, 2 s, 4 s, 8 s
 *     .withMaxDelay(Duration.ofSeconds(5))                      // 1 s, 2 s, 4 s, 5 s
 * }</pre>
 */
public final class RetryPolicy {
  private static final Duration LONGEST = Duration.ofDays(365L * 1000);
  private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1, null);

  private final int maxAttempts;
  private final Duration firstDelay;
  private final int multiplier;
  private final Duration maxDelay;

  private RetryPolicy(int maxAttempts, Duration firstDelay, int multiplier, Duration maxDelay) {
    this.maxAttempts = maxAttempts;
    this.firstDelay = firstDelay;
    this.multiplier = multiplier;
    this.maxDelay = maxDelay;
  }

  /** No retries: a failed attempt is the run's last (Quartz's own behaviour). The default. */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * Up to {@code maxAttempts} attempts in all, {@code delay} apart.
   *
   * @param maxAttempts the highest attempt number that will be tried, at least 1
   * @param delay the back-off after each failed attempt, not negative
   */
  public static RetryPolicy fixed(int maxAttempts, Duration delay) {
    return new RetryPolicy(checkAttempts(maxAttempts), checkDelay(delay, "delay"), 1, null);
  }

  /**
   * Up to {@code maxAttempts} attempts in all; the back-off doubles after each failure, starting
   * with {@code firstDelay} after the first.
   *
   * @param maxAttempts the highest attempt number that will be tried, at least 1
   * @param firstDelay the back-off after the first failed attempt, not negative
   */
  public static RetryPolicy exponential(int maxAttempts, Duration firstDelay) {
    return new RetryPolicy(
        checkAttempts(maxAttempts), checkDelay(firstDelay, "firstDelay"), 2, null);
  }

  /** This policy with every back-off capped at {@code maxDelay}. */
  public RetryPolicy withMaxDelay(Duration maxDelay) {
    return new RetryPolicy(maxAttempts, firstDelay, multiplier, checkDelay(maxDelay, "maxDelay"));
  }

  /** The highest attempt number that will be tried: 1 means no retry. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Whether an attempt numbered {@code failedAttempt} that failed is followed by another. */
  public boolean retriesAfter(int failedAttempt) {
    return failedAttempt < maxAttempts;
  }

  /**
   * The back-off after attempt {@code failedAttempt} failed: {@code firstDelay × multiplier^(n-1)},
   * capped by the maximum delay if one is set.
   */
  public Duration delayAfter(int failedAttempt) {
    if (failedAttempt < 1) {
      throw new IllegalArgumentException("failedAttempt must be >= 1, was " + failedAttempt);
    }
    Duration delay = firstDelay;
    for (int i = 1; i < failedAttempt && multiplier > 1 && !delay.isZero(); i++) {
      if (maxDelay != null && delay.compareTo(maxDelay) >= 0 || delay.compareTo(LONGEST) >= 0) {
        break; // capped, or long enough that doubling again would overflow a Duration
      }
      delay = delay.multipliedBy(multiplier);
    }
    return maxDelay != null && delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  @Override
  public String toString() {
    if (maxAttempts == 1) {
      return "RetryPolicy[none]";
    }
    return "RetryPolicy["
        + maxAttempts
        + " attempts, "
        + (multiplier == 1 ? "every " + firstDelay : firstDelay + " doubling")
        + (maxDelay == null ? "" : ", at most " + maxDelay)
        + "]";
  }

  private static int checkAttempts(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    return maxAttempts;
  }

  private static Duration checkDelay(Duration delay, String name) {
    Objects.requireNonNull(delay, name);
    if (delay.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + delay);
    }
    return delay;
  }
}
