package dev.zapjobs.events.kafka.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Lets through one log line per period and counts the ones it held back. Thread-safe. */
public final class RateLimitedLog {
  private final long periodNanos;
  private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong held = new AtomicLong();

  /** One line per {@code period} {@code unit}. */
  public RateLimitedLog(long period, TimeUnit unit) {
    this.periodNanos = unit.toNanos(period);
  }

  /**
   * Returns how many lines were held back since the last one let through (0 or more) if this one
   * may be logged now, or -1 if it must be held back (it is counted).
   */
  public long tryAcquire() {
    long now = System.nanoTime();
    long at = next.get();
    if ((at == Long.MIN_VALUE || now - at >= 0) && next.compareAndSet(at, now + periodNanos)) {
      return held.getAndSet(0);
    }
    held.incrementAndGet();
    return -1;
  }
}
