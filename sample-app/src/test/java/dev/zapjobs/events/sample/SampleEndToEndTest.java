package dev.zapjobs.events.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.sample.handlers.JobMetrics.TypeMetrics;
import dev.zapjobs.events.sample.runner.JobRunner;
import dev.zapjobs.events.sample.runner.RunnerStats;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The sample's job runner, the real dispatcher, and the handlers' generated bindings found by
 * ServiceLoader (no binding is passed explicitly).
 */
class SampleEndToEndTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void everyHandlerGetsEveryEventItAsksFor_andTheJobsNeitherWaitForNorFailBecauseOfHandlers()
      throws Exception {
    CountDownLatch releaseSlowHandler = new CountDownLatch(1);
    DemoHandlers handlers = new DemoHandlers(releaseSlowHandler::await); // stuck until released
    JobEventDispatcher dispatcher =
        JobEventDispatcher.builder().handlerResolver(handlers::resolve).threads(4).build();
    List<JobEvent> published = new ArrayList<>();
    JobEventPublisher publisher =
        event -> {
          synchronized (published) {
            published.add(event);
          }
          dispatcher.publish(event);
        };
    DemoJobs jobs = new DemoJobs(Duration.ZERO, Duration.ofMillis(1));
    JobRunner runner = jobs.register(JobRunner.builder().publisher(publisher).workers(4)).build();

    jobs.enqueueMix(runner, Clock.systemUTC());

    // Every run finishes while the slow handler is still stuck on its first event.
    assertThat(runner.awaitIdle(TIMEOUT)).isTrue();
    assertThat(handlers.slow().invocations()).isZero();
    RunnerStats jobStats = runner.stats();
    assertThat(jobStats.succeeded()).isEqualTo(DemoJobs.RUNS - DemoJobs.DEAD_LETTERED);
    assertThat(jobStats.deadLettered()).isEqualTo(DemoJobs.DEAD_LETTERED);
    assertThat(jobStats.retries()).isEqualTo(DemoJobs.RETRIES);
    assertThat(jobStats.failedAttempts()).isEqualTo(DemoJobs.FAILED_ATTEMPTS);
    assertThat(jobStats.publishFailures()).isZero();
    assertThat(runner.close(TIMEOUT)).isTrue();

    releaseSlowHandler.countDown();
    CloseReport report = dispatcher.close(TIMEOUT);

    assertThat(report.drained()).isTrue();
    DispatcherStats stats = report.stats();
    assertThat(published).hasSize(DemoJobs.EVENTS);
    assertThat(stats.published()).isEqualTo(DemoJobs.EVENTS);
    assertThat(stats.refusedAfterClose()).isZero();
    assertThat(stats.handlers())
        .extracting(HandlerStats::name)
        .containsExactlyInAnyOrder(
            "AsyncAuditTrail.record(JobCompleted)",
            "AsyncAuditTrail.record(JobFailed)",
            "DeadLetterAlerts.onFailed(JobFailed)",
            "EventLog.on(JobEvent)",
            "JobMetrics.on(JobEvent)",
            "SlowHandler.on(JobEvent)",
            "ThrowingHandler.on(JobEvent)");
    for (HandlerStats handler : stats.handlers()) {
      long expected = published.stream().filter(handler.eventType()::isInstance).count();
      boolean throwing = handler.name().startsWith("ThrowingHandler");
      assertThat(handler.published()).as(handler.name()).isEqualTo(expected);
      assertThat(handler.delivered()).as(handler.name()).isEqualTo(throwing ? 0 : expected);
      assertThat(handler.failed()).as(handler.name()).isEqualTo(throwing ? expected : 0);
      assertThat(handler.dropped()).as(handler.name()).isZero();
      assertThat(handler.pending()).as(handler.name()).isZero();
    }

    assertThat(handlers.throwing().invocations()).isEqualTo(DemoJobs.EVENTS);
    assertThat(handlers.slow().invocations()).isEqualTo(DemoJobs.EVENTS);
    assertThat(handlers.alerts().alerts())
        .singleElement()
        .asString()
        .startsWith("charge-card run ")
        .contains("after 4 attempt(s)", "card declined");
    assertThat(handlers.audit().records()).hasSize(11 + 6); // 11 completed + 6 failed attempts
    assertThat(handlers.metrics().snapshot())
        .extracting(TypeMetrics::jobTypeId, TypeMetrics::runs, TypeMetrics::retries)
        .containsExactly(
            tuple("charge-card", 1L, 3L),
            tuple("nightly-report", 1L, 0L),
            tuple("resize-image", 3L, 0L),
            tuple("send-email", 6L, 0L),
            tuple("sync-inventory", 1L, 2L));
  }
}
