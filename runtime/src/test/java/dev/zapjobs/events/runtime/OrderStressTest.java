package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import dev.zapjobs.events.runtime.testing.OrderCheckingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Several publisher threads, many runs, six handlers: every handler receives each run's events in
 * publish order, and the accounting is exact at the end.
 *
 * <p>The default build runs a smaller load ({@code 4 x 100,000} events). The full-size stress load
 * ({@code 4 x 250,000} events over 10,000 runs), repeated, runs with {@code mvn -pl runtime -am
 * verify -Pstress} (see {@code runtime/stress.sh}). System properties: {@code
 * stress.eventsPerPublisher}, {@code stress.publishers}, {@code stress.runs}, {@code
 * stress.repeat}.
 */
class OrderStressTest {
  private static final int PUBLISHERS = Integer.getInteger("stress.publishers", 4);
  private static final int EVENTS_PER_PUBLISHER =
      Integer.getInteger("stress.eventsPerPublisher", 100_000);
  private static final int RUNS = Integer.getInteger("stress.runs", 10_000);
  private static final int REPEAT = Integer.getInteger("stress.repeat", 1);
  private static final Duration WAIT = Duration.ofSeconds(120);

  private static final String ALL = "OrderStressTest.Audit.all(JobEvent)";
  private static final String FLAKY = "OrderStressTest.Audit.flaky(JobEvent)";
  private static final String ASYNC = "OrderStressTest.Audit.async(JobEvent)";
  private static final String STARTED = "OrderStressTest.Audit.started(JobStarted)";
  private static final String FAILED = "OrderStressTest.Audit.failed(JobFailed)";
  private static final String RETRYING = "OrderStressTest.Audit.retrying(JobRetrying)";

  static final class Audit {}

  /** Queue capacity 0 stands for "room for every event": nothing can be dropped. */
  @ParameterizedTest(name = "{0}, queue capacity {1}")
  @CsvSource({"DROP_NEWEST, 0", "DROP_NEWEST, 8192", "DROP_NEWEST, 64", "DROP_OLDEST, 64"})
  void shouldDeliverEveryRunInPublishOrderWithExactAccounting(
      OverflowPolicy policy, int queueCapacity) throws Exception {
    for (int round = 1; round <= REPEAT; round++) {
      runOnce(policy, queueCapacity, round);
    }
  }

  private static void runOnce(OverflowPolicy policy, int queueCapacity, int round)
      throws Exception {
    Map<String, OrderCheckingHandler> checkers = new LinkedHashMap<>();
    for (String name : List.of(ALL, FLAKY, ASYNC, STARTED, FAILED, RETRYING)) {
      checkers.put(name, new OrderCheckingHandler(name, RUNS));
    }
    ExecutorService completer = Executors.newSingleThreadExecutor();
    long total = (long) PUBLISHERS * EVENTS_PER_PUBLISHER;
    boolean lossless = queueCapacity == 0;
    int capacity =
        lossless ? (int) Math.min(1 << 30, Long.highestOneBit(total) * 2) : queueCapacity;
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Audit.class)
                    .on(ALL, JobEvent.class, checkers.get(ALL))
                    .on(
                        FLAKY,
                        JobEvent.class,
                        e -> {
                          checkers.get(FLAKY).accept(e);
                          if (e.attempt() % 7 == 0) {
                            throw new IllegalStateException("flaky handler");
                          }
                        })
                    .onAsync(
                        ASYNC,
                        JobEvent.class,
                        e -> {
                          checkers.get(ASYNC).accept(e);
                          // mostly already complete; every 64th completes on another thread
                          return e.attempt() % 64 == 0
                              ? CompletableFuture.runAsync(() -> {}, completer)
                              : CompletableFuture.completedFuture(null);
                        })
                    .on(STARTED, JobStarted.class, checkers.get(STARTED))
                    .on(FAILED, JobFailed.class, checkers.get(FAILED))
                    .on(RETRYING, JobRetrying.class, checkers.get(RETRYING)))
            .queueCapacity(capacity)
            .intakeCapacity(Math.max(capacity, 65_536))
            .overflowPolicy(policy)
            .build();

    AtomicLongArray publishedPerKind = new AtomicLongArray(5);
    int[] lastSeq = new int[RUNS]; // each publisher writes only its own runs' slots
    AtomicLong flakyThrows = new AtomicLong();
    ExecutorService publishers = Executors.newFixedThreadPool(PUBLISHERS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int p = 0; p < PUBLISHERS; p++) {
      int publisher = p;
      done.add(
          publishers.submit(
              () -> {
                publish(d, publisher, start, publishedPerKind, flakyThrows, lastSeq);
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    publishers.shutdown();

    assertThat(d.awaitIdle(WAIT)).as("idle after round %d", round).isTrue();
    DispatcherStats stats = d.stats();
    assertThat(d.close(WAIT).drained()).isTrue();
    completer.shutdown();

    System.out.printf(
        "order stress %s/%d round %d: %d events, %d deliveries, %d failed, %d dropped"
            + " (queue full %d, evicted %d, intake full %d)%n",
        policy,
        queueCapacity,
        round,
        stats.published(),
        stats.delivered(),
        stats.failed(),
        stats.dropped(),
        sum(stats, DropReason.QUEUE_FULL),
        sum(stats, DropReason.EVICTED),
        sum(stats, DropReason.INTAKE_FULL));
    String context = policy + "/" + queueCapacity + " round " + round + "\n" + stats;
    assertThat(stats.published()).as(context).isEqualTo(total);
    assertThat(stats.pending()).as(context).isZero();
    for (OrderCheckingHandler c : checkers.values()) {
      assertThat(c.problems()).as(context).isEmpty();
    }
    Map<String, Long> expectedPublished =
        Map.of(
            ALL,
            total,
            FLAKY,
            total,
            ASYNC,
            total,
            STARTED,
            publishedPerKind.get(1),
            FAILED,
            publishedPerKind.get(3),
            RETRYING,
            publishedPerKind.get(4));
    for (HandlerStats h : stats.handlers()) {
      String name = h.name() + " in " + context;
      OrderCheckingHandler c = checkers.get(h.name());
      assertThat(h.published()).as(name).isEqualTo(expectedPublished.get(h.name()));
      assertThat(h.delivered() + h.failed() + h.dropped()).as(name).isEqualTo(h.published());
      assertThat(h.pending()).as(name).isZero();
      assertThat(c.calls()).as(name).isEqualTo(h.delivered() + h.failed());
      if (!h.name().equals(FLAKY)) {
        assertThat(h.failed()).as(name).isZero();
      }
      assertThat(
              policy == OverflowPolicy.DROP_NEWEST
                  ? h.dropped(DropReason.EVICTED)
                  : h.dropped(DropReason.QUEUE_FULL))
          .as(name)
          .isZero();
    }
    if (lossless) {
      assertThat(stats.dropped()).as(context).isZero();
      for (int run = 0; run < RUNS; run++) {
        assertThat(checkers.get(ALL).lastSeq(run)).isEqualTo(lastSeq[run]);
        assertThat(checkers.get(ASYNC).lastSeq(run)).isEqualTo(lastSeq[run]);
      }
    }
    HandlerStats flaky = stats.handler(FLAKY);
    assertThat(flaky.failed(FailureKind.THROWN)).isEqualTo(flaky.failed());
    if (flaky.dropped() == 0) {
      assertThat(flaky.failed()).as(context).isEqualTo(flakyThrows.get());
    }
  }

  private static long sum(DispatcherStats stats, DropReason reason) {
    return stats.handlers().stream().mapToLong(h -> h.dropped(reason)).sum();
  }

  /**
   * Publishes this publisher's share: its runs are those with {@code run % PUBLISHERS ==
   * publisher}, so each run has one publisher and a well-defined publish order. Runs are picked at
   * random, so runs interleave; each run's events are numbered 1, 2, 3, ...
   */
  private static void publish(
      JobEventDispatcher d,
      int publisher,
      CountDownLatch start,
      AtomicLongArray publishedPerKind,
      AtomicLong flakyThrows,
      int[] lastSeq)
      throws InterruptedException {
    int owned = (RUNS - publisher + PUBLISHERS - 1) / PUBLISHERS;
    int[] nextSeq = new int[owned];
    long[] perKind = new long[5];
    long throwsHere = 0;
    SplittableRandom random = new SplittableRandom(31L * publisher + 7);
    start.await();
    for (int i = 0; i < EVENTS_PER_PUBLISHER; i++) {
      int local = random.nextInt(owned);
      int seq = ++nextSeq[local];
      d.publish(Events.numbered(local * PUBLISHERS + publisher, seq));
      perKind[Events.kindOf(seq)]++;
      if (seq % 7 == 0) {
        throwsHere++;
      }
    }
    for (int local = 0; local < owned; local++) {
      lastSeq[local * PUBLISHERS + publisher] = nextSeq[local];
    }
    for (int k = 0; k < 5; k++) {
      publishedPerKind.addAndGet(k, perKind[k]);
    }
    flakyThrows.addAndGet(throwsHere);
  }
}
