package dev.zapjobs.events.bench.peers;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.bench.handlers.BenchHandlers;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/** What the adapters share: the handlers, the fan-out, and bounded, counting executors. */
final class Handlers {

  /** The capacity of every bounded queue (ring, executor queue) in every design. */
  static final int QUEUE_CAPACITY = 65_536;

  private Handlers() {}

  /** New instances of the first {@code count} benchmark handlers (distinct classes). */
  @SuppressWarnings("unchecked")
  static Consumer<JobEvent>[] first(int count) {
    Consumer<JobEvent>[] handlers = new Consumer[count];
    for (int i = 0; i < count; i++) {
      handlers[i] = BenchHandlers.newInstance(i);
    }
    return handlers;
  }

  /** Calls every handler with {@code event}, in order. */
  static void fanOut(Consumer<JobEvent>[] handlers, JobEvent event) {
    for (Consumer<JobEvent> handler : handlers) {
      handler.accept(event);
    }
  }

  /** Named daemon threads, so that a design left open never keeps a benchmark JVM alive. */
  static ThreadFactory daemonThreads(String name) {
    AtomicInteger next = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + next.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Discards a task the full executor refuses, and counts it. */
  static final class CountingDiscard implements RejectedExecutionHandler {
    private final LongAdder rejected = new LongAdder();

    @Override
    public void rejectedExecution(Runnable task, ThreadPoolExecutor executor) {
      rejected.increment();
    }

    long rejected() {
      return rejected.sum();
    }
  }

  /** One thread, a bounded {@link ArrayBlockingQueue}, refused tasks discarded and counted. */
  static ThreadPoolExecutor singleThreadBounded(String name, CountingDiscard onFull) {
    return new ThreadPoolExecutor(
        1,
        1,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUE_CAPACITY),
        daemonThreads(name),
        onFull);
  }

  /** Shuts {@code executor} down, waiting up to 5 s for queued tasks. */
  static void shutDown(java.util.concurrent.ExecutorService executor) {
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    executor.shutdownNow();
  }
}
