package dev.zapjobs.events.sample.handlers;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.OnJobEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Deliberately slow: pauses on every event (50 ms in the demo). It falls behind on its own queue;
 * the jobs and the other handlers do not wait for it.
 */
public final class SlowHandler {

  /** How the handler spends its time on each event. */
  @FunctionalInterface
  public interface Pause {
    /** Blocks the calling (dispatcher) thread for a while. */
    void pause() throws InterruptedException;

    /** Sleeps {@code duration} per event. */
    static Pause sleeping(Duration duration) {
      long millis = duration.toMillis();
      return () -> Thread.sleep(millis);
    }
  }

  private final Pause pause;
  private final LongAdder invocations = new LongAdder();
  private final LongAdder busyNanos = new LongAdder();

  /** A handler that pauses with {@code pause} on every event. */
  public SlowHandler(Pause pause) {
    this.pause = Objects.requireNonNull(pause, "pause");
  }

  @OnJobEvent
  void on(JobEvent e) throws InterruptedException {
    long start = System.nanoTime();
    try {
      pause.pause();
    } finally {
      busyNanos.add(System.nanoTime() - start);
      invocations.increment();
    }
  }

  /** How many events it handled. */
  public long invocations() {
    return invocations.sum();
  }

  /** The time it spent inside its handler method, in total. */
  public Duration timeSpent() {
    return Duration.ofNanos(busyNanos.sum());
  }
}
