package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import dev.zapjobs.events.runtime.testing.RecordingHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An idle dispatcher costs nothing: once quiet, its thread parks without a timeout (it is not woken
 * by a timer at all), and the next publish wakes it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdleTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  static final class Audit {}

  @Test
  void shouldSleepWithoutATimerWhenIdle_andWakeOnTheNextPublish() throws Exception {
    RecordingHandler handler = new RecordingHandler();
    JobEventDispatcher d = recording(handler);
    Thread dispatcher = newestDispatcherThread();
    try {
      for (int round = 1; round <= 3; round++) {
        // WAITING (park without a timeout), not TIMED_WAITING (a tick or a timed sleep)
        await().atMost(WAIT).until(() -> dispatcher.getState() == Thread.State.WAITING);
        d.publish(Events.numbered(0, round));
        int expected = round;
        await().atMost(WAIT).until(() -> handler.count() == expected);
      }
      assertThat(d.stats().delivered()).isEqualTo(3);
    } finally {
      d.close(WAIT);
    }
  }

  @Test
  void shouldStillSleepWhenUserCodeLeftTheDispatcherThreadInterrupted() throws Exception {
    RecordingHandler handler = new RecordingHandler();
    JobEventDispatcher d = recording(handler);
    Thread dispatcher = newestDispatcherThread();
    try {
      await().atMost(WAIT).until(() -> dispatcher.getState() == Thread.State.WAITING);
      // as a SlowHandlerListener, or a handler run on this thread by a caller-runs executor, may
      // leave it: with the flag set, park returns at once and an idle thread would spin
      dispatcher.interrupt();
      // the flag is cleared before parking (while set, nothing else would clear it)
      await()
          .atMost(WAIT)
          .until(
              () -> !dispatcher.isInterrupted() && dispatcher.getState() == Thread.State.WAITING);
      d.publish(Events.numbered(0, 1));
      await().atMost(WAIT).until(() -> handler.count() == 1);
    } finally {
      d.close(WAIT);
    }
  }

  @Test
  void shouldKeepATimerWhileAnAsyncCallIsOutstanding() throws Exception {
    CompletableFuture<Void> stage = new CompletableFuture<>();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Audit.class)
                    .onAsync("IdleTest.Audit.async(JobEvent)", JobEvent.class, e -> stage))
            .asyncTimeout(Duration.ofSeconds(2))
            .build();
    Thread dispatcher = newestDispatcherThread();
    try {
      d.publish(Events.numbered(0, 1));
      // the async timeout is enforced by the dispatcher thread: it must not sleep for good
      await()
          .atMost(WAIT)
          .until(
              () ->
                  d.stats().handler("IdleTest.Audit.async(JobEvent)").failed(FailureKind.TIMED_OUT)
                      == 1);
      assertThat(dispatcher.isAlive()).isTrue();
    } finally {
      d.close(WAIT);
    }
  }

  private static JobEventDispatcher recording(RecordingHandler handler) {
    return JobEventDispatcher.builder()
        .addBinding(
            new FunctionBinding(Audit.class)
                .on("IdleTest.Audit.all(JobEvent)", JobEvent.class, handler))
        .build();
  }

  /**
   * The dispatcher thread just built: the newest thread of that name (ids grow with creation;
   * dispatchers other tests left open have older ones, and tests here run one at a time).
   */
  private static Thread newestDispatcherThread() {
    Thread newest = null;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("zapjobs-events-dispatcher")
          && (newest == null || t.getId() > newest.getId())) {
        newest = t;
      }
    }
    assertThat(newest).as("a dispatcher thread").isNotNull();
    return newest;
  }
}
