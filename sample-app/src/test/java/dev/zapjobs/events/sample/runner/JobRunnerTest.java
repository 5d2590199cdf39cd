package dev.zapjobs.events.sample.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEnqueued.Trigger;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobRunnerTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration WORK = Duration.ofMillis(7);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ManualClock clock = new ManualClock(T0);

  /** Time passes while a run waits for its retry: the clock jumps to the retry's due time. */
  private final RecordingPublisher publisher =
      new RecordingPublisher(
          event -> {
            if (event instanceof JobRetrying retrying) {
              clock.advance(retrying.delay());
            }
          });

  private JobRunner runner(JobType... types) {
    JobRunner.Builder builder = JobRunner.builder().publisher(publisher).clock(clock).workers(2);
    for (JobType type : types) {
      builder.register(type);
    }
    return builder.build();
  }

  @Test
  void failsTwiceThenSucceeds_emitsEveryEventInOrder_withAttemptsAndTimesRight() throws Exception {
    RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(10), 3.0, Duration.ofSeconds(1));
    JobType flaky =
        JobType.of(
                "sync-inventory",
                run -> {
                  clock.advance(WORK); // the attempt takes 7 ms of clock time
                  if (run.attempt() <= 2) {
                    throw new IOException("upstream 503 on attempt " + run.attempt());
                  }
                  return new JobResult("{\"synced\":42}", 42, 1);
                })
            .withQueue("inventory")
            .withRetryPolicy(policy);

    String id;
    try (JobRunner runner = runner(flaky)) {
      id = runner.enqueue("sync-inventory", "{\"sku\":\"A-1\"}", null, Trigger.MANUAL, "alice");
      assertThat(runner.awaitIdle(TIMEOUT)).isTrue();

      assertThat(runner.stats()).isEqualTo(new RunnerStats(1, 3, 1, 2, 2, 1, 0, 0, 0));
      assertThat(runner.deadLetters()).isEmpty();
    }

    List<JobEvent> events = publisher.eventsOf(id);
    assertThat(EventNotation.of(events))
        .containsExactly(
            "Enqueued#1(MANUAL)",
            "Started#1",
            "Failed#1(retry)",
            "Retrying#1->2",
            "Enqueued#2(RETRY)",
            "Started#2",
            "Failed#2(retry)",
            "Retrying#2->3",
            "Enqueued#3(RETRY)",
            "Started#3",
            "Completed#3")
        .isEqualTo(EventNotation.run("MANUAL", 3, "Completed"));
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.jobTypeId()).isEqualTo("sync-inventory");
              assertThat(e.queue()).isEqualTo("inventory");
              assertThat(e.input()).isEqualTo("{\"sku\":\"A-1\"}");
            });
    assertThat(events).extracting(JobEvent::timestamp).isSorted();

    JobEnqueued enqueued = (JobEnqueued) events.get(0);
    assertThat(enqueued.timestamp()).isEqualTo(T0);
    assertThat(enqueued.dueAt()).isNull();
    assertThat(enqueued.triggeredBy()).isEqualTo("alice");

    JobStarted started1 = (JobStarted) events.get(1);
    assertThat(started1.timestamp()).isEqualTo(T0);
    assertThat(started1.workerId()).startsWith("worker-");

    // attempt 1 fails after 7 ms; back-off 10 ms × 3^0
    JobFailed failed1 = (JobFailed) events.get(2);
    assertFailedAndRetried(
        failed1,
        (JobRetrying) events.get(3),
        (JobEnqueued) events.get(4),
        T0.plus(WORK),
        Duration.ofMillis(10));

    JobStarted started2 = (JobStarted) events.get(5);
    assertThat(started2.timestamp()).isEqualTo(failed1.nextAttemptAt());

    // attempt 2 fails 7 ms after it started; back-off 10 ms × 3^1
    JobFailed failed2 = (JobFailed) events.get(6);
    assertFailedAndRetried(
        failed2,
        (JobRetrying) events.get(7),
        (JobEnqueued) events.get(8),
        started2.timestamp().plus(WORK),
        Duration.ofMillis(30));

    JobStarted started3 = (JobStarted) events.get(9);
    assertThat(started3.timestamp()).isEqualTo(failed2.nextAttemptAt());

    JobCompleted completed = (JobCompleted) events.get(10);
    assertThat(completed.timestamp()).isEqualTo(started3.timestamp().plus(WORK));
    assertThat(completed.duration()).isEqualTo(WORK);
    assertThat(completed.output()).isEqualTo("{\"synced\":42}");
    assertThat(completed.succeededItems()).isEqualTo(42);
    assertThat(completed.failedItems()).isEqualTo(1);
  }

  private static void assertFailedAndRetried(
      JobFailed failed,
      JobRetrying retrying,
      JobEnqueued reEnqueued,
      Instant failedAt,
      Duration expectedDelay) {
    int n = failed.attempt();
    assertThat(failed.timestamp()).isEqualTo(failedAt);
    assertThat(failed.duration()).isEqualTo(WORK);
    assertThat(failed.error().type()).isEqualTo("java.io.IOException");
    assertThat(failed.error().message()).isEqualTo("upstream 503 on attempt " + n);
    assertThat(failed.error().throwable()).isInstanceOf(IOException.class);
    assertThat(failed.error().stackTrace()).contains("upstream 503");
    assertThat(failed.willRetry()).isTrue();
    assertThat(failed.deadLettered()).isFalse();
    assertThat(failed.nextAttemptAt()).isEqualTo(failedAt.plus(expectedDelay));

    assertThat(retrying.attempt()).isEqualTo(n);
    assertThat(retrying.failedAttempt()).isEqualTo(n);
    assertThat(retrying.nextAttempt()).isEqualTo(n + 1);
    assertThat(retrying.maxAttempts()).hasValue(4);
    assertThat(retrying.timestamp()).isEqualTo(failedAt);
    assertThat(retrying.delay()).isEqualTo(expectedDelay);
    assertThat(retrying.dueAt()).isEqualTo(failed.nextAttemptAt());
    assertThat(retrying.lastError()).isSameAs(failed.error());

    assertThat(reEnqueued.attempt()).isEqualTo(n + 1);
    assertThat(reEnqueued.trigger()).isEqualTo(Trigger.RETRY);
    assertThat(reEnqueued.timestamp()).isEqualTo(failedAt);
    assertThat(reEnqueued.dueAt()).isEqualTo(retrying.dueAt());
    assertThat(reEnqueued.triggeredBy()).isEqualTo("alice");
  }

  @Test
  void alwaysFailing_isDeadLetteredAfterMaxAttempts() throws Exception {
    JobType doomed =
        JobType.of(
                "charge-card",
                run -> {
                  throw new IllegalStateException("card declined");
                })
            .withRetryPolicy(RetryPolicy.exponential(3, Duration.ofMillis(5)));

    String id;
    try (JobRunner runner = runner(doomed)) {
      id = runner.enqueue("charge-card", "{\"amount\":12}");
      assertThat(runner.awaitIdle(TIMEOUT)).isTrue();

      assertThat(runner.stats()).isEqualTo(new RunnerStats(1, 3, 0, 3, 2, 1, 1, 0, 0));
      assertThat(runner.deadLetters())
          .singleElement()
          .satisfies(
              dead -> {
                assertThat(dead.run().runId()).isEqualTo(id);
                assertThat(dead.run().attempt()).isEqualTo(3);
                assertThat(dead.error().message()).isEqualTo("card declined");
              });
    }

    List<JobEvent> events = publisher.eventsOf(id);
    assertThat(EventNotation.of(events))
        .isEqualTo(EventNotation.run("API", 3, "Failed(dead)"))
        .endsWith("Started#3", "Failed#3(dead)");
    JobFailed last = (JobFailed) events.get(10);
    assertThat(last.willRetry()).isFalse();
    assertThat(last.nextAttemptAt()).isNull();
    assertThat(last.deadLettered()).isTrue();
    assertThat(last.error().type()).isEqualTo(IllegalStateException.class.getName());
    assertThat(((JobRetrying) events.get(7)).delay()).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void withoutRetries_aFailureDeadLettersAtOnce() throws Exception {
    JobType once =
        JobType.of(
            "once",
            run -> {
              throw new IOException("no");
            });
    try (JobRunner runner = runner(once)) {
      String id = runner.enqueue("once", null);
      assertThat(runner.awaitIdle(TIMEOUT)).isTrue();
      assertThat(EventNotation.of(publisher.eventsOf(id)))
          .containsExactly("Enqueued#1(API)", "Started#1", "Failed#1(dead)");
      assertThat(runner.deadLetters()).hasSize(1);
    }
  }

  @Test
  void success_emitsEnqueuedStartedCompleted_andNullResultMeansNoOutput() throws Exception {
    JobType quiet = JobType.of("quiet", run -> null);
    try (JobRunner runner = runner(quiet)) {
      String id = runner.enqueue("quiet", "{}", null, Trigger.SCHEDULE, "nightly");
      assertThat(runner.awaitIdle(TIMEOUT)).isTrue();
      List<JobEvent> events = publisher.eventsOf(id);
      assertThat(EventNotation.of(events))
          .containsExactly("Enqueued#1(SCHEDULE)", "Started#1", "Completed#1");
      JobCompleted completed = (JobCompleted) events.get(2);
      assertThat(completed.output()).isNull();
      assertThat(completed.duration()).isEqualTo(Duration.ZERO);
      assertThat(completed.succeededItems()).isZero();
    }
  }

  @Test
  void scheduledRun_startsOnlyOnceItsDueTimeHasCome() throws Exception {
    JobType report = JobType.of("report", run -> JobResult.of("{\"rows\":3}"));
    try (JobRunner runner =
        JobRunner.builder().publisher(publisher).clock(clock).workers(1).register(report).build()) {
      Instant dueAt = T0.plus(Duration.ofHours(1));
      String later = runner.enqueue("report", null, dueAt, Trigger.SCHEDULE, "hourly");
      String now = runner.enqueue("report", null);

      await().atMost(TIMEOUT).until(() -> publisher.eventsOf(now).size() == 3);
      // the only worker is free, but the clock has not reached the scheduled run's due time
      assertThat(EventNotation.of(publisher.eventsOf(later)))
          .containsExactly("Enqueued#1(SCHEDULE)");
      assertThat(((JobEnqueued) publisher.eventsOf(later).get(0)).dueAt()).isEqualTo(dueAt);

      clock.advance(Duration.ofHours(1));
      assertThat(runner.awaitIdle(TIMEOUT)).isTrue();
      List<JobEvent> events = publisher.eventsOf(later);
      assertThat(EventNotation.of(events))
          .containsExactly("Enqueued#1(SCHEDULE)", "Started#1", "Completed#1");
      assertThat(events.get(1).timestamp()).isAfterOrEqualTo(dueAt);
    }
  }

  @Test
  void manyRunsOnSeveralWorkers_eachRunEmitsAValidSequence() throws Exception {
    JobType flakyOnOdd =
        JobType.of(
                "flaky-on-odd",
                run -> {
                  if (run.attempt() == 1 && Integer.parseInt(run.input()) % 2 == 1) {
                    throw new IOException("odd input fails once");
                  }
                  return JobResult.of(run.input());
                })
            .withRetryPolicy(RetryPolicy.exponential(2, Duration.ofMillis(1)));
    RecordingPublisher recorder = new RecordingPublisher();
    List<String> ids = new ArrayList<>();
    try (JobRunner runner =
        JobRunner.builder().publisher(recorder).workers(4).register(flakyOnOdd).build()) {
      for (int i = 0; i < 200; i++) {
        ids.add(runner.enqueue("flaky-on-odd", Integer.toString(i)));
      }
      assertThat(runner.awaitIdle(TIMEOUT)).isTrue();
      assertThat(runner.stats()).isEqualTo(new RunnerStats(200, 300, 200, 100, 100, 100, 0, 0, 0));
    }
    for (int i = 0; i < ids.size(); i++) {
      List<String> expected =
          i % 2 == 0
              ? EventNotation.run("API", 1, "Completed")
              : EventNotation.run("API", 2, "Completed");
      assertThat(EventNotation.of(recorder.eventsOf(ids.get(i))))
          .as("run %d", i)
          .isEqualTo(expected);
    }
    assertThat(recorder.events()).hasSize(100 * 3 + 100 * 7);
  }

  @Test
  void aThrowingPublisher_neverFailsOrStopsTheJobs() throws Exception {
    JobType ok = JobType.of("ok", run -> JobResult.of("{}"));
    try (JobRunner runner =
        JobRunner.builder()
            .publisher(
                event -> {
                  throw new IllegalStateException("broken publisher");
                })
            .register(ok)
            .build()) {
      for (int i = 0; i < 10; i++) {
        runner.enqueue("ok", null);
      }
      assertThat(runner.awaitIdle(TIMEOUT)).isTrue();
      RunnerStats stats = runner.stats();
      assertThat(stats.succeeded()).isEqualTo(10);
      assertThat(stats.publishFailures()).isEqualTo(30);
    }
  }

  @Test
  void close_finishesQueuedRuns_thenRefusesNewOnes() {
    JobType ok = JobType.of("ok", run -> JobResult.of(run.input()));
    JobRunner runner = JobRunner.builder().publisher(publisher).workers(1).register(ok).build();
    for (int i = 0; i < 20; i++) {
      runner.enqueue("ok", Integer.toString(i));
    }

    assertThat(runner.close(TIMEOUT)).isTrue();

    assertThat(runner.stats().succeeded()).isEqualTo(20);
    assertThat(runner.stats().inFlight()).isZero();
    assertThatThrownBy(() -> runner.enqueue("ok", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void unknownJobType_isRejectedNamingTheRegisteredOnes() {
    try (JobRunner runner = runner(JobType.of("ok", run -> null))) {
      assertThatThrownBy(() -> runner.enqueue("nope", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("unknown job type 'nope'; registered: [ok]");
    }
  }
}
