package dev.zapjobs.events.sample;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobEventPublisher;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures what publishing costs the job threads: wraps a publisher and times every {@code publish}
 * call with {@link System#nanoTime()}.
 */
public final class TimedPublisher implements JobEventPublisher {
  private final JobEventPublisher delegate;
  private final LongAdder count = new LongAdder();
  private final LongAdder totalNanos = new LongAdder();
  private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);

  /** Times calls to {@code delegate}. */
  public TimedPublisher(JobEventPublisher delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public void publish(JobEvent event) {
    long start = System.nanoTime();
    try {
      delegate.publish(event);
    } finally {
      long took = System.nanoTime() - start;
      count.increment();
      totalNanos.add(took);
      maxNanos.accumulate(took);
    }
  }

  /** How many events were published. */
  public long count() {
    return count.sum();
  }

  /** The time spent in {@code publish}, in total. */
  public Duration total() {
    return Duration.ofNanos(totalNanos.sum());
  }

  /** The longest single {@code publish} call. */
  public Duration max() {
    return Duration.ofNanos(maxNanos.get());
  }
}
