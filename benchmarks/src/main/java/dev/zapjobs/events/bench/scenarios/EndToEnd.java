package dev.zapjobs.events.bench.scenarios;

import dev.zapjobs.events.bench.DesignState;
import dev.zapjobs.events.bench.EventStream;
import dev.zapjobs.events.bench.Sidecar;
import dev.zapjobs.events.bench.Sink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Scenario 3: two publisher threads in a tight loop, 4 handlers. JMH's score is publishes/s; the
 * events delivered per second (handler invocations / 4) and the events dropped in each measurement
 * iteration go to the sidecar, measured from the iteration's set-up to its tear-down on the wall
 * clock.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
@Threads(2)
public class EndToEnd {

  /** The design plus a per-iteration delivery meter. */
  @State(Scope.Benchmark)
  public static class Meter extends DesignState {
    private long startNanos;
    private long startDeliveries;
    private long startLost;

    @Override
    protected int handlerCount() {
      return 4;
    }

    /** Reads the counters as the iteration starts. */
    @Setup(Level.Iteration)
    public void start() {
      startDeliveries = Sink.deliveries();
      startLost = Math.max(0, target.lostDeliveries());
      startNanos = System.nanoTime();
    }

    /** Records what the iteration delivered and lost. */
    @TearDown(Level.Iteration)
    public void stop(BenchmarkParams benchmark, IterationParams iteration) {
      long nanos = System.nanoTime() - startNanos;
      long delivered = Sink.deliveries() - startDeliveries;
      long lost = target.lostDeliveries();
      if (iteration.getType() != IterationType.MEASUREMENT) {
        return;
      }
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("kind", "e2e-iteration");
      line.put("benchmark", benchmark.getBenchmark());
      line.put("design", design);
      line.put("handlers", handlerCount());
      line.put("seconds", nanos / 1e9);
      line.put("deliveredEventsPerSecond", delivered / (double) handlerCount() / (nanos / 1e9));
      line.put("droppedEvents", lost < 0 ? -1 : (lost - startLost) / (double) handlerCount());
      Sidecar.append(line);
    }
  }

  /** One publish, back to back, from each of two threads. */
  @Benchmark
  public void publish(Meter design, EventStream events) {
    design.target.publish(events.next());
  }
}
