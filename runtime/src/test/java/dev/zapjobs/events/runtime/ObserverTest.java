package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.testing.BlockedHandler;
import dev.zapjobs.events.runtime.testing.BlockingListener;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import dev.zapjobs.events.runtime.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link JobEventObserver} SPI: every settled call once, after it was counted, with its outcome
 * and exact duration; every drop once per handler with its reason; a throwing observer changes
 * nothing but a log line.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ObserverTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  static final class Metered {}

  private static final HandlerId WORK = HandlerId.of(Metered.class, "work", JobEvent.class);
  private static final HandlerId LATER = HandlerId.of(Metered.class, "later", JobEvent.class);
  private static final HandlerId STARTED = HandlerId.of(Metered.class, "started", JobStarted.class);

  /** One onSettled call, as the observer saw it. */
  record Settled(
      HandlerId id,
      JobEvent event,
      Outcome outcome,
      long nanos,
      Throwable failure,
      Thread thread,
      long reportedAt,
      long countedBefore) {}

  /** A handler call, as the handler itself timed it. */
  record Inner(JobEvent event, long enteredAt, long leftAt, Thread thread) {}

  /** Records what it is told; checks that the call is already counted when it is told. */
  static final class RecordingObserver implements JobEventObserver {
    final List<Settled> settled = new CopyOnWriteArrayList<>();
    final List<Object[]> dropped = new CopyOnWriteArrayList<>();
    volatile JobEventDispatcher dispatcher;

    @Override
    public void onSettled(
        HandlerId handler, JobEvent event, Outcome outcome, long durationNanos, Throwable failure) {
      HandlerStats now = dispatcher.stats(handler);
      settled.add(
          new Settled(
              handler,
              event,
              outcome,
              durationNanos,
              failure,
              Thread.currentThread(),
              System.nanoTime(),
              now.delivered() + now.failed()));
    }

    @Override
    public void onDropped(HandlerId handler, JobEvent event, DropReason reason) {
      dropped.add(new Object[] {handler, event, reason, Thread.currentThread()});
    }

    List<Settled> of(HandlerId id) {
      return settled.stream().filter(s -> s.id().equals(id)).toList();
    }
  }

  @Test
  void shouldReportEveryCallOnceAfterCountingItWithItsOutcomeAndExactDuration() throws Exception {
    RecordingObserver observer = new RecordingObserver();
    Map<JobEvent, Inner> workCalls = new ConcurrentHashMap<>();
    Map<JobEvent, Inner> laterCalls = new ConcurrentHashMap<>();
    Map<JobEvent, RuntimeException> thrown = new ConcurrentHashMap<>();
    ExecutorService completer = Executors.newSingleThreadExecutor();
    Map<JobEvent, Long> completedAt = new ConcurrentHashMap<>();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Metered.class)
                    .on(
                        "Metered.work(JobEvent)",
                        JobEvent.class,
                        e -> {
                          long in = System.nanoTime();
                          busy(e.attempt() % 4 * 20_000L);
                          workCalls.put(
                              e, new Inner(e, in, System.nanoTime(), Thread.currentThread()));
                          if (e.attempt() % 3 == 0) {
                            RuntimeException boom =
                                new IllegalStateException("boom " + e.attempt());
                            thrown.put(e, boom);
                            throw boom;
                          }
                        })
                    .onAsync(
                        "Metered.later(JobEvent)",
                        JobEvent.class,
                        e -> {
                          long in = System.nanoTime();
                          CompletableFuture<Void> stage = new CompletableFuture<>();
                          completer.execute(
                              () -> {
                                completedAt.put(e, System.nanoTime());
                                if (e.attempt() % 5 == 0) {
                                  stage.completeExceptionally(new IllegalArgumentException("no"));
                                } else {
                                  stage.complete(null);
                                }
                              });
                          laterCalls.put(e, new Inner(e, in, in, Thread.currentThread()));
                          return stage;
                        }))
            .observer(observer)
            .build();
    observer.dispatcher = d;
    int events = 300;
    long publishedAt = System.nanoTime();
    List<JobEvent> published = new ArrayList<>();
    for (int seq = 1; seq <= events; seq++) {
      JobEvent e = Events.numbered(4, seq);
      published.add(e);
      d.publish(e);
    }
    assertThat(d.awaitIdle(WAIT)).isTrue();
    completer.shutdown();

    // exact counts: once per call, the same as the stats
    List<Settled> work = observer.of(WORK);
    List<Settled> later = observer.of(LATER);
    assertThat(work).extracting(Settled::event).containsExactlyElementsOf(published);
    assertThat(later).extracting(Settled::event).containsExactlyElementsOf(published);
    assertThat(count(work, Outcome.THROWN)).isEqualTo(events / 3).isEqualTo(thrown.size());
    assertThat(count(work, Outcome.DELIVERED)).isEqualTo(events - events / 3);
    assertThat(count(later, Outcome.STAGE_FAILED)).isEqualTo(events / 5);
    assertThat(count(later, Outcome.DELIVERED)).isEqualTo(events - events / 5);
    HandlerStats workStats = d.stats(WORK);
    assertThat(workStats.delivered()).isEqualTo(count(work, Outcome.DELIVERED));
    assertThat(workStats.failed(FailureKind.THROWN)).isEqualTo(count(work, Outcome.THROWN));
    assertThat(d.stats(LATER).failed(FailureKind.STAGE_FAILED))
        .isEqualTo(count(later, Outcome.STAGE_FAILED));

    // told after counting: a snapshot taken inside onSettled already includes the call
    for (List<Settled> reports : List.of(work, later)) {
      for (int i = 0; i < reports.size(); i++) {
        assertThat(reports.get(i).countedBefore())
            .as("counted before report %d", i)
            .isGreaterThan(i);
      }
    }

    // the failure as thrown (or the stage's cause, unwrapped); none when delivered
    for (Settled s : work) {
      assertThat(s.failure()).isSameAs(thrown.get(s.event()));
    }
    for (Settled s : later) {
      if (s.outcome() == Outcome.STAGE_FAILED) {
        assertThat(s.failure()).isInstanceOf(IllegalArgumentException.class).hasMessage("no");
      } else {
        assertThat(s.failure()).isNull();
      }
    }

    // exact durations: each call's measured time lies between what the handler itself saw and the
    // time from the previous report (before which the call could not start) to its own report
    long sumInner = 0;
    long sumObserved = 0;
    long previousReport = publishedAt;
    for (int i = 0; i < work.size(); i++) {
      Settled s = work.get(i);
      Inner in = workCalls.get(s.event());
      assertThat(s.thread()).as("reported on the handler's thread").isSameAs(in.thread());
      assertThat(s.nanos()).isGreaterThanOrEqualTo(in.leftAt() - in.enteredAt());
      assertThat(s.nanos()).isLessThanOrEqualTo(s.reportedAt() - previousReport);
      sumInner += in.leftAt() - in.enteredAt();
      sumObserved += s.nanos();
      previousReport = s.reportedAt();
    }
    assertThat(sumObserved).isGreaterThanOrEqualTo(sumInner);
    previousReport = publishedAt;
    for (Settled s : later) {
      Inner in = laterCalls.get(s.event());
      assertThat(s.nanos()).isGreaterThanOrEqualTo(completedAt.get(s.event()) - in.enteredAt());
      assertThat(s.nanos()).isLessThanOrEqualTo(s.reportedAt() - previousReport);
      previousReport = s.reportedAt();
    }
    assertThat(d.close(WAIT).drained()).isTrue();
  }

  private static long count(List<Settled> reports, Outcome outcome) {
    return reports.stream().filter(s -> s.outcome() == outcome).count();
  }

  private static void busy(long nanos) {
    long until = System.nanoTime() + nanos;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }

  @Test
  void shouldReportATimeoutWithATimeoutExceptionOnce() throws Exception {
    RecordingObserver observer = new RecordingObserver();
    CompletableFuture<Void> never = new CompletableFuture<>();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Metered.class)
                    .onAsync("Metered.later(JobEvent)", JobEvent.class, e -> never))
            .asyncTimeout(Duration.ofMillis(50))
            .observer(observer)
            .build();
    observer.dispatcher = d;
    d.publish(Events.numbered(5, 1));
    assertThat(d.awaitIdle(WAIT)).isTrue();
    never.complete(null); // late: ignored

    assertThat(observer.settled).hasSize(1);
    Settled s = observer.settled.get(0);
    assertThat(s.outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(s.failure()).isInstanceOf(TimeoutException.class);
    assertThat(s.nanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    assertThat(s.thread().getName()).isEqualTo("zapjobs-events-dispatcher");
    assertThat(d.close(WAIT).drained()).isTrue();
    assertThat(observer.settled).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(OverflowPolicy.class)
  void shouldReportEachDropAtAFullQueueOnTheDispatcherThread(OverflowPolicy policy)
      throws Exception {
    RecordingObserver observer = new RecordingObserver();
    BlockedHandler blocked = new BlockedHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Metered.class)
                    .on("Metered.work(JobEvent)", JobEvent.class, blocked))
            .queueCapacity(4)
            .overflowPolicy(policy)
            .observer(observer)
            .build();
    observer.dispatcher = d;
    List<JobEvent> published = new ArrayList<>();
    published.add(Events.numbered(6, 1));
    d.publish(published.get(0));
    blocked.awaitEntered();
    for (int seq = 2; seq <= 11; seq++) { // 10 more: 4 fit, 6 are dropped
      published.add(Events.numbered(6, seq));
      d.publish(published.get(seq - 1));
    }
    DropReason reason =
        policy == OverflowPolicy.DROP_NEWEST ? DropReason.QUEUE_FULL : DropReason.EVICTED;
    await().atMost(WAIT).until(() -> d.stats(WORK).dropped(reason) == 6);

    List<JobEvent> expectedDrops =
        policy == OverflowPolicy.DROP_NEWEST
            ? published.subList(5, 11) // the newest that did not fit
            : published.subList(1, 7); // the oldest queued ones, evicted for the newer
    assertThat(observer.dropped).extracting(o -> o[1]).containsExactlyElementsOf(expectedDrops);
    assertThat(observer.dropped).allSatisfy(o -> assertThat(o[0]).isEqualTo(WORK));
    assertThat(observer.dropped).allSatisfy(o -> assertThat(o[2]).isEqualTo(reason));
    assertThat(observer.dropped)
        .allSatisfy(
            o -> assertThat(((Thread) o[3]).getName()).isEqualTo("zapjobs-events-dispatcher"));
    blocked.release();
    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(observer.settled).hasSize(5);
    assertThat(d.close(WAIT).drained()).isTrue();
  }

  @Test
  void shouldReportAnIntakeDropOncePerSubscribedHandlerOnThePublishingThread() throws Exception {
    RecordingObserver observer = new RecordingObserver();
    BlockingListener listener = new BlockingListener();
    BlockedHandler blocked = new BlockedHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Metered.class)
                    .on("Metered.work(JobEvent)", JobEvent.class, blocked)
                    .on("Metered.started(JobStarted)", JobStarted.class, e -> {}))
            .intakeCapacity(4)
            .slowHandlerThreshold(Duration.ofMillis(20))
            // the listener runs on the dispatcher thread: holding it there stops the intake
            .slowHandlerListener(listener)
            .observer(observer)
            .build();
    observer.dispatcher = d;
    d.publish(Events.numbered(7, 1));
    blocked.awaitEntered();
    listener.awaitHeld();
    for (int seq = 2; seq <= 5; seq++) {
      d.publish(Events.numbered(7, seq)); // fills the intake
    }
    JobEvent refused = Events.numbered(7, 6); // kind 1: JobStarted, so both handlers take it
    assertThat(refused).isInstanceOf(JobStarted.class);
    d.publish(refused);

    assertThat(observer.dropped).hasSize(2);
    assertThat(observer.dropped).extracting(o -> o[0]).containsExactly(WORK, STARTED);
    assertThat(observer.dropped).allSatisfy(o -> assertThat(o[1]).isSameAs(refused));
    assertThat(observer.dropped)
        .allSatisfy(o -> assertThat(o[2]).isEqualTo(DropReason.INTAKE_FULL));
    assertThat(observer.dropped).allSatisfy(o -> assertThat(o[3]).isSameAs(Thread.currentThread()));
    assertThat(d.stats(STARTED).dropped(DropReason.INTAKE_FULL)).isEqualTo(1);
    listener.release();
    blocked.release();
    assertThat(d.close(WAIT).drained()).isTrue();
  }

  @Test
  void shouldCallObserversInRegistrationOrderAndSurviveOneThatThrows() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    JobEventObserver throwing =
        new JobEventObserver() {
          @Override
          public void onSettled(HandlerId h, JobEvent e, Outcome o, long nanos, Throwable t) {
            order.add("first");
            throw new IllegalStateException("observer bug");
          }
        };
    JobEventObserver second =
        new JobEventObserver() {
          @Override
          public void onSettled(HandlerId h, JobEvent e, Outcome o, long nanos, Throwable t) {
            order.add("second");
          }
        };
    try (LogCapture log = LogCapture.of("dev.zapjobs.events.runtime")) {
      JobEventDispatcher d =
          JobEventDispatcher.builder()
              .addBinding(
                  new FunctionBinding(Metered.class)
                      .on("Metered.work(JobEvent)", JobEvent.class, e -> {}))
              .observer(throwing)
              .observer(second)
              .build();
      d.publish(Events.numbered(8, 1));
      d.publish(Events.numbered(8, 2));
      assertThat(d.awaitIdle(WAIT)).isTrue();

      assertThat(order).containsExactly("first", "second", "first", "second");
      assertThat(d.stats(WORK).delivered()).isEqualTo(2);
      assertThat(d.stats(WORK).failed()).isZero();
      List<ILoggingEvent> lines = log.containing("threw java.lang.IllegalStateException");
      assertThat(lines).isNotEmpty();
      assertThat(lines.get(0).getLevel()).isEqualTo(Level.WARN);
      assertThat(lines.get(0).getFormattedMessage())
          .startsWith("JobEventObserver " + throwing.getClass().getName() + ".onSettled threw")
          .contains("(handler " + WORK + ")")
          .contains("Fix it: observers and interceptors must not throw");
      assertThat(d.close(WAIT).drained()).isTrue();
    }
  }

  @Test
  void shouldReportSynchronousModeCallsOnThePublishingThread() {
    RecordingObserver observer = new RecordingObserver();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Metered.class)
                    .on("Metered.work(JobEvent)", JobEvent.class, e -> {})
                    .on("Metered.started(JobStarted)", JobStarted.class, e -> {}))
            .observer(observer)
            .synchronous()
            .build();
    observer.dispatcher = d;
    List<JobEvent> five = Events.allFive(Events.newRunId());
    five.forEach(d::publish);

    assertThat(observer.of(WORK)).extracting(Settled::event).containsExactlyElementsOf(five);
    assertThat(observer.of(STARTED)).hasSize(1);
    assertThat(observer.settled)
        .allSatisfy(s -> assertThat(s.thread()).isSameAs(Thread.currentThread()))
        .allSatisfy(s -> assertThat(s.nanos()).isNotNegative());
    assertThat(
            observer.settled.stream()
                .collect(Collectors.groupingBy(Settled::outcome, Collectors.counting())))
        .containsExactly(Map.entry(Outcome.DELIVERED, 6L));
    d.close(WAIT);
  }
}
