package dev.zapjobs.events.bench.scenarios;

import dev.zapjobs.events.bench.startup.StartupHandlers;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Scenario 4: binding the 1,000 generated start-up handler classes ({@code S0000 ..}, each
 * annotated for every library). {@code cold*}: the first time, in a fresh JVM (one shot per fork,
 * several forks); {@code warm*}: the same again in a warmed-up JVM. Each figure includes making the
 * 1,000 instances and loading the library's own classes, as an application's start-up does.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StartUp {

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
  @Fork(5)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public Object coldLoadHandlerClassesOnly() {
    return StartupHandlers.newInstances();
  }

  /**
   * ZapJobs: {@code JobEventDispatcher.builder().build()}, which finds every generated binding with
   * ServiceLoader (the 1,000 start-up classes plus the 16 benchmark handlers) and makes their
   * instances through them; fresh JVM.
   */
  @Benchmark
  @Fork(5)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public Object coldZapJobsBuild(Built built) {
    return zapjobs(built);
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
  @Fork(5)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public Object coldGuavaRegister() {
    return guava();
  }

  /** greenrobot {@code register} of 1,000 instances (reflection, no index), fresh JVM. */
  @Benchmark
  @Fork(5)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public Object coldGreenrobotRegister() {
    return greenrobot();
  }

  /**
   * Spring: a context with the 1,000 classes as beans, refreshed, so that its {@code
   * EventListenerMethodProcessor} detects their {@code @EventListener} methods; fresh JVM.
   */
  @Benchmark
  @Fork(5)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public Object coldSpringListenerDetection(Built built) {
    return spring(built);
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
