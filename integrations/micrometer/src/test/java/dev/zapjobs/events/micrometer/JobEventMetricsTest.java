package dev.zapjobs.events.micrometer;

import static dev.zapjobs.events.micrometer.TestDispatchers.completed;
import static dev.zapjobs.events.micrometer.TestDispatchers.failed;
import static dev.zapjobs.events.micrometer.TestDispatchers.started;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.OnJobEvent;
import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.FailureKind;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class JobEventMetricsTest extends WithDispatcher {
  /** How long each JobStarted call sleeps: the known minimum of its duration. */
  static final long SLEEP_MS = 20;

  /** After how long a delivered JobCompleted stage completes. */
  static final long STAGE_MS = 30;

  /** The async timeout of {@link Stuck}. */
  static final long TIMEOUT_MS = 50;

  static final HandlerId ON_STARTED = HandlerId.of(Workload.class, "onStarted", JobStarted.class);
  static final HandlerId ON_FAILED = HandlerId.of(Workload.class, "onFailed", JobFailed.class);
  static final HandlerId ON_COMPLETED =
      HandlerId.of(Workload.class, "onCompleted", JobCompleted.class);
  static final HandlerId ON_ANY = HandlerId.of(Workload.class, "onAny", JobEvent.class);
  static final HandlerId STUCK = HandlerId.of(Stuck.class, "onEnqueued", JobEnqueued.class);
  static final HandlerId BLOCKING = HandlerId.of(Blocking.class, "onStarted", JobStarted.class);

  /** Sleeps, throws, or completes its stage late or exceptionally, as the test needs. */
  static final class Workload {
    @OnJobEvent
    void onStarted(JobStarted e) throws InterruptedException {
      Thread.sleep(SLEEP_MS);
    }

    @OnJobEvent
    void onFailed(JobFailed e) {
      throw new IllegalStateException("handler failed on " + e.runId());
    }

    @OnJobEvent
    CompletionStage<Void> onCompleted(JobCompleted e) {
      if (e.runId().startsWith("bad")) {
        return CompletableFuture.failedFuture(new IOException("stage failed"));
      }
      return CompletableFuture.runAsync(
          () -> {}, CompletableFuture.delayedExecutor(STAGE_MS, MILLISECONDS));
    }

    @OnJobEvent
    void onAny(JobEvent e) {}
  }

  /** Returns a stage that never completes, so the call times out. */
  static final class Stuck {
    @OnJobEvent
    CompletionStage<Void> onEnqueued(JobEnqueued e) {
      return new CompletableFuture<>();
    }
  }

  /** Blocks on its first event until released. */
  static final class Blocking {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @OnJobEvent
    void onStarted(JobStarted e) throws InterruptedException {
      entered.countDown();
      release.await();
    }
  }

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void knownWorkload_givesExactCountsAndTimerTotalsAtLeastTheKnownDurations() throws Exception {
    dispatcher =
        JobEventMetrics.monitor(
            registry,
            TestDispatchers.builder(new Workload(), new Stuck())
                .asyncTimeout(Stuck.class, Duration.ofMillis(TIMEOUT_MS)));

    for (int i = 0; i < 3; i++) {
      dispatcher.publish(started("s" + i));
    }
    dispatcher.publish(failed("f0"));
    dispatcher.publish(failed("f1"));
    dispatcher.publish(completed("good0"));
    dispatcher.publish(completed("good1"));
    dispatcher.publish(completed("bad0"));
    dispatcher.publish(JobEnqueued.builder(JobRun.of("e0", "report.nightly")).build());
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();

    // Observers report just after the dispatcher counts, so the last report may trail awaitIdle.
    await().untilAsserted(() -> assertThat(totalCalls()).isEqualTo(9 + 9));

    Timer startedCalls = timer(ON_STARTED, "JobStarted", Outcome.DELIVERED);
    assertThat(startedCalls.count()).isEqualTo(3);
    assertThat(startedCalls.totalTime(MILLISECONDS)).isGreaterThanOrEqualTo(3.0 * SLEEP_MS);
    assertThat(startedCalls.max(MILLISECONDS)).isGreaterThanOrEqualTo(SLEEP_MS);

    assertThat(timer(ON_FAILED, "JobFailed", Outcome.THROWN).count()).isEqualTo(2);
    assertThat(failures(ON_FAILED, "JobFailed", Outcome.THROWN, "IllegalStateException"))
        .isEqualTo(2);

    Timer completedCalls = timer(ON_COMPLETED, "JobCompleted", Outcome.DELIVERED);
    assertThat(completedCalls.count()).isEqualTo(2);
    assertThat(completedCalls.totalTime(MILLISECONDS)).isGreaterThanOrEqualTo(2.0 * STAGE_MS);
    assertThat(timer(ON_COMPLETED, "JobCompleted", Outcome.STAGE_FAILED).count()).isEqualTo(1);
    assertThat(failures(ON_COMPLETED, "JobCompleted", Outcome.STAGE_FAILED, "IOException"))
        .isEqualTo(1);

    Timer timedOut = timer(STUCK, "JobEnqueued", Outcome.TIMED_OUT);
    assertThat(timedOut.count()).isEqualTo(1);
    assertThat(timedOut.totalTime(MILLISECONDS)).isGreaterThanOrEqualTo(TIMEOUT_MS);
    assertThat(failures(STUCK, "JobEnqueued", Outcome.TIMED_OUT, "TimeoutException")).isEqualTo(1);

    // One handler of every event: one timer per event type.
    assertThat(timer(ON_ANY, "JobStarted", Outcome.DELIVERED).count()).isEqualTo(3);
    assertThat(timer(ON_ANY, "JobFailed", Outcome.DELIVERED).count()).isEqualTo(2);
    assertThat(timer(ON_ANY, "JobCompleted", Outcome.DELIVERED).count()).isEqualTo(3);
    assertThat(timer(ON_ANY, "JobEnqueued", Outcome.DELIVERED).count()).isEqualTo(1);

    // The meters agree with the dispatcher's own accounting, handler by handler.
    for (HandlerId id : dispatcher.handlerIds()) {
      HandlerStats s = dispatcher.stats(id);
      assertThat(count(id, Outcome.DELIVERED)).as("%s delivered", id).isEqualTo(s.delivered());
      for (Outcome o : Outcome.values()) {
        if (o.isFailure()) {
          assertThat(count(id, o)).as("%s %s", id, o).isEqualTo(s.failed(o.failureKind()));
        }
      }
    }
    assertThat(dispatcher.stats(ON_FAILED).failed(FailureKind.THROWN)).isEqualTo(2);
  }

  @Test
  void fullQueue_countsDropsByReason_andGaugesShowQueueActiveAndCapacity() throws Exception {
    Blocking blocking = new Blocking();
    dispatcher =
        JobEventMetrics.monitor(
            registry, TestDispatchers.builder(blocking).queueCapacity(2), Tags.of("app", "test"));

    dispatcher.publish(started("first"));
    assertThat(blocking.entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 5; i++) {
      dispatcher.publish(started("next" + i));
    }
    // The handler holds one, its queue two; the other three are dropped.
    await().until(() -> dispatcher.stats(BLOCKING).dropped() == 3);

    await()
        .untilAsserted(
            () ->
                assertThat(
                        registry
                            .get(JobEventMetrics.DROPPED)
                            .tags("handler", BLOCKING.toString(), "app", "test")
                            .tag("event", "JobStarted")
                            .tag("reason", DropReason.QUEUE_FULL.name())
                            .counter()
                            .count())
                    .isEqualTo(3));
    assertThat(gauge(JobEventMetrics.QUEUED, BLOCKING)).isEqualTo(2);
    assertThat(gauge(JobEventMetrics.ACTIVE, BLOCKING)).isEqualTo(1);
    assertThat(gauge(JobEventMetrics.QUEUE_CAPACITY, BLOCKING)).isEqualTo(2);
    assertThat(registry.get(JobEventMetrics.INTAKE_BACKLOG).tag("app", "test").gauge().value())
        .isZero();

    blocking.release.countDown();
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(gauge(JobEventMetrics.QUEUED, BLOCKING)).isZero();
    assertThat(gauge(JobEventMetrics.ACTIVE, BLOCKING)).isZero();
    await()
        .untilAsserted(
            () ->
                assertThat(timer(BLOCKING, "JobStarted", Outcome.DELIVERED).count()).isEqualTo(3));
  }

  @Test
  void everyBoundRegistry_recordsEveryCall_andAttachOrBindMayComeFirst() throws Exception {
    SimpleMeterRegistry second = new SimpleMeterRegistry();
    JobEventMetrics metrics = new JobEventMetrics();
    metrics.bindTo(registry); // before the dispatcher exists
    dispatcher = TestDispatchers.builder(new Workload()).observer(metrics).build();
    metrics.attach(dispatcher);
    metrics.bindTo(second); // after
    metrics.bindTo(second); // again: no effect

    dispatcher.publish(failed("f0"));
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();

    for (MeterRegistry r : new MeterRegistry[] {registry, second}) {
      await()
          .untilAsserted(
              () ->
                  assertThat(
                          r.get(JobEventMetrics.CALLS)
                              .tag("handler", ON_FAILED.toString())
                              .tag("outcome", "THROWN")
                              .timer()
                              .count())
                      .isEqualTo(1));
      assertThat(r.get(JobEventMetrics.QUEUE_CAPACITY).tag("handler", ON_FAILED.toString()).gauge())
          .isNotNull();
    }
  }

  @Test
  void attachingASecondDispatcher_isRefusedWithTheFix() {
    JobEventMetrics metrics = new JobEventMetrics();
    dispatcher = TestDispatchers.builder(new Workload()).synchronous().observer(metrics).build();
    metrics.attach(dispatcher);
    assertThatThrownBy(() -> metrics.attach(dispatcher))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("one JobEventMetrics per dispatcher");
  }

  @Test
  void withNoRegistryBound_theObserverAllocatesNothing() {
    JobEventMetrics metrics = new JobEventMetrics();
    JobStarted event = started("r");
    RuntimeException failure = new RuntimeException("x");
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < 100_000; i++) {
      metrics.onSettled(ON_STARTED, event, Outcome.DELIVERED, i, null);
      metrics.onSettled(ON_STARTED, event, Outcome.THROWN, i, failure);
      metrics.onDropped(ON_STARTED, event, DropReason.QUEUE_FULL);
    }
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    // 300,000 calls; a single allocation per call would be megabytes.
    assertThat(allocated).isLessThan(64 * 1024);
  }

  @Test
  void withARegistryBound_recordingAKnownCallAllocatesNothing() {
    JobEventMetrics metrics = new JobEventMetrics();
    metrics.bindTo(registry);
    JobStarted event = started("r");
    metrics.onSettled(ON_STARTED, event, Outcome.DELIVERED, 1, null); // makes the meter
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < 100_000; i++) {
      metrics.onSettled(ON_STARTED, event, Outcome.DELIVERED, 1_000, null);
    }
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    assertThat(allocated).isLessThan(64 * 1024);
    assertThat(timer(ON_STARTED, "JobStarted", Outcome.DELIVERED).count()).isEqualTo(100_001);
  }

  private Timer timer(HandlerId handler, String event, Outcome outcome) {
    return registry
        .get(JobEventMetrics.CALLS)
        .tag("handler", handler.toString())
        .tag("event", event)
        .tag("outcome", outcome.name())
        .timer();
  }

  private double failures(HandlerId handler, String event, Outcome outcome, String exception) {
    return registry
        .get(JobEventMetrics.FAILED)
        .tag("handler", handler.toString())
        .tag("event", event)
        .tag("outcome", outcome.name())
        .tag("exception", exception)
        .counter()
        .count();
  }

  /** Calls of {@code handler} with {@code outcome}, over every event type. */
  private long count(HandlerId handler, Outcome outcome) {
    return registry
        .find(JobEventMetrics.CALLS)
        .tag("handler", handler.toString())
        .tag("outcome", outcome.name())
        .timers()
        .stream()
        .mapToLong(Timer::count)
        .sum();
  }

  private long totalCalls() {
    return registry.find(JobEventMetrics.CALLS).timers().stream().mapToLong(Timer::count).sum();
  }

  private double gauge(String name, HandlerId handler) {
    return registry.get(name).tag("handler", handler.toString()).gauge().value();
  }
}
