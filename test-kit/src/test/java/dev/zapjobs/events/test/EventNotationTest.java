package dev.zapjobs.events.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRun;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventNotationTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final JobRun run = JobRun.of("run-1", "sync");

  @Test
  void writesEveryKindOfEvent() {
    assertThat(EventNotation.of(JobRuns.of(run).clock(clock).maxAttempts(2).failingForGood()))
        .containsExactly(
            "Enqueued#1(API)",
            "Started#1",
            "Failed#1(retry)",
            "Retrying#1->2",
            "Enqueued#2(RETRY)",
            "Started#2",
            "Failed#2(dead)");
    assertThat(EventNotation.of(JobRuns.succeeding(run, clock).get(2))).isEqualTo("Completed#1");
    assertThat(
            EventNotation.of(
                JobRuns.of(run)
                    .clock(clock)
                    .deadLettered(false)
                    .endingWithoutRunning(JobFailed.Reason.MISFIRED)
                    .get(1)))
        .isEqualTo("Failed#1(MISFIRED, final)");
  }
}
