package dev.zapjobs.events.dbscheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-instance ordering that db-scheduler's callbacks need: the next attempt, picked by another
 * thread between the failure handler's reschedule and the failed attempt's onExecutionComplete,
 * publishes nothing until the failed attempt has.
 */
class RunLanesTest {
  private final List<String> published = new ArrayList<>();
  private final RunLanes lanes = new RunLanes(e -> published.add(((JobEnqueued) e).runId()));

  private static JobEvent event(String name) {
    return JobEnqueued.builder(JobRun.of(name, "task")).build();
  }

  @Test
  void nextAttemptStartedEarly_waitsForThePreviousAttemptsEnd() {
    RunLanes.Slot first = lanes.open("task/1");
    lanes.emit(first, event("started#1"));
    RunLanes.Slot second = lanes.open("task/1"); // picked before the first reported its end
    lanes.emit(second, event("started#2"));
    assertThat(published).containsExactly("started#1");

    lanes.close(first, List.of(event("failed#1"), event("retrying#1"), event("enqueued#2")));
    assertThat(published)
        .containsExactly("started#1", "failed#1", "retrying#1", "enqueued#2", "started#2");

    lanes.emit(second, event("completed#2")); // now the oldest: publishes at once
    lanes.close(second, List.of());
    assertThat(published).endsWith("started#2", "completed#2");
    assertThat(lanes.openLanes()).isZero();
  }

  @Test
  void youngerSlotClosedFirst_isPublishedWhenTheOlderCloses() {
    RunLanes.Slot first = lanes.open("task/1");
    RunLanes.Slot second = lanes.open("task/1");
    lanes.close(second, List.of(event("b")));
    lanes.publish("task/1", event("c"));
    assertThat(published).isEmpty();

    lanes.close(first, List.of(event("a")));
    assertThat(published).containsExactly("a", "b", "c");
    assertThat(lanes.openLanes()).isZero();
  }

  @Test
  void otherInstances_doNotWait() {
    RunLanes.Slot first = lanes.open("task/1");
    lanes.publish("task/2", event("other"));
    lanes.emit(first, event("mine"));
    assertThat(published).containsExactly("other", "mine");
  }

  @Test
  void runId_isStableAcrossHowTheDatabaseRoundsTheLastSuccess() {
    TaskInstanceId id = TaskInstanceId.of("report", "recurring");
    assertThat(ZapJobsDbScheduler.runId(id, null)).isEqualTo("report/recurring");
    Instant inMemory = Instant.parse("2026-05-01T10:00:00.000999700Z");
    Instant asStored = Instant.parse("2026-05-01T10:00:00.001Z"); // rounded to the microsecond
    assertThat(ZapJobsDbScheduler.runId(id, inMemory))
        .isEqualTo(ZapJobsDbScheduler.runId(id, asStored))
        .isEqualTo("report/recurring@2026-05-01T10:00:00.001Z");
  }
}
