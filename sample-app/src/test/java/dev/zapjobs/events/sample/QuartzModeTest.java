package dev.zapjobs.events.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.sample.handlers.JobMetrics.TypeMetrics;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The sample's second mode: a real Quartz scheduler, the Quartz adapter, the real dispatcher and
 * the sample's handlers (found by ServiceLoader).
 */
class QuartzModeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void theSampleHandlersGetTheQuartzRunsEvents_andTheJobsDoNotWaitForThem() throws Exception {
    CountDownLatch releaseSlowHandler = new CountDownLatch(1);
    DemoHandlers handlers = new DemoHandlers(releaseSlowHandler::await); // stuck until released
    JobEventDispatcher dispatcher =
        JobEventDispatcher.builder().handlerResolver(handlers::resolve).threads(4).build();
    TimedPublisher publisher = new TimedPublisher(dispatcher);

    // Every run ends while the slow handler is still stuck on its first event.
    new QuartzMode(Duration.ZERO, Duration.ofMillis(1)).runMix(publisher, TIMEOUT);
    assertThat(handlers.slow().invocations()).isZero();

    releaseSlowHandler.countDown();
    CloseReport report = dispatcher.close(TIMEOUT);
    assertThat(report.drained()).isTrue();
    assertThat(publisher.count()).isEqualTo(QuartzMode.EVENTS);
    assertThat(
            Summary.dispatcherProblems(
                report, publisher.count(), handlers.throwing().invocations()))
        .isEmpty();
    for (HandlerStats handler : report.stats().handlers()) {
      assertThat(handler.dropped()).as(handler.name()).isZero();
    }
    assertThat(handlers.alerts().alerts())
        .hasSize(QuartzMode.FAILED_FOR_GOOD)
        .anySatisfy(a -> assertThat(a).contains("charge-card run ", "after 4 attempt(s)"))
        .anySatisfy(a -> assertThat(a).contains("cleanup-temp run ", "Vetoed"))
        .anySatisfy(a -> assertThat(a).contains("rebuild-index run ", "Misfired"));
    assertThat(handlers.metrics().snapshot())
        .extracting(
            TypeMetrics::jobTypeId, TypeMetrics::runs, TypeMetrics::attempts, TypeMetrics::retries)
        .containsExactly(
            tuple("charge-card", 1L, 4L, 3L),
            tuple("cleanup-temp", 1L, 0L, 0L),
            tuple("nightly-report", 1L, 1L, 0L),
            tuple("rebuild-index", 1L, 0L, 0L),
            tuple("resize-image", 3L, 3L, 0L),
            tuple("send-email", 6L, 6L, 0L),
            tuple("sync-inventory", 1L, 3L, 2L));
  }
}
