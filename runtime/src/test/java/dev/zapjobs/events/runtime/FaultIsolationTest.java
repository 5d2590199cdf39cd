package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import dev.zapjobs.events.runtime.testing.RecordingHandler;
import dev.zapjobs.events.runtime.testing.ThrowingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exceptions, errors, failed and never-completing stages: counted once each, never seen by the
 * publisher, and the dispatcher's threads keep delivering.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultIsolationTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  static final class Faulty {}

  @Test
  void shouldCountEveryKindOfFailureOnceAndKeepDelivering() throws Exception {
    ThrowingHandler runtime = ThrowingHandler.runtimeException();
    ThrowingHandler thrownOverflow = new ThrowingHandler(StackOverflowError::new);
    AtomicInteger recursions = new AtomicInteger();
    ThrowingHandler assertion = new ThrowingHandler(() -> new AssertionError("handler assert"));
    RecordingHandler healthy = new RecordingHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Faulty.class)
                    .on("FaultIsolationTest.Faulty.runtime(JobEvent)", JobEvent.class, runtime)
                    .on(
                        "FaultIsolationTest.Faulty.thrownOverflow(JobEvent)",
                        JobEvent.class,
                        thrownOverflow)
                    .on(
                        "FaultIsolationTest.Faulty.recursion(JobEvent)",
                        JobEvent.class,
                        e -> {
                          recursions.incrementAndGet();
                          recurse(0);
                        })
                    .on("FaultIsolationTest.Faulty.assertion(JobEvent)", JobEvent.class, assertion)
                    .onAsync(
                        "FaultIsolationTest.Faulty.failedStage(JobEvent)",
                        JobEvent.class,
                        e -> CompletableFuture.failedFuture(new IllegalStateException("stage")))
                    .onAsync(
                        "FaultIsolationTest.Faulty.failedStageError(JobEvent)",
                        JobEvent.class,
                        e -> CompletableFuture.failedFuture(new OutOfMemoryError("fake")))
                    .onAsync(
                        "FaultIsolationTest.Faulty.neverCompletes(JobEvent)",
                        JobEvent.class,
                        e -> new CompletableFuture<Void>())
                    .on("FaultIsolationTest.Faulty.healthy(JobEvent)", JobEvent.class, healthy))
            .threads(2)
            .asyncTimeout(Duration.ofMillis(200))
            .build();

    List<JobEvent> first = publishAndSettle(d, 5);
    // the dispatcher's threads survived every kind of failure: later events are delivered
    List<JobEvent> second = publishAndSettle(d, 10);

    List<JobEvent> all = new ArrayList<>(first);
    all.addAll(second);
    assertThat(healthy.received()).containsExactlyElementsOf(all);
    assertThat(runtime.calls()).isEqualTo(10);
    assertThat(thrownOverflow.calls()).isEqualTo(10);
    assertThat(recursions).hasValue(10);
    assertThat(assertion.calls()).isEqualTo(10);
    assertThat(d.close(WAIT).drained()).isTrue();
  }

  /** Publishes the five kinds of one run, waits until all settle, checks the failure counts. */
  private static List<JobEvent> publishAndSettle(JobEventDispatcher d, int totalAfter)
      throws InterruptedException {
    List<JobEvent> five = Events.allFive(Events.newRunId());
    five.forEach(d::publish); // a failure reaching the publisher would fail the test here
    await()
        .atMost(WAIT)
        .until(
            () ->
                d.stats()
                        .handler("FaultIsolationTest.Faulty.neverCompletes(JobEvent)")
                        .failed(FailureKind.TIMED_OUT)
                    == totalAfter);
    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertFailures(d.stats(), totalAfter);
    return five;
  }

  private static void assertFailures(DispatcherStats stats, int n) {
    Map<String, FailureKind> expected =
        Map.of(
            "FaultIsolationTest.Faulty.runtime(JobEvent)", FailureKind.THROWN,
            "FaultIsolationTest.Faulty.thrownOverflow(JobEvent)", FailureKind.THROWN,
            "FaultIsolationTest.Faulty.recursion(JobEvent)", FailureKind.THROWN,
            "FaultIsolationTest.Faulty.assertion(JobEvent)", FailureKind.THROWN,
            "FaultIsolationTest.Faulty.failedStage(JobEvent)", FailureKind.STAGE_FAILED,
            "FaultIsolationTest.Faulty.failedStageError(JobEvent)", FailureKind.STAGE_FAILED,
            "FaultIsolationTest.Faulty.neverCompletes(JobEvent)", FailureKind.TIMED_OUT);
    expected.forEach(
        (name, kind) -> {
          HandlerStats h = stats.handler(name);
          assertThat(h.failed(kind)).as(name).isEqualTo(n);
          assertThat(h.failed()).as(name + ": each failure counted once").isEqualTo(n);
          assertThat(h.delivered() + h.dropped() + h.pending()).as(name).isZero();
          assertThat(h.published()).as(name).isEqualTo(n);
        });
    assertThat(stats.handler("FaultIsolationTest.Faulty.healthy(JobEvent)").delivered())
        .isEqualTo(n);
    assertThat(stats.failed()).isEqualTo(7L * n);
  }

  @Test
  void shouldNotCountALateCompletionAfterTheTimeout() throws Exception {
    Map<Integer, CompletableFuture<String>> stages = new ConcurrentHashMap<>();
    RecordingHandler seen = new RecordingHandler();
    String name = "FaultIsolationTest.Faulty.late(JobEvent)";
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Faulty.class)
                    .onAsync(
                        name,
                        JobEvent.class,
                        e -> {
                          seen.accept(e);
                          CompletableFuture<String> stage = new CompletableFuture<>();
                          stages.put(e.attempt(), stage);
                          // events 1 and 2 hang past the timeout; later ones complete at once
                          if (e.attempt() > 2) {
                            stage.complete("done");
                          }
                          return stage;
                        }))
            .asyncTimeout(Duration.ofMillis(200))
            .build();

    d.publish(Events.numbered(0, 1));
    d.publish(Events.numbered(0, 2));
    await().atMost(WAIT).until(() -> d.stats().handler(name).failed(FailureKind.TIMED_OUT) == 2);
    stages.get(1).complete("too late");
    stages.get(2).completeExceptionally(new IllegalStateException("too late, and failed"));
    d.publish(Events.numbered(0, 3));

    assertThat(d.awaitIdle(WAIT)).isTrue();
    HandlerStats h = d.stats().handler(name);
    assertThat(h.failed(FailureKind.TIMED_OUT)).isEqualTo(2);
    assertThat(h.failed()).isEqualTo(2);
    assertThat(h.delivered()).isEqualTo(1);
    assertThat(h.published()).isEqualTo(3);
    assertThat(seen.received()).extracting(JobEvent::attempt).containsExactly(1, 2, 3);
    assertThat(d.close(WAIT).drained()).isTrue();
  }

  @Test
  void shouldDeliverTheNextEventOfARunOnlyAfterTheStageCompletes() throws Exception {
    Map<Integer, CompletableFuture<Void>> stages = new ConcurrentHashMap<>();
    String name = "FaultIsolationTest.Faulty.async(JobEvent)";
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Faulty.class)
                    .onAsync(
                        name,
                        JobEvent.class,
                        e -> stages.computeIfAbsent(e.attempt(), k -> new CompletableFuture<>())))
            .build();

    d.publish(Events.numbered(0, 1));
    d.publish(Events.numbered(0, 2));
    await().atMost(WAIT).until(() -> stages.containsKey(1));
    await().atMost(WAIT).until(() -> d.stats().handler(name).pending() == 2);
    assertThat(stages).containsOnlyKeys(1); // event 2 waits for event 1's stage

    stages.get(1).complete(null);
    await().atMost(WAIT).until(() -> stages.containsKey(2));
    stages.get(2).complete(null);

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(d.stats().handler(name).delivered()).isEqualTo(2);
    d.close(WAIT);
  }

  static final class Patient {}

  @Test
  void shouldApplyAPerClassAsyncTimeout() throws Exception {
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Faulty.class)
                    .onAsync(
                        "FaultIsolationTest.Faulty.hangs(JobEvent)",
                        JobEvent.class,
                        e -> new CompletableFuture<>()))
            .addBinding(
                new FunctionBinding(Patient.class)
                    .onAsync(
                        "FaultIsolationTest.Patient.hangs(JobEvent)",
                        JobEvent.class,
                        e -> new CompletableFuture<>()))
            .asyncTimeout(Duration.ofHours(1))
            .asyncTimeout(Faulty.class, Duration.ofMillis(100))
            .build();

    d.publish(Events.numbered(0, 1));

    await()
        .atMost(WAIT)
        .until(
            () ->
                d.stats()
                        .handler("FaultIsolationTest.Faulty.hangs(JobEvent)")
                        .failed(FailureKind.TIMED_OUT)
                    == 1);
    HandlerStats patient = d.stats().handler("FaultIsolationTest.Patient.hangs(JobEvent)");
    assertThat(patient.failed()).isZero();
    assertThat(patient.pending()).isEqualTo(1);
    CloseReport report = d.close(Duration.ofMillis(100));
    assertThat(report.drained()).isFalse();
    assertThat(report.stats().pending()).isEqualTo(1);
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }
}
