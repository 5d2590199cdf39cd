package dev.zapjobs.events.test;

import static dev.zapjobs.events.test.JobEventAssertions.assertThatEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEnqueued.Trigger;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fixtures against the sequences of docs/EVENTS.md ("The order of events in one run"), field by
 * field: attempts, triggers, timestamps, back-off and due times.
 */
class JobRunsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration WORK = Duration.ofMillis(250);

  private final MutableClock clock = MutableClock.at(T0);
  private final JobRun run =
      JobRun.of("run-42", "sync-inventory").withQueue("inventory").withInput("{\"sku\":\"A-1\"}");

  @Test
  void succeeding_isEnqueuedStartedCompleted() {
    List<JobEvent> events = JobRuns.succeeding(run, clock);

    assertThatEvents(events)
        .are("Enqueued#1(API)", "Started#1", "Completed#1")
        .everyRunFollowsTheLifecycle();
    assertThat(events).allSatisfy(e -> assertThat(e.run()).isEqualTo(run));
    assertThat(events.get(0).timestamp()).isEqualTo(T0);
    assertThat(((JobEnqueued) events.get(0)).dueAt()).isNull();
    assertThat(((JobStarted) events.get(1)).workerId()).isEqualTo("worker-1");
    JobCompleted completed = (JobCompleted) events.get(2);
    assertThat(completed.timestamp()).isEqualTo(T0.plus(WORK));
    assertThat(completed.duration()).isEqualTo(WORK);
  }

  @Test
  void failingTwiceThenSucceeding_retriesWithBackOff_inTheDocumentedOrder() {
    List<JobEvent> events = JobRuns.failingTwiceThenSucceeding(run, clock);

    assertThatEvents(events)
        .are(
            "Enqueued#1(API)",
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
        .everyRunFollowsTheLifecycle();
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.runId()).isEqualTo("run-42");
              assertThat(e.queue()).isEqualTo("inventory");
              assertThat(e.input()).isEqualTo("{\"sku\":\"A-1\"}");
            });
    assertThat(events).extracting(JobEvent::timestamp).isSorted();

    // attempt 1 runs from T0 for 250 ms; back-off 1 s
    Instant end1 = T0.plus(WORK);
    assertFailureTrio(events.subList(2, 5), end1, Duration.ofSeconds(1));
    Instant start2 = end1.plusSeconds(1);
    assertThat(events.get(5).timestamp()).isEqualTo(start2);
    // attempt 2 fails 250 ms after it started; back-off 1 s × 2
    Instant end2 = start2.plus(WORK);
    assertFailureTrio(events.subList(6, 9), end2, Duration.ofSeconds(2));
    assertThat(events.get(9).timestamp()).isEqualTo(end2.plusSeconds(2));
    assertThat(events.get(10).timestamp()).isEqualTo(end2.plusSeconds(2).plus(WORK));
  }

  private static void assertFailureTrio(List<JobEvent> trio, Instant failedAt, Duration delay) {
    JobFailed failed = (JobFailed) trio.get(0);
    JobRetrying retrying = (JobRetrying) trio.get(1);
    JobEnqueued again = (JobEnqueued) trio.get(2);
    int n = failed.attempt();
    assertThat(failed.timestamp()).isEqualTo(failedAt);
    assertThat(failed.duration()).isEqualTo(WORK);
    assertThat(failed.willRetry()).isTrue();
    assertThat(failed.deadLettered()).isFalse();
    assertThat(failed.reason()).isEqualTo(JobFailed.Reason.ERROR);
    assertThat(failed.nextAttemptAt()).isEqualTo(failedAt.plus(delay));
    assertThat(failed.error()).isEqualTo(JobError.of("java.io.IOException", "simulated failure"));

    assertThat(retrying.failedAttempt()).isEqualTo(n);
    assertThat(retrying.nextAttempt()).isEqualTo(n + 1);
    assertThat(retrying.maxAttempts()).hasValue(3);
    assertThat(retrying.timestamp()).isEqualTo(failedAt);
    assertThat(retrying.delay()).isEqualTo(delay);
    assertThat(retrying.dueAt()).isEqualTo(failed.nextAttemptAt());
    assertThat(retrying.lastError()).isEqualTo(failed.error());

    assertThat(again.attempt()).isEqualTo(n + 1);
    assertThat(again.trigger()).isEqualTo(Trigger.RETRY);
    assertThat(again.timestamp()).isEqualTo(failedAt);
    assertThat(again.dueAt()).isEqualTo(retrying.dueAt());
  }

  @Test
  void failingForGood_isDeadLetteredAfterTheLastAttempt() {
    List<JobEvent> events = JobRuns.failingForGood(run, clock);
    List<JobEvent> flaky = JobRuns.failingTwiceThenSucceeding(run, clock);

    assertThatEvents(events).everyRunFollowsTheLifecycle();
    assertThat(EventNotation.of(events.subList(0, 10)))
        .isEqualTo(EventNotation.of(flaky.subList(0, 10)));
    assertThat(EventNotation.of(events.get(10))).isEqualTo("Failed#3(dead)");
    JobFailed last = (JobFailed) events.get(10);
    assertThat(last.willRetry()).isFalse();
    assertThat(last.nextAttemptAt()).isNull();
    assertThat(last.deadLettered()).isTrue();
  }

  @Test
  void theClockIsReadOnce_whenTheRunIsBuilt_andNeverMoved() {
    clock.advance(Duration.ofHours(1));

    List<JobEvent> events = JobRuns.failingForGood(run, clock);

    assertThat(events.get(0).timestamp()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofHours(1)));
  }

  @Test
  void builder_variesEveryPartOfTheTimeline() {
    IOException disk = new IOException("disk full");
    List<JobEvent> events =
        JobRuns.of(run)
            .startingAt(T0)
            .trigger(Trigger.SCHEDULE, "nightly")
            .dueAt(T0.plusSeconds(60))
            .waitingInQueue(Duration.ofMillis(5))
            .attemptDuration(Duration.ofSeconds(2))
            .maxAttempts(5)
            .backOff(Duration.ofSeconds(30), 3.0)
            .error(disk)
            .workerId("node-7")
            .output("{\"rows\":3}")
            .failingThenSucceeding(2);

    assertThatEvents(events).everyRunFollowsTheLifecycle();
    JobEnqueued first = (JobEnqueued) events.get(0);
    assertThat(first.trigger()).isEqualTo(Trigger.SCHEDULE);
    assertThat(first.triggeredBy()).isEqualTo("nightly");
    assertThat(first.dueAt()).isEqualTo(T0.plusSeconds(60));
    JobStarted started = (JobStarted) events.get(1);
    assertThat(started.timestamp()).isEqualTo(T0.plusSeconds(60).plusMillis(5));
    assertThat(started.workerId()).isEqualTo("node-7");
    JobFailed failed1 = (JobFailed) events.get(2);
    assertThat(failed1.error().throwable()).isSameAs(disk);
    assertThat(failed1.timestamp()).isEqualTo(started.timestamp().plusSeconds(2));
    assertThat(((JobRetrying) events.get(3)).maxAttempts()).hasValue(5);
    assertThat(((JobRetrying) events.get(3)).delay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(((JobRetrying) events.get(7)).delay()).isEqualTo(Duration.ofSeconds(90));
    assertThat(((JobEnqueued) events.get(4)).triggeredBy()).isEqualTo("nightly");
    assertThat(events.get(5).timestamp())
        .isEqualTo(failed1.nextAttemptAt().plus(Duration.ofMillis(5)));
    assertThat(((JobCompleted) events.get(10)).output()).isEqualTo("{\"rows\":3}");
  }

  @Test
  void unknownMaxAttempts_andNoDeadLetters() {
    List<JobEvent> events =
        JobRuns.of(run).clock(clock).unknownMaxAttempts().deadLettered(false).failingForGood();

    assertThatEvents(events).everyRunFollowsTheLifecycle();
    assertThat(((JobRetrying) events.get(3)).maxAttempts()).isEmpty();
    assertThat(EventNotation.of(events.get(10))).isEqualTo("Failed#3(final)");
  }

  @Test
  void oneAttempt_failsForGoodAtOnce() {
    List<JobEvent> events = JobRuns.of(run).clock(clock).maxAttempts(1).failingForGood();

    assertThatEvents(events)
        .are("Enqueued#1(API)", "Started#1", "Failed#1(dead)")
        .everyRunFollowsTheLifecycle();
  }

  @Test
  void endingWithoutRunning_failsWithItsReason_withoutAStart() {
    for (JobFailed.Reason reason :
        List.of(JobFailed.Reason.VETOED, JobFailed.Reason.MISFIRED, JobFailed.Reason.CANCELLED)) {
      List<JobEvent> events =
          JobRuns.of(run).clock(clock).deadLettered(false).endingWithoutRunning(reason);

      assertThatEvents(events)
          .are("Enqueued#1(API)", "Failed#1(" + reason + ", final)")
          .everyRunFollowsTheLifecycle();
      JobFailed failed = (JobFailed) events.get(1);
      assertThat(failed.duration()).isZero();
      assertThat(failed.timestamp()).isEqualTo(T0);
      assertThat(failed.error().stackTrace()).isNull();
    }
    JobFailed vetoed =
        (JobFailed)
            JobRuns.of(run).clock(clock).endingWithoutRunning(JobFailed.Reason.VETOED).get(1);
    assertThat(vetoed.error())
        .isEqualTo(JobError.of("Vetoed", "the run was vetoed before it started"));
  }

  @Test
  void abandoned_startsThenFailsWithoutRetry() {
    List<JobEvent> events = JobRuns.of(run).clock(clock).abandoned();

    assertThatEvents(events)
        .are("Enqueued#1(API)", "Started#1", "Failed#1(ABANDONED, dead)")
        .everyRunFollowsTheLifecycle();
  }

  @Test
  void invalidSettings_areRejectedWithTheFix() {
    assertThatThrownBy(() -> JobRuns.of(run.withAttempt(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "run must be at attempt 1 (JobRuns builds a run from its first attempt), was attempt 2;"
                + " pass run.withAttempt(1)");
    assertThatThrownBy(() -> JobRuns.of(run).failingThenSucceeding(3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "failingThenSucceeding(3) needs at least 4 attempts, but maxAttempts is 3; set"
                + " maxAttempts(4) or more");
    assertThatThrownBy(() -> JobRuns.of(run).trigger(Trigger.RETRY, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("trigger must not be RETRY");
    assertThatThrownBy(() -> JobRuns.of(run).endingWithoutRunning(JobFailed.Reason.ABANDONED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a run that ends with ABANDONED has started; use abandoned()");
    assertThatThrownBy(() -> JobRuns.of(run).backOff(Duration.ofSeconds(1), 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("multiplier must be finite and >= 1, was 0.5");
    assertThatThrownBy(() -> JobRuns.of(run).attemptDuration(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duration must not be negative, was PT-1S");
    assertThatThrownBy(() -> JobRuns.of(run).maxAttempts(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be >= 1, was 0");
  }
}
