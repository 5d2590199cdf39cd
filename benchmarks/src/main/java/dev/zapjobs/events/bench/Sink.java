package dev.zapjobs.events.bench;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.bench.gen.HandlerSources;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where every benchmark handler counts what it receives: one {@link LongAdder} per handler, shared
 * by all designs so that "delivered" means the same thing everywhere.
 */
public final class Sink {

  /** Called on the consumer thread for every event handler 0 receives, when one is installed. */
  @FunctionalInterface
  public interface Probe {
    /** Handler 0 has just started on {@code event}. */
    void started(JobEvent event);
  }

  private static final LongAdder[] COUNTS = new LongAdder[HandlerSources.BENCH_HANDLERS];
  private static volatile Probe probe;

  static {
    for (int i = 0; i < COUNTS.length; i++) {
      COUNTS[i] = new LongAdder();
    }
  }

  private Sink() {}

  /** Counts one delivery to handler {@code handler}; the body of every benchmark handler. */
  public static void hit(int handler, JobEvent event) {
    if (handler == 0) {
      Probe p = probe;
      if (p != null) {
        p.started(event);
      }
    }
    COUNTS[handler].increment();
  }

  /** Handler invocations so far, summed over all handlers. */
  public static long deliveries() {
    long sum = 0;
    for (LongAdder count : COUNTS) {
      sum += count.sum();
    }
    return sum;
  }

  /** Installs (or, with {@code null}, removes) the probe on handler 0. */
  public static void probe(Probe newProbe) {
    probe = newProbe;
  }

  /** Zeroes every counter. */
  public static void reset() {
    for (LongAdder count : COUNTS) {
      count.reset();
    }
  }
}
