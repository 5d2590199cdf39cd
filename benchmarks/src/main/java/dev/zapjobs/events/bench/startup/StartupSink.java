package dev.zapjobs.events.bench.startup;

import java.util.concurrent.atomic.LongAdder;

/** What the 1,000 generated start-up handlers count into. */
public final class StartupSink {

  private static final LongAdder HITS = new LongAdder();

  private StartupSink() {}

  /** Counts one delivery. */
  public static void hit() {
    HITS.increment();
  }

  /** Deliveries so far. */
  public static long hits() {
    return HITS.sum();
  }
}
