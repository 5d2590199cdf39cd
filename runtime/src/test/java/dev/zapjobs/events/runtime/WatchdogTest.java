package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A handler running past the slow-handler threshold is reported while it still runs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WatchdogTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration THRESHOLD = Duration.ofMillis(50);
  private static final String SLOW = "WatchdogTest.SlowHandler.on(JobStarted)";

  record Report(String handler, JobEvent event, Duration runningFor, boolean handlerStillRunning) {}

  /**
   * Each call blocks until the watchdog has reported it (one {@link #reported} permit per call), so
   * every report is made while a call runs.
   */
  static final class SlowHandler implements FunctionBinding.Sync {
    final Semaphore reported = new Semaphore(0);
    final AtomicBoolean running = new AtomicBoolean();
    final AtomicInteger reportedCalls = new AtomicInteger();

    @Override
    public void accept(JobEvent e) throws InterruptedException {
      running.set(true);
      if (reported.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)) {
        reportedCalls.incrementAndGet();
      }
      running.set(false);
    }
  }

  @Test
  void shouldReportAHandlerRunningPastTheThresholdWhileItRuns() throws Exception {
    SlowHandler slow = new SlowHandler();
    List<Report> reports = new CopyOnWriteArrayList<>();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(SlowHandler.class)
                    .on(SLOW, JobStarted.class, slow)
                    .on("Fast.on(JobEvent)", JobEvent.class, e -> {}))
            .slowHandlerThreshold(THRESHOLD)
            .slowHandlerListener(
                (name, event, runningFor) -> {
                  reports.add(new Report(name, event, runningFor, slow.running.get()));
                  slow.reported.release();
                })
            .build();
    JobStarted event = Events.started(Events.runId(1), 1);

    d.publish(event);

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(slow.reportedCalls).as("reported before the handler returned").hasValue(1);
    assertThat(reports).hasSize(1); // each call is reported once, not on every watch
    Report r = reports.get(0);
    assertThat(r.handler()).isEqualTo(SLOW);
    assertThat(r.event()).isSameAs(event);
    assertThat(r.runningFor()).isGreaterThan(THRESHOLD);
    assertThat(r.handlerStillRunning()).isTrue();
    assertThat(d.stats().handler(SLOW).delivered()).isEqualTo(1);
    d.close(WAIT);
  }

  @Test
  void shouldKeepWatchingWhenTheListenerThrows() throws Exception {
    SlowHandler slow = new SlowHandler();
    AtomicInteger listenerCalls = new AtomicInteger();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(new FunctionBinding(SlowHandler.class).on(SLOW, JobStarted.class, slow))
            .slowHandlerThreshold(THRESHOLD)
            .slowHandlerListener(
                (name, event, runningFor) -> {
                  listenerCalls.incrementAndGet();
                  slow.reported.release();
                  throw new IllegalStateException("listener bug");
                })
            .build();

    d.publish(Events.started(Events.runId(1), 1));
    d.publish(Events.started(Events.runId(1), 2));

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(slow.reportedCalls).hasValue(2);
    assertThat(listenerCalls).hasValue(2);
    assertThat(d.stats().handler(SLOW).delivered()).isEqualTo(2);
    d.close(WAIT);
  }
}
