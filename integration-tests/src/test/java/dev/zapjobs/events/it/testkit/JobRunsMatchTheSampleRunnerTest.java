package dev.zapjobs.events.it.testkit;

import static dev.zapjobs.events.test.JobEventAssertions.assertThatEvents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEnqueued.Trigger;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.sample.runner.JobResult;
import dev.zapjobs.events.sample.runner.JobRunner;
import dev.zapjobs.events.sample.runner.JobType;
import dev.zapjobs.events.sample.runner.RetryPolicy;
import dev.zapjobs.events.test.JobRuns;
import dev.zapjobs.events.test.MutableClock;
import dev.zapjobs.events.test.RecordingPublisher;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kit's fixtures are the sequences a real job runner emits: the sample app's JobRunner, on the
 * kit's MutableClock, produces field for field what JobRuns builds for the same timeline (but for
 * the worker's name and the error's stack trace); and its runs follow the lifecycle rules the kit
 * checks.
 */
class JobRunsMatchTheSampleRunnerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration WORK = Duration.ofMillis(7);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final MutableClock clock = MutableClock.at(T0);

  /** Time passes while a run waits for its retry: the clock jumps to the retry's due time. */
  private final RecordingPublisher recorder =
      RecordingPublisher.forwardingTo(
          event -> {
            if (event instanceof JobRetrying retrying) {
              clock.advance(retrying.delay());
            }
          });

  private JobType flaky(int failures) {
    return JobType.of(
            "sync-inventory",
            run -> {
              clock.advance(WORK);
              if (run.attempt() <= failures) {
                throw new IOException("upstream 503");
              }
              return JobResult.of("{\"synced\":42}");
            })
        .withQueue("inventory")
        .withRetryPolicy(new RetryPolicy(4, Duration.ofMillis(10), 3.0, Duration.ofSeconds(1)));
  }

  private List<JobEvent> runOnTheSampleRunner(JobType type) throws InterruptedException {
    try (JobRunner runner =
        JobRunner.builder().publisher(recorder).clock(clock).workers(1).register(type).build()) {
      String id = runner.enqueue(type.id(), "{\"sku\":\"A-1\"}", null, Trigger.MANUAL, "alice");
      assertThat(runner.awaitIdle(TIMEOUT)).isTrue();
      return recorder.eventsOf(id);
    }
  }

  private JobRuns.Builder sameTimeline(String runId) {
    return JobRuns.of(
            JobRun.of(runId, "sync-inventory")
                .withQueue("inventory")
                .withInput("{\"sku\":\"A-1\"}"))
        .startingAt(T0)
        .trigger(Trigger.MANUAL, "alice")
        .attemptDuration(WORK)
        .maxAttempts(4)
        .backOff(Duration.ofMillis(10), 3.0)
        .error(JobError.of("java.io.IOException", "upstream 503"))
        .output("{\"synced\":42}");
  }

  private static void assertSameRun(List<JobEvent> actual, List<JobEvent> expected) {
    assertThatEvents(actual).everyRunFollowsTheLifecycle();
    assertThat(actual.stream().map(JobRunsMatchTheSampleRunnerTest::comparable).toList())
        .containsExactlyElementsOf(
            expected.stream().map(JobRunsMatchTheSampleRunnerTest::comparable).toList());
  }

  @Test
  void failingTwiceThenSucceeding_isWhatTheRunnerEmits() throws InterruptedException {
    List<JobEvent> actual = runOnTheSampleRunner(flaky(2));
    List<JobEvent> expected = sameTimeline(actual.get(0).runId()).failingThenSucceeding(2);

    assertSameRun(actual, expected);
  }

  @Test
  void failingForGood_isWhatTheRunnerEmits() throws InterruptedException {
    List<JobEvent> actual = runOnTheSampleRunner(flaky(Integer.MAX_VALUE));
    List<JobEvent> expected = sameTimeline(actual.get(0).runId()).failingForGood();

    assertSameRun(actual, expected);
  }

  /**
   * An event as a record of what the fixture promises: every component but the worker's name and
   * the error's stack trace and throwable (type and message stay).
   */
  private static List<Object> comparable(JobEvent e) {
    if (e instanceof JobFailed f) {
      return List.of(
          f.run(),
          f.timestamp(),
          f.duration(),
          f.error().type(),
          String.valueOf(f.error().message()),
          f.willRetry(),
          String.valueOf(f.nextAttemptAt()),
          f.deadLettered(),
          f.reason());
    }
    if (e instanceof JobRetrying r) {
      return List.of(
          r.run(),
          r.timestamp(),
          r.nextAttempt(),
          r.maxAttempts(),
          r.delay(),
          r.dueAt(),
          r.lastError().type(),
          String.valueOf(r.lastError().message()));
    }
    if (e instanceof JobCompleted c) {
      return List.of(c.run(), c.timestamp(), c.duration(), String.valueOf(c.output()));
    }
    if (e instanceof JobEnqueued q) {
      return List.of(
          q.run(),
          q.timestamp(),
          String.valueOf(q.dueAt()),
          q.trigger(),
          String.valueOf(q.triggeredBy()));
    }
    return List.of(e.getClass().getSimpleName(), e.run(), e.timestamp());
  }
}
