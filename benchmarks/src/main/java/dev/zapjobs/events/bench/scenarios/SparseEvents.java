package dev.zapjobs.events.bench.scenarios;

import dev.zapjobs.events.bench.EventStream;
import dev.zapjobs.events.bench.FourHandlers;
import dev.zapjobs.events.bench.Pacer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 0, the realistic case: an event every few microseconds ({@link Pacer}), so the consumer
 * is idle when each arrives; the distribution of the cost of one {@code publish} on the job thread
 * (4 handlers).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class SparseEvents {

  /** One publish, after a pause. */
  @Benchmark
  public void publish(FourHandlers design, EventStream events, Pacer pause) {
    design.target.publish(events.next());
  }
}
