package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import dev.zapjobs.events.runtime.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each call is counted the moment it settles: the stats and the close report are exact at every
 * instant, not only when the handler is idle.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccountingTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  static final class Ledger {}

  private static final HandlerId STUCK = HandlerId.of(Ledger.class, "stuck", JobEvent.class);
  private static final HandlerId SYNC = HandlerId.of(Ledger.class, "sync", JobEvent.class);
  private static final HandlerId ASYNC = HandlerId.of(Ledger.class, "async", JobEvent.class);

  @ParameterizedTest(name = "{0} handler, {1}")
  @CsvSource({"sync, DROP_NEWEST", "sync, DROP_OLDEST", "async, DROP_NEWEST", "async, DROP_OLDEST"})
  void shouldCountNineDeliveredAndElevenPendingWhenTheTenthCallIsStuck(
      String kind, OverflowPolicy policy) throws Exception {
    CountDownLatch tenthEntered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> tenthStage = new CompletableFuture<>();
    AtomicLong calls = new AtomicLong();
    FunctionBinding binding = new FunctionBinding(Ledger.class);
    if (kind.equals("sync")) {
      binding.on(
          "Ledger.stuck(JobEvent)",
          JobEvent.class,
          e -> {
            if (calls.incrementAndGet() == 10) {
              tenthEntered.countDown();
              release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
          });
    } else {
      binding.onAsync(
          "Ledger.stuck(JobEvent)",
          JobEvent.class,
          e -> {
            if (calls.incrementAndGet() == 10) {
              tenthEntered.countDown();
              return tenthStage; // never completes before close: the call stays in flight
            }
            return CompletableFuture.completedFuture(null);
          });
    }
    LogCapture log = LogCapture.of("dev.zapjobs.events.runtime");
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(binding)
            .queueCapacity(32)
            .overflowPolicy(policy)
            .asyncTimeout(Duration.ofMinutes(5))
            .build();
    try {
      for (int seq = 1; seq <= 20; seq++) {
        d.publish(Events.numbered(1, seq));
      }
      assertThat(tenthEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      // The dispatcher thread hands the 20 events over in one or more passes: wait for the last.
      awaitPublished(d, 20);

      HandlerStats now = d.stats(STUCK);
      assertExact(now, 9, 1, 10);
      assertExact(d.stats().handler(STUCK), 9, 1, 10);

      CloseReport report = d.close(Duration.ofMillis(200));

      assertThat(report.drained()).isFalse();
      assertExact(report.stats().handler(STUCK), 9, 1, 10);
      assertThat(report.stats().pending()).isEqualTo(11);
      assertThat(report.toString()).contains("11 deliveries left undelivered");
      List<ILoggingEvent> closeLine = log.containing("ZapJobs Events dispatcher closed");
      assertThat(closeLine).hasSize(1);
      assertThat(closeLine.get(0).getFormattedMessage())
          .contains("with 11 deliveries left undelivered")
          .contains("9 delivered, 0 failed, 0 dropped, 11 pending");
    } finally {
      release.countDown();
      tenthStage.complete(null);
      log.close();
    }
  }

  private static void assertExact(HandlerStats h, long delivered, long inFlight, long queued) {
    assertThat(h.published()).as("published").isEqualTo(20);
    assertThat(h.delivered()).as("delivered").isEqualTo(delivered);
    assertThat(h.failed()).as("failed").isZero();
    assertThat(h.dropped()).as("dropped").isZero();
    assertThat(h.inFlight()).as("in flight").isEqualTo(inFlight);
    assertThat(h.queued()).as("queued").isEqualTo(queued);
    assertThat(h.pending()).as("pending").isEqualTo(inFlight + queued);
    assertThat(h.queueCapacity()).isEqualTo(32);
  }

  private static void awaitPublished(JobEventDispatcher d, long n) {
    await().atMost(WAIT).until(() -> d.stats(STUCK).published() == n);
  }

  /**
   * A sampler reads the stats continuously while two handlers work through a stream of events. Each
   * handler counts its own calls as the last thing it does (for the async one: just before it
   * completes its stage), and the sampler reads that count before each snapshot: the snapshot must
   * already count every one of those calls but the one that may be between its last statement and
   * the runtime's count. Under the old batch-end counting, delivered lagged by up to a whole drain
   * batch.
   */
  @Test
  void shouldNeverCountASettledCallAsPendingLongerThanTheCallItself() throws Exception {
    AtomicLong syncReturned = new AtomicLong();
    AtomicLong asyncCompleted = new AtomicLong();
    ExecutorService completer = Executors.newSingleThreadExecutor();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Ledger.class)
                    .on(
                        "Ledger.sync(JobEvent)",
                        JobEvent.class,
                        e -> syncReturned.incrementAndGet())
                    .onAsync(
                        "Ledger.async(JobEvent)",
                        JobEvent.class,
                        e -> completeLater(completer, asyncCompleted, e)))
            .queueCapacity(1 << 16)
            .build();
    int events = 100_000;
    AtomicBoolean running = new AtomicBoolean(true);
    List<String> problems = new ArrayList<>();
    ExecutorService sampler = Executors.newSingleThreadExecutor();
    Future<Long> samples =
        sampler.submit(
            () -> {
              long n = 0;
              while (running.get()) {
                long returned = syncReturned.get();
                long completed = asyncCompleted.get();
                check(d.stats(SYNC), returned, problems);
                check(d.stats().handler(ASYNC), completed, problems);
                n++;
              }
              return n;
            });
    try {
      for (int seq = 1; seq <= events; seq++) {
        d.publish(Events.numbered(seq % 100, seq));
      }
      assertThat(d.awaitIdle(WAIT)).isTrue();
    } finally {
      running.set(false);
    }
    long taken = samples.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    sampler.shutdown();
    completer.shutdown();
    assertThat(problems).isEmpty();
    assertThat(taken).isPositive();
    assertThat(d.stats(SYNC).delivered()).isEqualTo(events);
    assertThat(d.stats(ASYNC).delivered()).isEqualTo(events);
    assertThat(d.close(WAIT).drained()).isTrue();
  }

  private static CompletionStage<?> completeLater(
      ExecutorService completer, AtomicLong completed, JobEvent e) {
    if (e.attempt() % 16 != 0) {
      completed.incrementAndGet();
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> stage = new CompletableFuture<>();
    completer.execute(
        () -> {
          completed.incrementAndGet();
          stage.complete(null);
        });
    return stage;
  }

  /** {@code settledBefore}: calls the handler had finished before the snapshot was taken. */
  private static void check(HandlerStats h, long settledBefore, List<String> problems) {
    if (problems.size() > 10) {
      return;
    }
    boolean ok =
        h.delivered() >= settledBefore - 1 // at most the call between its own count and ours
            && h.inFlight() >= 0
            && h.inFlight() <= 1
            && h.queued() >= 0
            && h.queued() <= h.queueCapacity()
            && h.pending() == h.queued() + h.inFlight()
            && h.published() == h.delivered() + h.failed() + h.dropped() + h.pending();
    if (!ok) {
      problems.add("after " + settledBefore + " settled calls: " + h);
    }
  }

  @Test
  void shouldGiveTheSameNumbersForOneHandlerAsForAll() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Ledger.class)
                    .on(
                        "Ledger.stuck(JobEvent)",
                        JobEvent.class,
                        e -> release.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .on("Ledger.sync(JobEvent)", JobEvent.class, e -> {}))
            .build();
    try {
      for (int seq = 1; seq <= 5; seq++) {
        d.publish(Events.numbered(2, seq));
      }
      await()
          .atMost(WAIT)
          .until(() -> d.stats(SYNC).delivered() == 5 && d.stats(STUCK).queued() == 4);
      for (HandlerId id : d.handlerIds()) {
        assertThat(d.stats(id).toString()).isEqualTo(d.stats().handler(id).toString());
      }
    } finally {
      release.countDown();
      d.close(WAIT);
    }
  }
}
