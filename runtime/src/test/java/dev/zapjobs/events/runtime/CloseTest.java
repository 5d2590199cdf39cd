package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.testing.BlockedHandler;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import dev.zapjobs.events.runtime.testing.RecordingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** close(timeout): stops intake, drains within the deadline, reports exactly what was left. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloseTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SLOW = "CloseTest.Audit.slow(JobEvent)";
  private static final String FAST = "CloseTest.Audit.fast(JobEvent)";

  static final class Audit {}

  @Test
  void shouldDrainPendingEventsBeforeTheDeadline() throws Exception {
    BlockedHandler slow = new BlockedHandler();
    RecordingHandler fast = new RecordingHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Audit.class)
                    .on(SLOW, JobEvent.class, slow)
                    .on(FAST, JobEvent.class, fast))
            .threads(2)
            .build();
    List<JobEvent> published = publishBehind(d, slow, 500);
    await().atMost(WAIT).until(() -> d.stats().handler(SLOW).pending() == 501);

    slow.release();
    CloseReport report = d.close(WAIT);

    assertThat(report.drained()).isTrue();
    assertThat(report.stats().pending()).isZero();
    assertThat(report.stats().handler(SLOW).delivered()).isEqualTo(501);
    assertThat(report.stats().handler(FAST).delivered()).isEqualTo(501);
    assertThat(report.stats().published()).isEqualTo(501);
    assertThat(slow.received()).containsExactlyElementsOf(published);
    assertThat(fast.received()).containsExactlyElementsOf(published);
    assertThat(report.toString()).contains("every event settled", SLOW);
    assertThat(d.isClosed()).isTrue();
  }

  @Test
  void shouldReturnAtTheDeadlineWithAnExactReportWhenAHandlerIsStuck() throws Exception {
    BlockedHandler stuck = new BlockedHandler();
    RecordingHandler fast = new RecordingHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Audit.class)
                    .on(SLOW, JobEvent.class, stuck)
                    .on(FAST, JobEvent.class, fast))
            .threads(2)
            .build();
    publishBehind(d, stuck, 40);
    await().atMost(WAIT).until(() -> d.stats().handler(SLOW).pending() == 41);
    await().atMost(WAIT).until(() -> fast.count() == 41);

    CloseReport report = d.close(Duration.ofMillis(300));

    assertThat(report.drained()).isFalse();
    HandlerStats left = report.stats().handler(SLOW);
    assertThat(left.pending()).isEqualTo(41);
    assertThat(left.delivered() + left.failed() + left.dropped()).isZero();
    assertThat(report.stats().handler(FAST).delivered()).isEqualTo(41);
    assertThat(report.stats().pending()).isEqualTo(41);
    assertThat(report.toString()).contains("41 deliveries left undelivered");
    stuck.release();
  }

  @Test
  void shouldLeaveTheReportUnchangedWhenTheStuckHandlerIsInterruptedAfterTheDeadline()
      throws Exception {
    // the default executor is shut down with shutdownNow() at the deadline: the stuck handler is
    // interrupted, which must not change the numbers the report gives
    for (int round = 0; round < 8; round++) {
      shouldReturnAtTheDeadlineWithAnExactReportWhenAHandlerIsStuck();
    }
  }

  @Test
  void shouldGiveTheStuckHandlerNoOtherEventOnceTheDefaultExecutorIsStoppedAtTheDeadline()
      throws Exception {
    BlockedHandler stuck = new BlockedHandler();
    List<Thread> threads = new CopyOnWriteArrayList<>();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Audit.class)
                    .on(
                        SLOW,
                        JobEvent.class,
                        e -> {
                          threads.add(Thread.currentThread());
                          stuck.accept(e);
                        }))
            .build();
    publishBehind(d, stuck, 2);
    await().atMost(WAIT).until(() -> d.stats().handler(SLOW).pending() == 3);

    CloseReport report = d.close(Duration.ofMillis(200));

    assertThat(report.drained()).isFalse();
    assertThat(report.stats().handler(SLOW).pending()).isEqualTo(3);
    // shutdownNow() interrupted the call; had the drain task gone on, the handler's thread would
    // be blocked in the next call and stay alive
    await().atMost(WAIT).until(() -> !threads.get(0).isAlive());
    assertThat(stuck.received()).hasSize(1);
    HandlerStats after = d.stats().handler(SLOW);
    assertThat(after.failed()).isEqualTo(1);
    assertThat(after.pending()).isEqualTo(2);
    assertThat(after.delivered()).isZero();
  }

  @Test
  void shouldGiveAHandlerOnASuppliedExecutorNoOtherEventAfterClosingAtTheDeadline()
      throws Exception {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    try {
      BlockedHandler stuck = new BlockedHandler();
      JobEventDispatcher d =
          JobEventDispatcher.builder()
              .addBinding(new FunctionBinding(Audit.class).on(SLOW, JobEvent.class, stuck))
              .executor(pool)
              .build();
      publishBehind(d, stuck, 2);
      await().atMost(WAIT).until(() -> d.stats().handler(SLOW).pending() == 3);

      CloseReport report = d.close(Duration.ofMillis(200));
      stuck.release(); // the stuck call returns after close did; the queued events must stay

      assertThat(report.drained()).isFalse();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  pool.getActiveCount() == 0
                      && pool.getCompletedTaskCount() == pool.getTaskCount());
      assertThat(stuck.received()).hasSize(1);
      HandlerStats after = d.stats().handler(SLOW);
      assertThat(after.delivered()).isEqualTo(1);
      assertThat(after.pending()).isEqualTo(2);
      assertThat(pool.isShutdown()).isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldNotWaitAgainWhenClosedAgainAfterGivingUp() throws Exception {
    BlockedHandler stuck = new BlockedHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(new FunctionBinding(Audit.class).on(SLOW, JobEvent.class, stuck))
            .build();
    publishBehind(d, stuck, 2);
    await().atMost(WAIT).until(() -> d.stats().handler(SLOW).pending() == 3);
    assertThat(d.close(Duration.ofMillis(200)).drained()).isFalse();

    // e.g. try-with-resources after an explicit close: nothing can settle any more (the first
    // close gave up), so the second one reports at once instead of waiting out its deadline
    CloseReport again = d.close(WAIT);

    assertThat(again.drained()).isFalse();
    assertThat(again.took()).isLessThan(WAIT);
    assertThat(again.stats().handler(SLOW).pending()).isPositive();
  }

  @Test
  void shouldRefuseAndCountPublishesAfterClose() throws Exception {
    RecordingHandler fast = new RecordingHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(new FunctionBinding(Audit.class).on(FAST, JobEvent.class, fast))
            .build();
    d.publish(Events.numbered(0, 1));
    assertThat(d.close(WAIT).drained()).isTrue();

    for (int i = 0; i < 7; i++) {
      d.publish(Events.numbered(0, i + 2)); // refused, never thrown into the job
    }

    DispatcherStats stats = d.stats();
    assertThat(stats.refusedAfterClose()).isEqualTo(7);
    assertThat(stats.published()).isEqualTo(1);
    assertThat(stats.handler(FAST).published()).isEqualTo(1);
    assertThat(fast.count()).isEqualTo(1);
    CloseReport again = d.close(WAIT);
    assertThat(again.drained()).isTrue();
    assertThat(again.stats().refusedAfterClose()).isEqualTo(7);
  }

  @Test
  void shouldAccountForEveryPublishThatRacesWithClose() throws Exception {
    RecordingHandler fast = new RecordingHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(new FunctionBinding(Audit.class).on(FAST, JobEvent.class, fast))
            .build();
    int publishers = 3;
    int perPublisher = 20_000;
    AtomicLong attempts = new AtomicLong();
    CountDownLatch halfway = new CountDownLatch(publishers);
    ExecutorService pool = Executors.newFixedThreadPool(publishers);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < publishers; p++) {
        int run = p;
        done.add(
            pool.submit(
                () -> {
                  // publish a while, then on through close, then some more after it
                  int i = 0;
                  int after = 0;
                  while (after < 1_000) {
                    d.publish(Events.numbered(run, ++i)); // never throws, before or after close
                    attempts.incrementAndGet();
                    if (i == perPublisher) {
                      halfway.countDown();
                    }
                    if (i > perPublisher && d.isClosed()) {
                      after++;
                    }
                  }
                  return null;
                }));
      }
      halfway.await();
      CloseReport report = d.close(WAIT);
      // the report is true at its moment: events that raced with close were fanned out by the
      // dispatcher thread's last pass and settled, or the report says that some were left
      assertThat(report.drained()).isEqualTo(report.stats().pending() == 0);
      for (Future<?> f : done) {
        f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    // Events that slipped in as close stopped the dispatcher thread stay in the intake, counted.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              DispatcherStats stats = d.stats();
              HandlerStats h = stats.handler(FAST);
              assertThat(stats.published() + stats.refusedAfterClose()).isEqualTo(attempts.get());
              assertThat(stats.refusedAfterClose()).isPositive();
              assertThat(h.published() + stats.intakeBacklog()).isEqualTo(stats.published());
              assertThat(h.delivered() + h.failed() + h.dropped() + h.pending())
                  .isEqualTo(h.published());
              assertThat(h.delivered()).isEqualTo(fast.count());
            });
  }

  @Test
  void shouldLeaveASuppliedExecutorRunning() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(2);
    try {
      RecordingHandler fast = new RecordingHandler();
      JobEventDispatcher d =
          JobEventDispatcher.builder()
              .addBinding(new FunctionBinding(Audit.class).on(FAST, JobEvent.class, fast))
              .executor(executor)
              .build();
      d.publish(Events.numbered(0, 1));

      d.close();

      assertThat(fast.count()).isEqualTo(1);
      assertThat(executor.isShutdown()).isFalse();
    } finally {
      executor.shutdownNow();
    }
  }

  /** Blocks {@code handler} on a first event, then publishes {@code n} more; returns all. */
  private static List<JobEvent> publishBehind(JobEventDispatcher d, BlockedHandler handler, int n)
      throws InterruptedException {
    List<JobEvent> published = new ArrayList<>();
    published.add(Events.numbered(0, 1));
    d.publish(published.get(0));
    handler.awaitEntered();
    for (int i = 0; i < n; i++) {
      JobEvent e = Events.numbered(0, i + 2);
      published.add(e);
      d.publish(e);
    }
    return published;
  }
}
