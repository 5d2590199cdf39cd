package dev.zapjobs.events.bench.scenarios;

import dev.zapjobs.events.bench.EventStream;
import dev.zapjobs.events.bench.FourHandlers;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 2: one publisher in a tight loop (4 handlers), the distribution of the cost of one
 * {@code publish}. Consumers fall behind, queues fill, designs drop (and count) — the job thread
 * must see no spikes from contention or wake-ups even then.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class SustainedLoad {

  /** One publish, back to back. */
  @Benchmark
  public void publish(FourHandlers design, EventStream events) {
    design.target.publish(events.next());
  }
}
