package dev.zapjobs.events.bench.scenarios;

import dev.zapjobs.events.bench.Sidecar;
import dev.zapjobs.events.bench.startup.GreenrobotIndex;
import dev.zapjobs.events.bench.startup.StartupHandlers;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Scenario 4: binding the 1,000 generated start-up handler classes ({@code S0000 ..}, each
 * annotated for every library). {@code cold*}: the first time, in a fresh JVM (one shot per fork,
 * several forks); {@code warm*}: the same again in a warmed-up JVM. Each figure includes making the
 * 1,000 instances and loading the library's own classes, as an application's start-up does.
 *
 * <p>Each cold shot also writes the CPU time of the thread that ran it to the sidecar file ({@link
 * Cpu}): on a shared machine, wall time carries the other processes' scheduling, while class
 * loading, verification and the interpreter all run on that one thread.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StartUp {
  /** Fresh JVMs per cold benchmark: enough for a median on a machine that others share. */
  static final int COLD_FORKS = 9;

  /** What a benchmark built, closed after the iteration. */
  @State(Scope.Thread)
  public static class Built {
    final List<AutoCloseable> open = new ArrayList<>();

    /** Closes what the iteration built. */
    @TearDown(Level.Iteration)
    public void close() throws Exception {
      for (AutoCloseable c : open) {
        c.close();
      }
      open.clear();
    }
  }

  /** The CPU time of the benchmark thread during the one cold shot of a fork. */
  @State(Scope.Thread)
  public static class Cpu {
    private ThreadMXBean threads;
    private long start;
    private long took = -1;

    /** Loads the management classes before the shot, so that the shot does not pay for them. */
    @Setup(Level.Trial)
    public void setUp() {
      threads = ManagementFactory.getThreadMXBean();
      threads.getCurrentThreadCpuTime();
    }

    void start() {
      start = threads.getCurrentThreadCpuTime();
    }

    Object stop(Object built) {
      took = threads.getCurrentThreadCpuTime() - start;
      return built;
    }

    /** Appends {@code {"kind":"startup-cpu","benchmark":…,"cpuMillis":…}} to the sidecar. */
    @TearDown(Level.Trial)
    public void write(BenchmarkParams params) {
      if (took >= 0) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "startup-cpu");
        line.put("benchmark", params.getBenchmark());
        line.put("cpuMillis", took / 1e6);
        Sidecar.append(line);
      }
    }
  }

  static Object zapjobs(Built built) {
    JobEventDispatcher dispatcher = JobEventDispatcher.builder().build();
    built.open.add(dispatcher);
    return dispatcher;
  }

  static Object guava() {
    com.google.common.eventbus.EventBus bus = new com.google.common.eventbus.EventBus("startup");
    for (Object handler : StartupHandlers.newInstances()) {
      bus.register(handler);
    }
    return bus;
  }

  static Object greenrobot() {
    org.greenrobot.eventbus.EventBus bus =
        org.greenrobot.eventbus.EventBus.builder().ignoreGeneratedIndex(true).build();
    for (Object handler : StartupHandlers.newInstances()) {
      bus.register(handler);
    }
    return bus;
  }

  /** greenrobot with the index its annotation processor generated at build time. */
  static Object greenrobotIndex() {
    org.greenrobot.eventbus.EventBus bus =
        org.greenrobot.eventbus.EventBus.builder().addIndex(new GreenrobotIndex()).build();
    for (Object handler : StartupHandlers.newInstances()) {
      bus.register(handler);
    }
    return bus;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object spring(Built built) {
    GenericApplicationContext context = new GenericApplicationContext();
    for (Class<?> type : StartupHandlers.classes()) {
      context.registerBean((Class) type);
    }
    context.refresh();
    built.open.add(context);
    return context;
  }

  /**
   * The floor: loading and instantiating the 1,000 handler classes with {@code new}, no library at
   * all; every other figure includes this; fresh JVM.
   */
  @Benchmark
  @Fork(COLD_FORKS)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public Object coldLoadHandlerClassesOnly(Cpu cpu) {
    cpu.start();
    return cpu.stop(StartupHandlers.newInstances());
  }

  /**
   * ZapJobs: {@code JobEventDispatcher.builder().build()}, which finds the generated binding of
   * each package with ServiceLoader (two: the 1,000 start-up classes' and the 16 benchmark
   * handlers'), and makes the handler instances through them; fresh JVM.
   */
  @Benchmark
  @Fork(COLD_FORKS)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public Object coldZapJobsBuild(Built built, Cpu cpu) {
    cpu.start();
    return cpu.stop(zapjobs(built));
  }

  /** ZapJobs again, in a warm JVM. */
  @Benchmark
  @Fork(1)
  @Warmup(iterations = 10)
  @Measurement(iterations = 10)
  public Object warmZapJobsBuild(Built built) {
    return zapjobs(built);
  }

  /** Guava {@code EventBus.register} of 1,000 instances (reflection), fresh JVM. */
  @Benchmark
  @Fork(COLD_FORKS)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public Object coldGuavaRegister(Cpu cpu) {
    cpu.start();
    return cpu.stop(guava());
  }

  /** greenrobot {@code register} of 1,000 instances (reflection, no index), fresh JVM. */
  @Benchmark
  @Fork(COLD_FORKS)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public Object coldGreenrobotRegister(Cpu cpu) {
    cpu.start();
    return cpu.stop(greenrobot());
  }

  /**
   * Spring: a context with the 1,000 classes as beans, refreshed, so that its {@code
   * EventListenerMethodProcessor} detects their {@code @EventListener} methods; fresh JVM.
   */
  @Benchmark
  @Fork(COLD_FORKS)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public Object coldSpringListenerDetection(Built built, Cpu cpu) {
    cpu.start();
    return cpu.stop(spring(built));
  }

  /**
   * greenrobot {@code register} of 1,000 instances with the generated index ({@code
   * -AeventBusIndex}): no scanning, but the index names methods, which it looks up reflectively;
   * fresh JVM.
   */
  @Benchmark
  @Fork(COLD_FORKS)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public Object coldGreenrobotIndexRegister(Cpu cpu) {
    cpu.start();
    return cpu.stop(greenrobotIndex());
  }

  /** greenrobot with its index again, in a warm JVM. */
  @Benchmark
  @Fork(1)
  @Warmup(iterations = 10)
  @Measurement(iterations = 10)
  public Object warmGreenrobotIndexRegister() {
    return greenrobotIndex();
  }

  /** Guava again, in a warm JVM. */
  @Benchmark
  @Fork(1)
  @Warmup(iterations = 10)
  @Measurement(iterations = 10)
  public Object warmGuavaRegister() {
    return guava();
  }

  /** greenrobot again, in a warm JVM. */
  @Benchmark
  @Fork(1)
  @Warmup(iterations = 10)
  @Measurement(iterations = 10)
  public Object warmGreenrobotRegister() {
    return greenrobot();
  }

  /** Spring again, in a warm JVM. */
  @Benchmark
  @Fork(1)
  @Warmup(iterations = 5)
  @Measurement(iterations = 5)
  public Object warmSpringListenerDetection(Built built) {
    return spring(built);
  }
}
