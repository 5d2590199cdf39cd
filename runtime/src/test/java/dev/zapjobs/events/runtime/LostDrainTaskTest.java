package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.testing.BlockedHandler;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import dev.zapjobs.events.runtime.testing.LogCapture;
import dev.zapjobs.events.runtime.testing.RecordingHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A supplied executor that accepts a drain task and then never runs it — a {@code DiscardPolicy},
 * or {@code shutdownNow()} removing it from the queue — must not stall that handler silently: the
 * task is submitted again, or the handler is reported by name.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LostDrainTaskTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  static final class Trio {}

  private static final HandlerId FIRST = HandlerId.of(Trio.class, "first", JobEvent.class);
  private static final HandlerId SECOND = HandlerId.of(Trio.class, "second", JobEvent.class);
  private static final HandlerId THIRD = HandlerId.of(Trio.class, "third", JobEvent.class);

  private LogCapture log;

  @BeforeEach
  void capture() {
    log = LogCapture.of("dev.zapjobs.events.runtime");
  }

  @AfterEach
  void release() {
    log.close();
  }

  /**
   * One thread, room for one queued task, and a policy that drops what does not fit: with the first
   * handler blocked on the thread, the second's drain task waits in the queue and the third's is
   * dropped without a word.
   */
  private static ThreadPoolExecutor discardingPool() {
    return new ThreadPoolExecutor(
        1,
        1,
        1,
        TimeUnit.MINUTES,
        new ArrayBlockingQueue<>(1),
        new ThreadPoolExecutor.DiscardPolicy());
  }

  private static JobEventDispatcher trio(
      ThreadPoolExecutor pool,
      BlockedHandler first,
      RecordingHandler second,
      RecordingHandler third,
      Duration slowThreshold) {
    return JobEventDispatcher.builder()
        .addBinding(
            new FunctionBinding(Trio.class)
                .on("Trio.first(JobEvent)", JobEvent.class, first)
                .on("Trio.second(JobEvent)", JobEvent.class, second)
                .on("Trio.third(JobEvent)", JobEvent.class, third))
        .executor(pool)
        .slowHandlerThreshold(slowThreshold)
        .slowHandlerListener((name, event, runningFor) -> {})
        .build();
  }

  @Test
  void shouldSubmitAgainADrainTaskThatTheExecutorDroppedOnceLaterTasksHaveRun() throws Exception {
    ThreadPoolExecutor pool = discardingPool();
    BlockedHandler first = new BlockedHandler();
    RecordingHandler second = new RecordingHandler();
    RecordingHandler third = new RecordingHandler();
    // a long threshold: only the "tasks submitted after it have run" clue can reveal the loss
    JobEventDispatcher d = trio(pool, first, second, third, Duration.ofMinutes(5));
    try {
      d.publish(Events.numbered(1, 1));
      first.awaitEntered();
      await().atMost(WAIT).until(() -> pool.getQueue().size() == 1); // second's task; third's lost
      first.release();
      await().atMost(WAIT).until(() -> second.count() == 1);
      d.publish(Events.numbered(1, 2)); // new tasks for all three, run after the lost one

      assertThat(d.awaitIdle(WAIT)).isTrue(); // before: third was stuck with a task that never ran
      assertThat(third.count()).isEqualTo(2);
      assertThat(d.stats(THIRD).delivered()).isEqualTo(2);
      assertThat(d.stats(THIRD).pending()).isZero();
      assertLostTaskWarning();
    } finally {
      d.close(WAIT);
      pool.shutdownNow();
    }
  }

  @Test
  void shouldSubmitAgainADrainTaskThatHasWaitedLongerThanTheSlowHandlerThreshold()
      throws Exception {
    ThreadPoolExecutor pool = discardingPool();
    BlockedHandler first = new BlockedHandler();
    RecordingHandler second = new RecordingHandler();
    RecordingHandler third = new RecordingHandler();
    JobEventDispatcher d = trio(pool, first, second, third, Duration.ofMillis(200));
    try {
      d.publish(Events.numbered(2, 1));
      first.awaitEntered();
      await().atMost(WAIT).until(() -> pool.getQueue().size() == 1);
      first.release(); // second runs; nothing else is ever submitted

      assertThat(d.awaitIdle(WAIT)).isTrue();
      assertThat(third.count()).isEqualTo(1);
      assertThat(d.stats().handler(THIRD).delivered()).isEqualTo(1);
      assertLostTaskWarning();
    } finally {
      d.close(WAIT);
      pool.shutdownNow();
    }
  }

  private void assertLostTaskWarning() {
    List<ILoggingEvent> lines = log.containing("the drain task of handler " + THIRD.displayName());
    assertThat(lines).isNotEmpty();
    assertThat(lines.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(lines.get(0).getFormattedMessage())
        .startsWith("The executor accepted the drain task of handler " + THIRD.displayName())
        .contains("dropped the task without refusing it")
        .contains("Submitted it again")
        .endsWith("so that refusals are retried at once");
  }

  @Test
  void shouldNameTheHandlerWhoseQueuedDrainTaskShutdownNowRemoved() throws Exception {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
    BlockedHandler first = new BlockedHandler();
    RecordingHandler second = new RecordingHandler();
    RecordingHandler third = new RecordingHandler();
    JobEventDispatcher d = trio(pool, first, second, third, Duration.ofMinutes(5));
    try {
      d.publish(Events.numbered(3, 1));
      first.awaitEntered();
      await().atMost(WAIT).until(() -> pool.getQueue().size() == 2);

      List<Runnable> removed = pool.shutdownNow(); // interrupts the first handler, drops the rest
      assertThat(removed).hasSize(2);

      for (HandlerId lost : List.of(SECOND, THIRD)) {
        String name = lost.displayName();
        await()
            .atMost(WAIT)
            .until(
                () -> !log.containing("the drain task of handler " + name + " has not").isEmpty());
        ILoggingEvent line = log.containing("the drain task of handler " + name).get(0);
        assertThat(line.getLevel()).isEqualTo(Level.WARN);
        assertThat(line.getFormattedMessage())
            .isEqualTo(
                "The executor was shut down while the dispatcher is still open: the drain task of"
                    + " handler "
                    + name
                    + " has not started and may never run, so its queued events stay pending."
                    + " Close the dispatcher before shutting down the executor it was given");
        assertThat(d.stats(lost).queued()).isEqualTo(1); // counted, not lost
      }
      assertThat(d.stats(FIRST).failed(FailureKind.THROWN)).isEqualTo(1); // the interrupted call
      CloseReport report = d.close(Duration.ofMillis(100));
      assertThat(report.drained()).isFalse();
      assertThat(report.stats().pending()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }
}
