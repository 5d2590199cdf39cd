package dev.zapjobs.events.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Spaces publishes out: before every invocation (outside the measured call) the publisher spins for
 * {@link #PAUSE_NANOS}, so consumers have gone idle when the next event arrives and queues never
 * fill. A busy spin rather than a sleep, so the publisher's own core stays awake, as a job thread's
 * would.
 */
@State(Scope.Thread)
public class Pacer {

  /** The pause between two publishes. */
  public static final long PAUSE_NANOS = 5_000;

  /** Spins for {@link #PAUSE_NANOS}. */
  @Setup(Level.Invocation)
  public void pause() {
    spin(PAUSE_NANOS);
  }

  /** Busy-waits for {@code nanos}. */
  public static void spin(long nanos) {
    long until = System.nanoTime() + nanos;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }
}
