package dev.zapjobs.events.it.testkit;

import static dev.zapjobs.events.test.JobEventAssertions.assertThat;
import static dev.zapjobs.events.test.JobEventAssertions.assertThatEvents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.runtime.FailureKind;
import dev.zapjobs.events.sample.handlers.AsyncAuditTrail;
import dev.zapjobs.events.sample.handlers.DeadLetterAlerts;
import dev.zapjobs.events.sample.handlers.JobMetrics;
import dev.zapjobs.events.sample.handlers.JobMetrics.TypeMetrics;
import dev.zapjobs.events.sample.handlers.ThrowingHandler;
import dev.zapjobs.events.test.JobEventsExtension;
import dev.zapjobs.events.test.JobRuns;
import dev.zapjobs.events.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The test kit on the sample app's handlers, as a user of the sample app would test them: only the
 * handlers under test get events, although the sample app's other handlers (one of which sleeps,
 * one of which always throws) are on the class path with their bindings.
 */
class SampleHandlersTest {
  private static final MutableClock CLOCK = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private static final JobRun FLAKY = JobRun.of("run-1", "sync-inventory");
  private static final JobRun DOOMED = JobRun.of("run-2", "charge-card");

  @Nested
  class DeadLetterAlertsHandler {
    final DeadLetterAlerts alerts = new DeadLetterAlerts();

    @RegisterExtension final JobEventsExtension events = JobEventsExtension.forHandlers(alerts);

    @Test
    void alertsOnlyOnTheDeadLetter() {
      events.publish(JobRuns.failingTwiceThenSucceeding(FLAKY, CLOCK));
      events.publish(JobRuns.failingForGood(DOOMED, CLOCK));

      assertThat(alerts.alerts())
          .containsExactly(
              "charge-card run run-2 failed for good after 3 attempt(s): java.io.IOException:"
                  + " simulated failure");
      assertThat(events.stats()).handler(DeadLetterAlerts.class, "onFailed").delivered(5);
      assertThatEvents(events.received(DeadLetterAlerts.class))
          .are(
              "Failed#1(retry)",
              "Failed#2(retry)",
              "Failed#1(retry)",
              "Failed#2(retry)",
              "Failed#3(dead)");
    }
  }

  @Nested
  class JobMetricsHandler {
    final JobMetrics metrics = new JobMetrics();

    @RegisterExtension final JobEventsExtension events = JobEventsExtension.forHandlers(metrics);

    @Test
    void countsRunsAttemptsRetriesAndOutcomes_perJobType() {
      events.publish(JobRuns.failingTwiceThenSucceeding(FLAKY, CLOCK));
      events.publish(JobRuns.succeeding(JobRun.of("run-3", "sync-inventory"), CLOCK));
      events.publish(JobRuns.failingForGood(DOOMED, CLOCK));

      Duration work = Duration.ofMillis(250);
      assertThat(metrics.snapshot())
          .containsExactly(
              new TypeMetrics("charge-card", 1, 3, 0, 3, 2, 1, Duration.ZERO, Duration.ZERO),
              new TypeMetrics("sync-inventory", 2, 4, 2, 2, 2, 0, work, work));
      assertThat(events.stats()).handler(JobMetrics.class).delivered(25).failed(0);
    }
  }

  @Nested
  class AsyncAuditTrailHandler {
    final AsyncAuditTrail audit = new AsyncAuditTrail(Runnable::run);

    @RegisterExtension final JobEventsExtension events = JobEventsExtension.forHandlers(audit);

    @Test
    void auditsEveryAttemptsOutcome() {
      events.publish(JobRuns.failingTwiceThenSucceeding(FLAKY, CLOCK));
      events.awaitIdle();

      assertThat(audit.records())
          .containsExactly(
              "run-1 sync-inventory#1 failed: simulated failure (retrying)",
              "run-1 sync-inventory#2 failed: simulated failure (retrying)",
              "run-1 sync-inventory#3 completed in 250 ms");
      assertThat(events.stats())
          .handler(AsyncAuditTrail.class, "record", dev.zapjobs.events.JobFailed.class)
          .delivered(2)
          .handler(AsyncAuditTrail.class, "record", dev.zapjobs.events.JobCompleted.class)
          .delivered(1);
    }
  }

  @Nested
  class ThrowingHandlerAlone {
    final ThrowingHandler throwing = new ThrowingHandler();

    @RegisterExtension
    final JobEventsExtension events =
        JobEventsExtension.forHandlers(throwing).allowHandlerFailures();

    @Test
    void everyCallIsCountedAsThrown_andNothingReachesThePublisher() {
      events.publish(JobRuns.succeeding(FLAKY, CLOCK)); // returns normally

      assertThat(throwing.invocations()).isEqualTo(3);
      assertThat(events.stats()).handler(ThrowingHandler.class).failed(FailureKind.THROWN, 3);
      assertThat(events.calls())
          .allSatisfy(
              call ->
                  assertThat(call.failure())
                      .hasMessageStartingWith("ThrowingHandler fails on purpose"));
    }
  }
}
