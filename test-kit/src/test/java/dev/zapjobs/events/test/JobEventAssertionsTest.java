package dev.zapjobs.events.test;

import static dev.zapjobs.events.test.JobEventAssertions.assertThat;
import static dev.zapjobs.events.test.JobEventAssertions.assertThatEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.FailureKind;
import dev.zapjobs.events.test.handlers.Audit;
import dev.zapjobs.events.test.handlers.Throwing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;

/** The kit's assertions pass on what is true and fail with messages that show the whole picture. */
class JobEventAssertionsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final MutableClock clock = MutableClock.at(T0);

  @RegisterExtension
  final JobEventsExtension events =
      JobEventsExtension.forHandlers(new Audit(), new Throwing()).allowHandlerFailures();

  private DispatcherStats statsAfterARunFailingForGood() {
    events.publish(JobRuns.failingForGood(JobRun.of("run-1", "charge-card"), clock));
    return events.stats();
  }

  @Test
  void statsAssertions_passOnTheTruth() {
    DispatcherStats stats = statsAfterARunFailingForGood();

    assertThat(stats)
        .published(11)
        .delivered(11)
        .failed(3)
        .dropped(0)
        .refusedAfterClose(0)
        .settled()
        .nothingDropped()
        .handler(Audit.class, "on")
        .published(11)
        .delivered(11)
        .failed(0)
        .dropped(0)
        .dropped(DropReason.QUEUE_FULL, 0)
        .pending(0)
        .deliveredEverything()
        .handler("Throwing.onFailed(JobFailed)")
        .delivered(0)
        .failed(FailureKind.THROWN, 3)
        .handler(Throwing.class, "onFailed", JobFailed.class)
        .published(3)
        .and()
        .handler(Audit.class)
        .delivered(11);
  }

  @Test
  void aWrongCount_namesTheHandler_expectedAndActual_andItsWholeAccounting() {
    DispatcherStats stats = statsAfterARunFailingForGood();

    assertThatThrownBy(() -> assertThat(stats).handler(Throwing.class).delivered(3))
        .isInstanceOfSatisfying(
            AssertionFailedError.class,
            e -> {
              assertThat(e.getExpected().getValue()).isEqualTo(3L);
              assertThat(e.getActual().getValue()).isEqualTo(0L);
            })
        .hasMessage(
            "Expected handler Throwing.onFailed(JobFailed) to have delivered 3 events, but it has"
                + " delivered 0: published 3, delivered 0, failed 3 (THROWN 3), dropped 0,"
                + " pending 0");
    assertThatThrownBy(() -> assertThat(stats).handler(Audit.class).failed(FailureKind.THROWN, 1))
        .hasMessage(
            "Expected handler Audit.on(JobEvent) to have failed THROWN 1 event, but it has failed"
                + " THROWN 0: published 11, delivered 11, failed 0, dropped 0, pending 0");
    assertThatThrownBy(() -> assertThat(stats).handler(Throwing.class).deliveredEverything())
        .hasMessage(
            "Expected handler Throwing.onFailed(JobFailed) to have delivered every event published"
                + " to it (3), but it delivered 0: published 3, delivered 0, failed 3 (THROWN 3),"
                + " dropped 0, pending 0");
  }

  @Test
  void totals_failWithTheStatsTable() {
    DispatcherStats stats = statsAfterARunFailingForGood();

    assertThatThrownBy(() -> assertThat(stats).nothingFailed())
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageStartingWith(
            "Expected no failed deliveries, but 3 failed. The dispatcher's accounting:\n")
        .hasMessageContaining("Throwing.onFailed(JobFailed)");
    assertThatThrownBy(() -> assertThat(stats).delivered(12))
        .hasMessageStartingWith("Expected delivered 12, but delivered 11.");
  }

  @Test
  void anUnknownOrAmbiguousHandler_listsTheHandlersThereAre() {
    DispatcherStats stats = statsAfterARunFailingForGood();

    assertThatThrownBy(() -> assertThat(stats).handler(Audit.class, "onFailed"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            "No handler Audit.onFailed in these stats; the handlers are: [Audit.on(JobEvent),"
                + " Throwing.onFailed(JobFailed)]. Is its class among the handlers under test?");
    assertThatThrownBy(() -> assertThat(stats).handler("Alerts.onFailed(JobFailed)"))
        .hasMessage(
            "No handler named Alerts.onFailed(JobFailed) in these stats; the handlers are:"
                + " [Audit.on(JobEvent), Throwing.onFailed(JobFailed)]");
    assertThatThrownBy(() -> assertThat(stats).handler(String.class))
        .hasMessageStartingWith("No handler String in these stats");
  }

  @Test
  void fromOneHandlersStats_movingToAnotherIsAnError() {
    DispatcherStats stats = statsAfterARunFailingForGood();

    assertThatThrownBy(() -> assertThat(stats.handlers().get(0)).delivered(11).and())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("these assertions started from one HandlerStats;");
  }

  @Test
  void are_showsBothSequences() {
    List<JobEvent> run = JobRuns.succeeding(JobRun.of("run-2", "sync"), clock);

    assertThatThrownBy(() -> assertThatEvents(run).are("Enqueued#1(API)", "Completed#1"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage(
            "Expected the events\n  [Enqueued#1(API), Completed#1]\nbut they were\n"
                + "  [Enqueued#1(API), Started#1, Completed#1]");
  }

  // ---------------------------------------------------------------------------------------------
  // The lifecycle rules, each broken once

  private final List<JobEvent> flaky =
      JobRuns.failingTwiceThenSucceeding(JobRun.of("run-3", "sync"), clock);

  private static List<JobEvent> without(List<JobEvent> events, int index) {
    List<JobEvent> copy = new ArrayList<>(events);
    copy.remove(index);
    return copy;
  }

  private static String violation(List<JobEvent> events) {
    AssertionFailedError e =
        org.junit.jupiter.api.Assertions.assertThrows(
            AssertionFailedError.class,
            () -> assertThatEvents(events).everyRunFollowsTheLifecycle());
    return e.getMessage();
  }

  @Test
  void aMissingRetrying_isNamed() {
    assertThat(violation(without(flaky, 3)))
        .isEqualTo(
            "Expected every run to follow the lifecycle of docs/EVENTS.md, but:\n"
                + "  run run-3 [Enqueued#1(API), Started#1, Failed#1(retry), Enqueued#2(RETRY),"
                + " Started#2, Failed#2(retry), Retrying#2->3, Enqueued#3(RETRY), Started#3,"
                + " Completed#3]:\n"
                + "    event 3 (Enqueued#2(RETRY) at 2026-01-01T00:00:00.250Z) follows"
                + " Failed#1(retry), which will be retried: expected JobRetrying of attempt 1");
  }

  @Test
  void aMissingStart_beforeAFailureThatRan_isNamed() {
    assertThat(violation(without(flaky, 1)))
        .endsWith(
            "event 1 (Failed#1(retry) at 2026-01-01T00:00:00.250Z) has reason ERROR, so attempt 1"
                + " must have a JobStarted before it");
  }

  @Test
  void aMissingReEnqueue_isNamed() {
    assertThat(violation(without(flaky, 4)))
        .endsWith(
            "event 4 (Started#2 at 2026-01-01T00:00:01.250Z): expected JobEnqueued of attempt 2"
                + " with trigger RETRY");
  }

  @Test
  void anEventAfterTheEnd_isNamed() {
    List<JobEvent> run = new ArrayList<>(JobRuns.succeeding(JobRun.of("run-4", "sync"), clock));
    run.add(run.get(2));

    assertThat(violation(run))
        .endsWith(
            "event 3 (Completed#1 at 2026-01-01T00:00:00.250Z) follows the run's end"
                + " (Completed#1): nothing follows a JobCompleted or a JobFailed that will not be"
                + " retried");
  }

  @Test
  void aRunWithoutEnd_isNamed() {
    assertThat(violation(flaky.subList(0, 10)))
        .endsWith(
            "the run has not ended: its last event is Started#3 (a run ends with a JobCompleted,"
                + " or a JobFailed that will not be retried)");
  }

  @Test
  void aRetryDueAtAnotherTime_isNamed() {
    List<JobEvent> run = new ArrayList<>(flaky);
    JobRetrying r = (JobRetrying) run.get(3);
    run.set(
        3,
        JobRetrying.builder(r.run())
            .timestamp(r.timestamp())
            .maxAttempts(3)
            .delay(Duration.ofSeconds(5))
            .lastError(r.lastError())
            .build());

    assertThat(violation(run))
        .endsWith(
            "event 3 (Retrying#1->2 at 2026-01-01T00:00:00.250Z) is due at"
                + " 2026-01-01T00:00:05.250Z, but the JobFailed before it said the next attempt"
                + " is at 2026-01-01T00:00:01.250Z");
  }

  @Test
  void timestampsGoingBack_andMixedJobTypes_areNamed() {
    JobRun run = JobRun.of("run-5", "sync");
    List<JobEvent> events =
        List.of(
            JobEnqueued.builder(run).timestamp(T0.plusSeconds(5)).build(),
            dev.zapjobs.events.JobStarted.builder(JobRun.of("run-5", "other"))
                .timestamp(T0)
                .build(),
            JobCompleted.builder(run).timestamp(T0.plusSeconds(6)).build());

    assertThat(violation(events))
        .contains("event 1 (Started#1 at 2026-01-01T00:00:00Z) has job type other, not sync")
        .contains(
            "event 1 (Started#1 at 2026-01-01T00:00:00Z) has timestamp 2026-01-01T00:00:00Z,"
                + " before the previous event's 2026-01-01T00:00:05Z (timestamps do not decrease"
                + " along a run)");
  }

  @Test
  void aFirstEnqueueWithTriggerRetry_andAStartWithoutEnqueue_areNamed() {
    JobRun run = JobRun.of("run-6", "sync");
    assertThat(
            violation(
                List.of(
                    JobEnqueued.builder(run)
                        .timestamp(T0)
                        .trigger(JobEnqueued.Trigger.RETRY)
                        .build())))
        .endsWith(
            "event 0 (Enqueued#1(RETRY) at 2026-01-01T00:00:00Z) has trigger RETRY, but it is the"
                + " run's first JobEnqueued");
    assertThat(
            violation(
                List.of(JobFailed.builder(run).timestamp(T0).error(JobError.of("X", "y")).build())))
        .endsWith(
            "event 0 (Failed#1(final) at 2026-01-01T00:00:00Z): expected JobEnqueued of attempt 1"
                + " (a run starts with its JobEnqueued)");
  }

  @Test
  void severalRuns_areCheckedEachOnItsOwn_evenInterleaved() {
    List<JobEvent> a = JobRuns.failingForGood(JobRun.of("a", "sync"), clock);
    List<JobEvent> b = JobRuns.succeeding(JobRun.of("b", "sync"), clock);
    List<JobEvent> mixed = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      mixed.add(a.get(i));
      if (i < b.size()) {
        mixed.add(b.get(i));
      }
    }

    assertThatEvents(mixed).everyRunFollowsTheLifecycle();
    assertThat(violation(mixed.subList(0, mixed.size() - 1)))
        .startsWith("Expected every run to follow the lifecycle of docs/EVENTS.md, but:\n  run a ")
        .doesNotContain("run b");
    assertThatThrownBy(() -> assertThatEvents(List.of()).everyRunFollowsTheLifecycle())
        .hasMessage("Expected runs that follow the lifecycle, but got no events");
  }
}
