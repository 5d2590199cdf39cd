package dev.zapjobs.events.bench;

import dev.zapjobs.events.bench.peers.Design;
import dev.zapjobs.events.bench.peers.Designs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The design under test, built once per trial (fork). Subclasses say how many handlers. At the end
 * of the trial the deliveries and losses are written to the {@link Sidecar}, since JMH's own result
 * has no place for them.
 */
@State(Scope.Benchmark)
public abstract class DesignState {

  /** Which design; see {@link Designs#ALL}. */
  @Param({
    "direct",
    "disruptor-blocking",
    "disruptor-sleeping",
    "executor-per-event",
    "executor-per-handler",
    "guava-async",
    "greenrobot-background",
    "greenrobot-async",
    "spring",
    "zapjobs"
  })
  public String design;

  /** The design, ready to publish to. */
  public Design target;

  /** How many handlers the design delivers to. */
  protected abstract int handlerCount();

  /** Builds the design. */
  @Setup(Level.Trial)
  public void open() {
    Sink.reset();
    target = Designs.create(design, handlerCount());
  }

  /** Closes the design and records what it delivered and lost over the whole trial. */
  @TearDown(Level.Trial)
  public void close(BenchmarkParams params) {
    target.close();
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", "trial");
    line.put("benchmark", params.getBenchmark());
    line.put("design", design);
    line.put("handlers", handlerCount());
    line.put("deliveries", Sink.deliveries());
    line.put("lostDeliveries", target.lostDeliveries());
    Sidecar.append(line);
  }
}
