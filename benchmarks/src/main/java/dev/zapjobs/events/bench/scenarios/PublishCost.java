package dev.zapjobs.events.bench.scenarios;

import dev.zapjobs.events.bench.DesignState;
import dev.zapjobs.events.bench.EventStream;
import dev.zapjobs.events.bench.Pacer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario 1: the mean cost of {@code publish} on the job thread (ns/op; run with {@code -prof gc}
 * for B/op) with 1, 4 and 16 handlers, paced by {@link Pacer} so that handlers keep up and nothing
 * is dropped (the sidecar records any loss).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class PublishCost {

  /** A design delivering to 1, 4 or 16 handlers. */
  @State(Scope.Benchmark)
  public static class Handlers extends DesignState {
    /** How many handlers. */
    @Param({"1", "4", "16"})
    public int handlers;

    @Override
    protected int handlerCount() {
      return handlers;
    }
  }

  /** One publish, after a pause. */
  @Benchmark
  public void publish(Handlers design, EventStream events, Pacer pause) {
    design.target.publish(events.next());
  }
}
