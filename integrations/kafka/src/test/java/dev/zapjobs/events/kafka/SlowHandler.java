package dev.zapjobs.events.kafka;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.OnJobEvent;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Handles an event only when the test lets it: one permit per event. Every test dispatcher finds
 * this class (discovery sees all test handlers); the instance made with the no-arg constructor,
 * used where a test does not supply its own, never waits.
 */
final class SlowHandler {
  final Semaphore permits;
  final AtomicLong handled = new AtomicLong();

  SlowHandler() {
    this(Integer.MAX_VALUE);
  }

  SlowHandler(int permits) {
    this.permits = new Semaphore(permits);
  }

  @OnJobEvent
  void on(JobEvent event) throws InterruptedException {
    permits.acquire();
    handled.incrementAndGet();
  }
}
