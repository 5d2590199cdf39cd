package dev.zapjobs.events.test.readme;

import static dev.zapjobs.events.test.JobEventAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.test.JobEventsExtension;
import dev.zapjobs.events.test.JobRuns;
import dev.zapjobs.events.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's 30-second example (Alerts and Metrics, in Alerts.java), tested with the kit. */
class ReadmeHandlersTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<String> posts = new ArrayList<>();
  private final List<CompletableFuture<Void>> writes = new ArrayList<>();
  private final List<Duration> recorded = new ArrayList<>();

  private final Slack slack = posts::add;
  private final MetricStore store =
      (jobTypeId, duration) -> {
        CompletableFuture<Void> write = new CompletableFuture<>();
        writes.add(write);
        recorded.add(duration);
        return write;
      };

  @RegisterExtension
  final JobEventsExtension events =
      JobEventsExtension.forHandlers(new Alerts(slack), new Metrics(store));

  @Test
  void alerts_postsOnce_whenARunFailsForGood() {
    events.publish(JobRuns.failingForGood(JobRun.of("run-1", "nightly-report"), clock));

    assertThat(posts).containsExactly("nightly-report failed for good: simulated failure");
    assertThat(events.stats())
        .handler(Alerts.class, "onFailed")
        .delivered(3)
        .failed(0)
        .handler(Metrics.class, "any")
        .delivered(11);
  }

  @Test
  void alerts_staysQuiet_whenARetriedRunSucceeds() {
    events.publish(JobRuns.failingTwiceThenSucceeding(JobRun.of("run-2", "sync"), clock));
    writes.forEach(w -> w.complete(null));

    assertThat(posts).isEmpty();
    assertThat(events.stats()).handler(Alerts.class).delivered(2);
  }

  @Test
  void metrics_done_isCountedWhenItsWriteCompletes() {
    events.publish(JobRuns.succeeding(JobRun.of("run-3", "sync"), clock));

    assertThat(recorded).containsExactly(Duration.ofMillis(250));
    assertThat(events.stats()).handler(Metrics.class, "done").delivered(0).pending(1);

    writes.get(0).complete(null);

    events.awaitIdle();
    assertThat(events.stats()).handler(Metrics.class, "done").delivered(1).pending(0);
  }
}
