package dev.zapjobs.events.bench.context;

import dev.zapjobs.events.bench.EventStream;
import dev.zapjobs.events.bench.Pacer;
import dev.zapjobs.events.micrometer.ContextPropagatingInterceptor;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.slf4j.MDC;

/**
 * What carrying the job thread's context costs {@code publish}: the mean time of one {@code
 * publish} to one handler (ns/op), paced as in the publish-cost scenario, side by side in one run:
 *
 * <ul>
 *   <li>{@code none}: no interceptor registered;
 *   <li>{@code mdc-empty}: a {@link ContextPropagatingInterceptor} with the SLF4J MDC accessor, and
 *       nothing in the publishing thread's MDC;
 *   <li>{@code mdc-one-entry}: the same with one MDC entry, which every handler call then sees (the
 *       trial fails if one does not).
 * </ul>
 *
 * <p>With {@code -prof gc}, JMH's B/op counts the allocations of every thread, the handler's
 * included (restoring the context there allocates too). What {@code publish} itself allocates is
 * measured on the publishing thread ({@code ThreadMXBean}) over the measurement iterations and
 * printed at the end of each trial as "publishing thread: ... B per publish".
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'context.ContextCapture' -prof gc
 * </pre>
 *
 * <p>The MDC is logback's (slf4j-simple's MDC does nothing), selected with {@code slf4j.provider}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    // Prepend: a -jvmArgsAppend on the command line (the heap, say) replaces only the appended
    // ones.
    jvmArgsPrepend = {
      "-Dslf4j.provider=ch.qos.logback.classic.spi.LogbackServiceProvider",
      "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener"
    })
public class ContextCapture {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** The dispatcher, with or without the interceptor. */
  @State(Scope.Benchmark)
  public static class Dispatcher {
    /** Which setup; see the class comment. */
    @Param({"none", "mdc-empty", "mdc-one-entry"})
    public String context;

    JobEventDispatcher dispatcher;

    /** Builds the dispatcher with the one {@link ContextSink} handler. */
    @Setup(Level.Trial)
    public void open() {
      ContextSink.reset();
      JobEventDispatcher.Builder builder =
          JobEventDispatcher.builder().handlerFilter(type -> type == ContextSink.class);
      if (!context.equals("none")) {
        ContextRegistry mdcOnly =
            new ContextRegistry().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
        builder.interceptor(
            ContextPropagatingInterceptor.create(
                ContextSnapshotFactory.builder().contextRegistry(mdcOnly).build()));
      }
      dispatcher = builder.build();
    }

    /** Closes it, and fails the trial if the context did not arrive as the setup says. */
    @TearDown(Level.Trial)
    public void close() {
      dispatcher.close(Duration.ofSeconds(5));
      long calls = ContextSink.CALLS.sum();
      long withMdc = ContextSink.WITH_MDC.sum();
      long expected = context.equals("mdc-one-entry") ? calls : 0;
      if (calls == 0 || withMdc != expected) {
        throw new IllegalStateException(
            context + ": " + withMdc + " of " + calls + " handler calls saw the MDC entry");
      }
    }
  }

  /**
   * The publishing thread: its MDC (one entry in {@code mdc-one-entry}, else empty) and what it
   * allocates.
   */
  @State(Scope.Thread)
  public static class Publisher {
    private String context;
    long publishes;
    private long bytesAtStart;
    private long measuredBytes;
    private long measuredPublishes;

    /** Sets the MDC, on the publishing thread. */
    @Setup(Level.Trial)
    public void set(Dispatcher d) {
      context = d.context;
      MDC.clear();
      if (context.equals("mdc-one-entry")) {
        MDC.put(ContextSink.KEY, "4bf92f3577b34da6a3ce929d0e0e4736");
      }
    }

    /** Starts counting this iteration's publishes and allocated bytes. */
    @Setup(Level.Iteration)
    public void start() {
      publishes = 0;
      bytesAtStart = THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Adds a measurement iteration's publishes and bytes to the trial's. */
    @TearDown(Level.Iteration)
    public void stop(IterationParams iteration) {
      long bytes = THREADS.getCurrentThreadAllocatedBytes() - bytesAtStart;
      if (iteration.getType() == IterationType.MEASUREMENT) {
        measuredBytes += bytes;
        measuredPublishes += publishes;
      }
    }

    /** Prints what the publishing thread allocated per publish, and clears the MDC. */
    @TearDown(Level.Trial)
    public void report() {
      System.out.printf(
          Locale.ROOT,
          "publishing thread: %.3f B per publish (%s, %d publishes measured)%n",
          measuredBytes / (double) Math.max(1, measuredPublishes),
          context,
          measuredPublishes);
      MDC.clear();
    }
  }

  /** One publish, after a pause. */
  @Benchmark
  public void publish(Dispatcher d, Publisher publisher, EventStream events, Pacer pause) {
    d.dispatcher.publish(events.next());
    publisher.publishes++;
  }
}
