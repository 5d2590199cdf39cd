package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import dev.zapjobs.events.runtime.testing.OrderCheckingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** User-supplied executors, including ones that refuse work, keep order and exact accounting. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExecutorTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int RUNS = 100;
  private static final int EVENTS_PER_RUN = 100;

  private final List<ExecutorService> executors = new ArrayList<>();

  static final class Audit {}

  /** Refuses the first {@code refusals} tasks, then runs them on a delegate. */
  static final class RejectingExecutor extends AbstractExecutorService {
    private final ExecutorService delegate;
    private final AtomicInteger refusalsLeft;
    final AtomicInteger refused = new AtomicInteger();

    RejectingExecutor(ExecutorService delegate, int refusals) {
      this.delegate = delegate;
      this.refusalsLeft = new AtomicInteger(refusals);
    }

    @Override
    public void execute(Runnable task) {
      if (refusalsLeft.getAndDecrement() > 0) {
        refused.incrementAndGet();
        throw new RejectedExecutionException("refusing task for the test");
      }
      delegate.execute(task);
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
      return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
      return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
      return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
      return delegate.awaitTermination(timeout, unit);
    }
  }

  @AfterEach
  void stopExecutors() {
    executors.forEach(ExecutorService::shutdownNow);
  }

  private <E extends ExecutorService> E track(E executor) {
    executors.add(executor);
    return executor;
  }

  @Test
  void shouldLoseNoEventWhenTheExecutorRefusesTheFirstSubmissions() throws Exception {
    RejectingExecutor executor =
        track(new RejectingExecutor(track(Executors.newFixedThreadPool(2)), 50));

    Result r = publishAndSettle(executor);

    r.assertEverythingDeliveredInOrder();
    assertThat(executor.refused).hasValue(50);
  }

  @Test
  void shouldLoseNoEventWhenABusySingleThreadPoolRefusesWork() throws Exception {
    // no queue, one thread: every submission made while a drain task runs is refused
    ThreadPoolExecutor executor =
        track(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new SynchronousQueue<>()));

    Result r = publishAndSettle(executor);

    r.assertEverythingDeliveredInOrder();
    assertThat(executor.getCompletedTaskCount()).isPositive();
  }

  @Test
  void shouldKeepOrderAndAccountingOnAOneThreadExecutor() throws Exception {
    Result r = publishAndSettle(track(Executors.newSingleThreadExecutor()));

    r.assertEverythingDeliveredInOrder();
  }

  @Test
  void shouldRunHandlersOnNamedDaemonThreadsOfABoundedDefaultPool() throws Exception {
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    FunctionBinding binding = new FunctionBinding(Audit.class);
    for (int h = 0; h < 6; h++) {
      binding.on(
          "ExecutorTest.Audit.h" + h + "(JobEvent)",
          JobEvent.class,
          e -> threads.add(Thread.currentThread()));
    }
    JobEventDispatcher d = JobEventDispatcher.builder().addBinding(binding).threads(3).build();

    for (int seq = 1; seq <= 2_000; seq++) {
      d.publish(Events.numbered(seq % 10, seq));
    }

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(d.stats().delivered()).isEqualTo(6 * 2_000);
    assertThat(threads).isNotEmpty().hasSizeLessThanOrEqualTo(3);
    assertThat(threads)
        .allSatisfy(
            t -> {
              assertThat(t.getName()).startsWith("zapjobs-events-handler-");
              assertThat(t.isDaemon()).isTrue();
            });
    assertThat(d.close(WAIT).drained()).isTrue();
  }

  /** Four order-checking handlers; events of {@link #RUNS} runs, interleaved; waits for idle. */
  private static Result publishAndSettle(ExecutorService executor) throws InterruptedException {
    OrderCheckingHandler all1 = new OrderCheckingHandler("all1", RUNS);
    OrderCheckingHandler all2 = new OrderCheckingHandler("all2", RUNS);
    OrderCheckingHandler started = new OrderCheckingHandler("started", RUNS);
    OrderCheckingHandler failed = new OrderCheckingHandler("failed", RUNS);
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Audit.class)
                    .on("ExecutorTest.Audit.all1(JobEvent)", JobEvent.class, all1)
                    .on("ExecutorTest.Audit.all2(JobEvent)", JobEvent.class, all2)
                    .on("ExecutorTest.Audit.started(JobStarted)", JobStarted.class, started)
                    .on("ExecutorTest.Audit.failed(JobFailed)", JobFailed.class, failed))
            .executor(executor)
            .queueCapacity(RUNS * EVENTS_PER_RUN) // no drops: every event must arrive
            .build();
    for (int seq = 1; seq <= EVENTS_PER_RUN; seq++) {
      for (int run = 0; run < RUNS; run++) {
        d.publish(Events.numbered(run, seq));
      }
    }
    assertThat(d.awaitIdle(WAIT)).isTrue();
    DispatcherStats stats = d.stats();
    assertThat(d.close(WAIT).drained()).isTrue();
    assertThat(executor.isShutdown()).isFalse();
    return new Result(stats, List.of(all1, all2, started, failed));
  }

  private record Result(DispatcherStats stats, List<OrderCheckingHandler> handlers) {
    void assertEverythingDeliveredInOrder() {
      int total = RUNS * EVENTS_PER_RUN;
      int perKind = total / 5;
      assertThat(stats.published()).isEqualTo(total);
      assertThat(stats.dropped() + stats.failed() + stats.pending()).isZero();
      assertThat(stats.handler("ExecutorTest.Audit.all1(JobEvent)").delivered()).isEqualTo(total);
      assertThat(stats.handler("ExecutorTest.Audit.all2(JobEvent)").delivered()).isEqualTo(total);
      assertThat(stats.handler("ExecutorTest.Audit.started(JobStarted)").delivered())
          .isEqualTo(perKind);
      assertThat(stats.handler("ExecutorTest.Audit.failed(JobFailed)").delivered())
          .isEqualTo(perKind);
      for (OrderCheckingHandler h : handlers) {
        assertThat(h.problems()).isEmpty();
      }
      assertThat(handlers.get(0).calls()).isEqualTo(total);
      assertThat(handlers.get(2).calls()).isEqualTo(perKind);
      for (int run = 0; run < RUNS; run++) {
        assertThat(handlers.get(0).lastSeq(run)).isEqualTo(EVENTS_PER_RUN);
      }
    }
  }
}
