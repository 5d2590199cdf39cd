package dev.zapjobs.events.runtime.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting for a condition with a deadline, for {@code awaitIdle} and {@code close}. */
final class Await {
  private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

  private Await() {}

  /**
   * Polls {@code condition} until it holds or {@code deadline} (System.nanoTime) passes; true if it
   * held. An interrupted caller does not wait: it gets the condition's value at once.
   */
  static boolean until(long deadline, BooleanSupplier condition) {
    while (!condition.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      LockSupport.parkNanos(Await.class, Math.min(left, POLL_NANOS));
      if (Thread.currentThread().isInterrupted()) {
        return condition.getAsBoolean();
      }
    }
    return true;
  }

  /** {@link #until} for {@code awaitIdle}: throws if interrupted without the condition holding. */
  static boolean idle(java.time.Duration timeout, BooleanSupplier idle)
      throws InterruptedException {
    boolean done = until(System.nanoTime() + Math.max(0, timeout.toNanos()), idle);
    if (!done && Thread.interrupted()) {
      throw new InterruptedException();
    }
    return done;
  }
}
