package dev.zapjobs.events.runtime.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free histogram of durations in power-of-two nanosecond buckets: percentiles are reported
 * as the upper bound of their bucket (at most 2x the true value), the maximum exactly.
 */
public final class LatencyHistogram {
  private static final int BUCKETS = 64;
  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong max = new AtomicLong();

  /** Records one duration in nanoseconds (negative values count as 0). */
  public void record(long nanos) {
    long n = Math.max(0, nanos);
    counts.incrementAndGet(bucket(n));
    long m = max.get();
    while (n > m && !max.compareAndSet(m, n)) {
      m = max.get();
    }
  }

  private static int bucket(long n) {
    return 64 - Long.numberOfLeadingZeros(n); // 0 for 0, 1 for 1, 2 for 2..3, ...
  }

  /** The upper bound of the bucket holding the given quantile (0 < q <= 1), or zero if empty. */
  public Duration percentile(double q) {
    long total = 0;
    long[] snapshot = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      snapshot[i] = counts.get(i);
      total += snapshot[i];
    }
    if (total == 0) {
      return Duration.ZERO;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += snapshot[i];
      if (seen >= rank) {
        long upper = i == 0 ? 0 : (i >= 63 ? Long.MAX_VALUE : (1L << i) - 1);
        return Duration.ofNanos(Math.min(upper, max.get()));
      }
    }
    return Duration.ofNanos(max.get());
  }

  /** The largest duration recorded. */
  public Duration max() {
    return Duration.ofNanos(max.get());
  }
}
