package dev.zapjobs.events.sample.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEnqueued.Trigger;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JobMetricsTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void percentile_isNearestRank() {
    List<Duration> oneToHundred =
        IntStream.rangeClosed(1, 100).mapToObj(Duration::ofMillis).toList();
    assertThat(JobMetrics.percentile(oneToHundred, 0.50)).isEqualTo(Duration.ofMillis(50));
    assertThat(JobMetrics.percentile(oneToHundred, 0.95)).isEqualTo(Duration.ofMillis(95));
    assertThat(JobMetrics.percentile(List.of(Duration.ofMillis(7)), 0.95))
        .isEqualTo(Duration.ofMillis(7));
    assertThat(JobMetrics.percentile(List.of(), 0.5)).isEqualTo(Duration.ZERO);
  }

  @Test
  void countsRunsOnce_andAttemptsRetriesAndDeadLettersPerType() {
    JobMetrics metrics = new JobMetrics();
    JobRun first = JobRun.of("run-1", "charge-card").withQueue("payments");
    JobRun second = first.withAttempt(2);
    JobError error = JobError.of(new IllegalStateException("declined"));
    metrics.on(new JobEnqueued(first, T, null, Trigger.API, null));
    metrics.on(new JobStarted(first, T, "w-1"));
    metrics.on(JobFailed.builder(first).timestamp(T).error(error).retryAt(T).build());
    metrics.on(JobRetrying.builder(first).timestamp(T).maxAttempts(2).lastError(error).build());
    metrics.on(new JobEnqueued(second, T, T, Trigger.RETRY, null));
    metrics.on(new JobStarted(second, T, "w-2"));
    metrics.on(JobFailed.builder(second).timestamp(T).error(error).deadLettered(true).build());
    JobRun email = JobRun.of("run-2", "send-email").withQueue("mail");
    metrics.on(new JobCompleted(email, T, Duration.ofMillis(12), null, 1, 0));

    assertThat(metrics.snapshot())
        .containsExactly(
            new JobMetrics.TypeMetrics(
                "charge-card", 1, 2, 0, 2, 1, 1, Duration.ZERO, Duration.ZERO),
            new JobMetrics.TypeMetrics(
                "send-email", 0, 0, 1, 0, 0, 0, Duration.ofMillis(12), Duration.ofMillis(12)));
  }
}
