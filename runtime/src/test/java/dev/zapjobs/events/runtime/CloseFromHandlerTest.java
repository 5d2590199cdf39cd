package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import dev.zapjobs.events.runtime.testing.LogCapture;
import dev.zapjobs.events.runtime.testing.RecordingHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code close()} called from inside a handler does not wait for that call (which cannot end before
 * close returns); the events queued behind it are not delivered, and are counted as pending.
 * Before, close waited out its whole deadline for its own call.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloseFromHandlerTest {
  /** Far longer than the test's own timeout: a close that waits for its own call fails the test. */
  private static final Duration LONG = Duration.ofMinutes(10);

  private static final Duration WAIT = Duration.ofSeconds(30);

  static final class Closer {}

  private static final HandlerId CLOSER = HandlerId.of(Closer.class, "close", JobEvent.class);
  private static final HandlerId OTHER = HandlerId.of(Closer.class, "other", JobEvent.class);

  private LogCapture log;

  @BeforeEach
  void capture() {
    log = LogCapture.of("dev.zapjobs.events.runtime");
  }

  @AfterEach
  void release() {
    log.close();
  }

  /** A handler that, on its first event, waits for {@code go} and closes the dispatcher. */
  static final class ClosingHandler implements FunctionBinding.Sync {
    final CountDownLatch go = new CountDownLatch(1);
    final CompletableFuture<CloseReport> report = new CompletableFuture<>();
    final List<JobEvent> received = new CopyOnWriteArrayList<>();
    final AtomicBoolean interruptedAfterClose = new AtomicBoolean();
    volatile JobEventDispatcher dispatcher;

    @Override
    public void accept(JobEvent e) throws InterruptedException {
      received.add(e);
      if (received.size() == 1) {
        go.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        report.complete(dispatcher.close(LONG));
        interruptedAfterClose.set(Thread.currentThread().isInterrupted());
      }
    }
  }

  @Test
  void shouldNotWaitForItsOwnCall_andLeaveTheEventsQueuedBehindItPending() throws Exception {
    ClosingHandler closer = new ClosingHandler();
    RecordingHandler other = new RecordingHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Closer.class)
                    .on("Closer.close(JobEvent)", JobEvent.class, closer)
                    .on("Closer.other(JobEvent)", JobEvent.class, other))
            .build();
    closer.dispatcher = d;
    for (int seq = 1; seq <= 5; seq++) {
      d.publish(Events.numbered(1, seq));
    }
    await().atMost(WAIT).until(() -> d.stats(CLOSER).queued() == 4 && other.count() == 5);

    closer.go.countDown();
    CloseReport report = closer.report.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(report.drained()).isFalse(); // four events were left in the closer's queue
    HandlerStats left = report.stats().handler(CLOSER);
    assertThat(left.inFlight()).isEqualTo(1); // the call that closed
    assertThat(left.queued()).isEqualTo(4);
    assertThat(left.delivered()).isZero();
    assertThat(report.stats().handler(OTHER).delivered()).isEqualTo(5);
    List<ILoggingEvent> lines = log.containing("ZapJobs Events dispatcher closed");
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(lines.get(0).getFormattedMessage())
        .contains("with 4 deliveries left undelivered")
        .contains(
            "Handler "
                + CLOSER.displayName()
                + " closed the dispatcher from inside its own call: that call was not waited for,"
                + " and the 4 events queued behind it were not delivered (counted as pending).");

    // the call then returns and is counted; the handler is given nothing more
    await().atMost(WAIT).until(() -> d.stats(CLOSER).delivered() == 1);
    HandlerStats after = d.stats(CLOSER);
    assertThat(after.inFlight()).isZero();
    assertThat(after.queued()).isEqualTo(4);
    assertThat(closer.received).hasSize(1);
    assertThat(closer.interruptedAfterClose).isFalse(); // stopping the executor spared its caller
  }

  @Test
  void shouldReportDrainedWhenNothingWaitsBehindTheClosingCall() throws Exception {
    ClosingHandler closer = new ClosingHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Closer.class)
                    .on("Closer.close(JobEvent)", JobEvent.class, closer))
            .build();
    closer.dispatcher = d;
    d.publish(Events.numbered(2, 1));
    closer.go.countDown();

    CloseReport report = closer.report.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(report.drained()).isTrue();
    assertThat(report.stats().handler(CLOSER).inFlight()).isEqualTo(1);
    assertThat(report.stats().pending()).isEqualTo(1);
    List<ILoggingEvent> lines = log.containing("ZapJobs Events dispatcher closed");
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).getLevel()).isEqualTo(Level.INFO);
    assertThat(lines.get(0).getFormattedMessage())
        .endsWith(
            " Handler "
                + CLOSER.displayName()
                + " closed the dispatcher from inside its own call: that call was not waited"
                + " for.");
    await().atMost(WAIT).until(() -> d.stats(CLOSER).delivered() == 1);
  }

  @Test
  void shouldNotWaitForTheCallingHandlerInSynchronousMode() throws Exception {
    ClosingHandler closer = new ClosingHandler();
    closer.go.countDown();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Closer.class)
                    .on("Closer.close(JobEvent)", JobEvent.class, closer))
            .synchronous()
            .build();
    closer.dispatcher = d;

    d.publish(Events.numbered(3, 1)); // the handler closes the dispatcher on this very thread

    CloseReport report = closer.report.get(0, TimeUnit.SECONDS);
    assertThat(report.drained()).isTrue();
    assertThat(report.stats().handler(CLOSER).inFlight()).isEqualTo(1);
    assertThat(d.stats(CLOSER).delivered()).isEqualTo(1);
    assertThat(d.isClosed()).isTrue();
  }

  @Test
  void shouldNotWaitForTheDrainTaskWhenAnObserverClosesOnTheHandlerThread() throws Exception {
    CompletableFuture<CloseReport> report = new CompletableFuture<>();
    JobEventDispatcher[] dispatcher = new JobEventDispatcher[1];
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Closer.class)
                    .on("Closer.close(JobEvent)", JobEvent.class, e -> {}))
            .observer(
                new JobEventObserver() {
                  @Override
                  public void onSettled(
                      HandlerId h, JobEvent e, Outcome o, long nanos, Throwable failure) {
                    if (!report.isDone()) {
                      report.complete(dispatcher[0].close(LONG));
                    }
                  }
                })
            .build();
    dispatcher[0] = d;

    d.publish(Events.numbered(4, 1));

    CloseReport closed = report.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(closed.drained()).isTrue();
    assertThat(closed.stats().handler(CLOSER).delivered()).isEqualTo(1);
  }
}
