package dev.zapjobs.events.jobrunr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.configuration.JobRunrConfiguration.JobRunrConfigurationResult;
import org.jobrunr.jobs.filters.RetryFilter;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.StorageProvider;

/**
 * JobRunr as a user sets it up, with the adapter added in one line, and a dispatcher with the
 * tests' handlers: a recorder, a handler that throws on every event, one that blocks until
 * released, and the README's dead-letter alert.
 */
final class Harness implements AutoCloseable {
  /** The RetryFilter's limit in these tests: 2 retries, 1 s apart (its seed 1: 1^n seconds). */
  static final int MAX_RETRIES = 2;

  final RecordingHandler recorder = new RecordingHandler();
  final DeadLetterAlerts alerts = new DeadLetterAlerts();
  final BlockedHandler blocked;
  final JobEventDispatcher dispatcher;
  final ZapJobsJobRunr adapter;
  final JobRunrConfigurationResult jobRunr;

  Harness(StorageProvider storage, Duration pollInterval, CountDownLatch blockUntil) {
    blocked = new BlockedHandler(blockUntil);
    Map<Class<?>, Object> handlers =
        Map.of(
            RecordingHandler.class, recorder,
            ThrowingHandler.class, new ThrowingHandler(),
            DeadLetterAlerts.class, alerts,
            BlockedHandler.class, blocked);
    dispatcher =
        JobEventDispatcher.builder()
            .handlerResolver(handlers::get)
            .queueCapacity(1 << 16)
            .slowHandlerListener((handler, event, runningFor) -> {})
            .build();
    adapter = ZapJobsJobRunr.builder(dispatcher).maxRetries(MAX_RETRIES).build();
    jobRunr =
        JobRunr.configure()
            .useStorageProvider(storage)
            .withJobFilter(adapter, new RetryFilter(MAX_RETRIES, 1))
            .useBackgroundJobServer(
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                    .andPollInterval(pollInterval)
                    .andWorkerCount(8)
                    .andInterruptJobsAwaitDurationOnStopBackgroundJobServer(Duration.ofSeconds(2)))
            .initialize();
  }

  /** Every handler's books balance and nothing is pending; the adapter failed nothing. */
  void checkAccounting() throws InterruptedException {
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(30))).isTrue();
    for (HandlerStats h : dispatcher.stats().handlers()) {
      assertThat(h.published())
          .as(h.name())
          .isEqualTo(h.delivered() + h.failed() + h.dropped() + h.pending());
      assertThat(h.pending()).as(h.name()).isZero();
      if (h.name().contains("ThrowingHandler")) {
        assertThat(h.failed()).isEqualTo(h.published()).isEqualTo(recorder.events().size());
      }
    }
    assertThat(adapter.publishFailures()).isZero();
  }

  private boolean closed;

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    JobRunr.destroy();
    dispatcher.close(Duration.ofSeconds(5));
  }
}
