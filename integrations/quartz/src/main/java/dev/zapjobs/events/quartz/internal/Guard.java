package dev.zapjobs.events.quartz.internal;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobEventPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wall between the adapter and Quartz's threads: publishes without ever throwing, and counts
 * and logs (at most one warning per ten seconds, with the number held back) what went wrong.
 */
final class Guard {
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final JobEventPublisher publisher;
  private final AtomicLong publishFailures = new AtomicLong();
  private final AtomicLong mappingFailures = new AtomicLong();
  private final AtomicLong nextWarningAt = new AtomicLong(System.nanoTime());
  private final AtomicLong heldBack = new AtomicLong();
  private volatile Logger log;

  Guard(JobEventPublisher publisher) {
    this.publisher = publisher;
  }

  /** Hands {@code event} to the publisher; a publisher that throws is counted and logged. */
  void publish(JobEvent event) {
    try {
      publisher.publish(event);
    } catch (Throwable t) { // never into Quartz's thread
      publishFailures.incrementAndGet();
      warn("ZapJobs Events: the publisher threw on " + event + "; the event is lost", t);
    }
  }

  /** Something in the adapter, or a function the user gave it, failed: counted and logged. */
  void failed(String what, Throwable t) {
    mappingFailures.incrementAndGet();
    warn("ZapJobs Events (Quartz): " + what, t);
  }

  /** A problem that is not a failure of the adapter, but that the user should know about. */
  void warnOnly(String what, Throwable t) {
    warn("ZapJobs Events (Quartz): " + what, t);
  }

  long publishFailures() {
    return publishFailures.get();
  }

  long mappingFailures() {
    return mappingFailures.get();
  }

  private void warn(String message, Throwable t) {
    try {
      long now = System.nanoTime();
      long due = nextWarningAt.get();
      if (now - due >= 0 && nextWarningAt.compareAndSet(due, now + LOG_INTERVAL_NANOS)) {
        long held = heldBack.getAndSet(0);
        logger()
            .warn(
                held == 0 ? message : message + " (" + held + " more held back since the last)", t);
      } else {
        heldBack.incrementAndGet();
      }
    } catch (Throwable ignored) { // a broken logging backend must not reach Quartz either
    }
  }

  private Logger logger() {
    Logger l = log;
    if (l == null) {
      l = LoggerFactory.getLogger("dev.zapjobs.events.quartz.ZapJobsQuartz");
      log = l;
    }
    return l;
  }
}
