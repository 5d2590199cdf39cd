package dev.zapjobs.events.runtime.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one message through per interval and counts the ones it holds back, so that a handler
 * failing on every event cannot flood the log. Lock-free.
 */
public final class RateLimitedLog {
  private final long intervalNanos;
  private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressed = new AtomicLong();

  /** One message per {@code interval} of {@code unit}. */
  public RateLimitedLog(long interval, TimeUnit unit) {
    this.intervalNanos = unit.toNanos(interval);
  }

  /**
   * Returns -1 if this message must be held back; otherwise how many were held back since the last
   * one that went through (to be mentioned in the message).
   */
  public long tryAcquire() {
    long now = System.nanoTime();
    long next = nextAllowed.get();
    if ((next == Long.MIN_VALUE || now - next >= 0)
        && nextAllowed.compareAndSet(next, now + intervalNanos)) {
      return suppressed.getAndSet(0);
    }
    suppressed.incrementAndGet();
    return -1;
  }
}
