package dev.zapjobs.events.test.handlers;

import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.OnJobEvent;
import java.util.concurrent.atomic.AtomicInteger;

/** Only static handler methods: no instance needed. */
public final class StaticCounter {
  /** How many JobStarted events were received. */
  public static final AtomicInteger STARTED = new AtomicInteger();

  private StaticCounter() {}

  @OnJobEvent
  static void onStarted(JobStarted event) {
    STARTED.incrementAndGet();
  }
}
