package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An executor that breaks its contract by throwing the wrong exception still loses nothing. */
class BrokenExecutorTest {

  /** Throws IllegalStateException (not RejectedExecutionException) for its first calls. */
  static final class ThrowingExecutor extends ThreadPoolExecutor {
    final AtomicInteger failuresLeft = new AtomicInteger(3);

    ThrowingExecutor() {
      super(1, 1, 1, TimeUnit.MINUTES, new java.util.concurrent.LinkedBlockingQueue<>());
    }

    @Override
    public void execute(Runnable command) {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new IllegalStateException("broken executor");
      }
      super.execute(command);
    }
  }

  @Test
  void shouldRetryAfterAnExecutorThrowsSomethingOtherThanRejection() throws Exception {
    ThrowingExecutor executor = new ThrowingExecutor();
    List<JobEvent> seen = new CopyOnWriteArrayList<>();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .executor(executor)
            .addBinding(
                new FunctionBinding(BrokenExecutorTest.class)
                    .on("BrokenExecutorTest.on(JobEvent)", JobEvent.class, seen::add))
            .build();
    try {
      List<JobEvent> events = Events.allFive(Events.newRunId());
      events.forEach(d::publish);
      assertThat(d.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(seen).containsExactlyElementsOf(events);
      assertThat(executor.failuresLeft.get()).isNegative(); // it did throw, three times
      assertThat(d.stats().handler("BrokenExecutorTest.on(JobEvent)").delivered()).isEqualTo(5);
    } finally {
      d.close(Duration.ofSeconds(5));
      executor.shutdownNow();
    }
  }
}
