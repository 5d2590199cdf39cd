package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.testing.BlockedHandler;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import dev.zapjobs.events.runtime.testing.RecordingHandler;
import dev.zapjobs.events.runtime.testing.ThrowingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What each handler receives, and that failing handlers never disturb the others. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Two handler classes, so that "several events per class" is per class. */
  static final class Audit {}

  static final class Alerts {}

  @Test
  void shouldDeliverToEveryHandlerExactlyTheEventsItSubscribedTo() throws Exception {
    RecordingHandler auditAll = new RecordingHandler();
    RecordingHandler auditStarted = new RecordingHandler();
    RecordingHandler auditCompleted = new RecordingHandler();
    RecordingHandler alertsFailed = new RecordingHandler();
    RecordingHandler alertsFailedToo = new RecordingHandler();
    RecordingHandler alertsRetrying = new RecordingHandler();
    RecordingHandler alertsEnqueued = new RecordingHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Audit.class)
                    .on("DeliveryTest.Audit.all(JobEvent)", JobEvent.class, auditAll)
                    .on("DeliveryTest.Audit.started(JobStarted)", JobStarted.class, auditStarted)
                    .on(
                        "DeliveryTest.Audit.completed(JobCompleted)",
                        JobCompleted.class,
                        auditCompleted),
                new FunctionBinding(Alerts.class)
                    .on("DeliveryTest.Alerts.failed(JobFailed)", JobFailed.class, alertsFailed)
                    .on(
                        "DeliveryTest.Alerts.failedToo(JobFailed)",
                        JobFailed.class,
                        alertsFailedToo)
                    .on(
                        "DeliveryTest.Alerts.retrying(JobRetrying)",
                        JobRetrying.class,
                        alertsRetrying)
                    .on(
                        "DeliveryTest.Alerts.enqueued(JobEnqueued)",
                        JobEnqueued.class,
                        alertsEnqueued))
            .build();
    List<JobEvent> published = new ArrayList<>();
    for (int run = 0; run < 20; run++) {
      published.addAll(Events.allFive(Events.newRunId()));
    }

    published.forEach(d::publish);

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(auditAll.received()).containsExactlyElementsOf(published);
    assertThat(auditStarted.received())
        .containsExactlyElementsOf(only(published, JobStarted.class));
    assertThat(auditCompleted.received())
        .containsExactlyElementsOf(only(published, JobCompleted.class));
    assertThat(alertsFailed.received()).containsExactlyElementsOf(only(published, JobFailed.class));
    assertThat(alertsFailedToo.received())
        .containsExactlyElementsOf(only(published, JobFailed.class));
    assertThat(alertsRetrying.received())
        .containsExactlyElementsOf(only(published, JobRetrying.class));
    assertThat(alertsEnqueued.received())
        .containsExactlyElementsOf(only(published, JobEnqueued.class));
    DispatcherStats stats = d.stats();
    assertThat(stats.published()).isEqualTo(100);
    assertThat(stats.handler("DeliveryTest.Audit.all(JobEvent)").delivered()).isEqualTo(100);
    assertThat(stats.handler("DeliveryTest.Alerts.failed(JobFailed)").published()).isEqualTo(20);
    assertThat(stats.handler("DeliveryTest.Alerts.failed(JobFailed)").eventType())
        .isEqualTo(JobFailed.class);
    assertThat(stats.delivered()).isEqualTo(100 + 6 * 20);
    assertThat(stats.failed()).isZero();
    assertThat(stats.dropped()).isZero();
    assertThat(stats.pending()).isZero();
    assertThat(d.close(WAIT).drained()).isTrue();
  }

  @Test
  void shouldDeliverAllFiveKindsToAJobEventHandler() throws Exception {
    RecordingHandler all = new RecordingHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Audit.class)
                    .on("DeliveryTest.Audit.all(JobEvent)", JobEvent.class, all))
            .build();
    List<JobEvent> five = Events.allFive(Events.newRunId());

    five.forEach(d::publish);

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(all.received()).containsExactlyElementsOf(five);
    assertThat(all.received())
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("JobEnqueued", "JobStarted", "JobFailed", "JobRetrying", "JobCompleted");
    d.close(WAIT);
  }

  @Test
  void shouldKeepDeliveringToOthersWhenAHandlerThrowsOnEveryEvent() throws Exception {
    ThrowingHandler throwing = ThrowingHandler.runtimeException();
    RecordingHandler before = new RecordingHandler();
    RecordingHandler after = new RecordingHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Audit.class)
                    .on("DeliveryTest.Audit.before(JobEvent)", JobEvent.class, before)
                    .on("DeliveryTest.Audit.throwing(JobEvent)", JobEvent.class, throwing)
                    .on("DeliveryTest.Audit.after(JobEvent)", JobEvent.class, after))
            .build();
    List<JobEvent> published = new ArrayList<>();
    for (int run = 0; run < 50; run++) {
      published.addAll(Events.allFive(Events.newRunId()));
    }

    published.forEach(d::publish); // would fail the test if a handler's exception got through

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(before.received()).containsExactlyElementsOf(published);
    assertThat(after.received()).containsExactlyElementsOf(published);
    assertThat(throwing.calls()).isEqualTo(250);
    HandlerStats stats = d.stats().handler("DeliveryTest.Audit.throwing(JobEvent)");
    assertThat(stats.published()).isEqualTo(250);
    assertThat(stats.failed(FailureKind.THROWN)).isEqualTo(250);
    assertThat(stats.failed()).isEqualTo(250);
    assertThat(stats.delivered()).isZero();
    assertThat(d.stats().handler("DeliveryTest.Audit.after(JobEvent)").failed()).isZero();
    d.close(WAIT);
  }

  @Test
  void shouldCountAnAsyncHandlerWhoseStageFailsAsStageFailed() throws Exception {
    RecordingHandler others = new RecordingHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Audit.class)
                    .onAsync(
                        "DeliveryTest.Audit.failedStage(JobEvent)",
                        JobEvent.class,
                        e -> CompletableFuture.failedFuture(new IllegalStateException("async bug")))
                    .onAsync(
                        "DeliveryTest.Audit.failsLater(JobEvent)",
                        JobEvent.class,
                        e ->
                            CompletableFuture.runAsync(
                                () -> {
                                  throw new IllegalStateException("async bug, later");
                                }))
                    .onAsync(
                        "DeliveryTest.Audit.succeedsLater(JobEvent)",
                        JobEvent.class,
                        e -> CompletableFuture.supplyAsync(() -> "ok"))
                    .on("DeliveryTest.Audit.others(JobEvent)", JobEvent.class, others))
            .build();
    List<JobEvent> five = Events.allFive(Events.newRunId());

    five.forEach(d::publish);

    assertThat(d.awaitIdle(WAIT)).isTrue();
    DispatcherStats stats = d.stats();
    for (String name :
        List.of(
            "DeliveryTest.Audit.failedStage(JobEvent)",
            "DeliveryTest.Audit.failsLater(JobEvent)")) {
      HandlerStats h = stats.handler(name);
      assertThat(h.failed(FailureKind.STAGE_FAILED)).as(name).isEqualTo(5);
      assertThat(h.failed()).as(name).isEqualTo(5);
      assertThat(h.delivered()).as(name).isZero();
    }
    assertThat(stats.handler("DeliveryTest.Audit.succeedsLater(JobEvent)").delivered())
        .isEqualTo(5);
    assertThat(others.received()).containsExactlyElementsOf(five);
    d.close(WAIT);
  }

  @Test
  void shouldReturnFromPublishAndStayBoundedWhileEveryHandlerIsStalled() throws Exception {
    BlockedHandler first = new BlockedHandler();
    BlockedHandler second = new BlockedHandler();
    int capacity = 1024;
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Audit.class)
                    .on("DeliveryTest.Audit.first(JobEvent)", JobEvent.class, first)
                    .on("DeliveryTest.Audit.second(JobEvent)", JobEvent.class, second))
            .threads(2)
            .queueCapacity(capacity)
            .intakeCapacity(4096)
            .build();
    String id = Events.newRunId();
    d.publish(Events.started(id, 1));
    first.awaitEntered();
    second.awaitEntered(); // both now hold one event each, their queues empty

    int n = 200_000;
    for (int i = 0; i < n; i++) {
      d.publish(Events.started(id, 1)); // returns although no handler makes progress
    }

    long expectedDrops = n - capacity;
    await()
        .atMost(WAIT)
        .until(() -> d.stats().handler("DeliveryTest.Audit.second(JobEvent)").published() == n + 1);
    await()
        .atMost(WAIT)
        .until(() -> d.stats().handler("DeliveryTest.Audit.first(JobEvent)").published() == n + 1);
    DispatcherStats stats = d.stats();
    assertThat(stats.published()).isEqualTo(n + 1);
    assertThat(stats.intakeBacklog()).isZero();
    for (String name :
        List.of("DeliveryTest.Audit.first(JobEvent)", "DeliveryTest.Audit.second(JobEvent)")) {
      HandlerStats h = stats.handler(name);
      assertThat(h.dropped()).as(name).isEqualTo(expectedDrops);
      assertThat(h.dropped(DropReason.QUEUE_FULL) + h.dropped(DropReason.INTAKE_FULL))
          .as(name)
          .isEqualTo(expectedDrops);
      assertThat(h.pending())
          .as(name + ": one in the handler, a full queue")
          .isEqualTo(capacity + 1);
      assertThat(h.delivered() + h.failed()).as(name).isZero();
    }
    assertThat(stats.pending()).isEqualTo(2L * (capacity + 1));

    first.release();
    second.release();
    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(first.received()).hasSize(capacity + 1);
    assertThat(second.received()).hasSize(capacity + 1);
    assertThat(d.stats().handler("DeliveryTest.Audit.first(JobEvent)").delivered())
        .isEqualTo(capacity + 1);
    assertThat(d.close(WAIT).drained()).isTrue();
  }

  private static List<JobEvent> only(List<JobEvent> events, Class<? extends JobEvent> type) {
    return events.stream().filter(type::isInstance).toList();
  }
}
