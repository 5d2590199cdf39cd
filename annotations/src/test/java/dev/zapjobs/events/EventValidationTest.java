package dev.zapjobs.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventValidationTest {
  private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final JobRun RUN = new JobRun(ID, "send-invoice", "billing", 2, "{\"id\":7}");
  private static final JobError ERROR = JobError.of(new IOException("disk full"));

  @Test
  void jobRun_rejectsMissingOrInvalidFields_namingTheField() {
    assertThatThrownBy(() -> new JobRun(null, "t", "q", 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("runId");
    assertThatThrownBy(() -> new JobRun(ID, " ", "q", 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jobTypeId");
    assertThatThrownBy(() -> new JobRun(ID, "t", null, 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("queue");
    assertThatThrownBy(() -> new JobRun(ID, "t", "q", 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attempt");
  }

  @Test
  void accessorsOnJobEvent_readThroughToTheRun() {
    JobEvent e = new JobStarted(RUN, T, "worker-3");
    assertThat(e.runId()).isEqualTo(ID);
    assertThat(e.jobTypeId()).isEqualTo("send-invoice");
    assertThat(e.queue()).isEqualTo("billing");
    assertThat(e.attempt()).isEqualTo(2);
    assertThat(e.input()).isEqualTo("{\"id\":7}");
    assertThat(RUN.withAttempt(3).attempt()).isEqualTo(3);
  }

  @Test
  void jobEnqueued_requiresTrigger_allowsNullDueAtAndTriggeredBy() {
    assertThat(new JobEnqueued(RUN, T, null, JobEnqueued.Trigger.API, null).dueAt()).isNull();
    assertThatThrownBy(() -> new JobEnqueued(RUN, T, null, null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("trigger");
  }

  @Test
  void jobStarted_requiresWorker() {
    assertThatThrownBy(() -> new JobStarted(RUN, T, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workerId");
    assertThatThrownBy(() -> new JobStarted(RUN, null, "w"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timestamp");
  }

  @Test
  void jobCompleted_rejectsNegativeDurationAndCounts() {
    assertThatThrownBy(() -> new JobCompleted(RUN, T, Duration.ofMillis(-1), null, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration");
    assertThatThrownBy(() -> new JobCompleted(RUN, T, Duration.ZERO, null, -1, 0))
        .hasMessageContaining("succeededItems");
    assertThatThrownBy(() -> new JobCompleted(RUN, T, Duration.ZERO, null, 0, -1))
        .hasMessageContaining("failedItems");
  }

  @Test
  void jobFailed_checksThatRetryFieldsAgree() {
    assertThatThrownBy(() -> new JobFailed(RUN, T, Duration.ZERO, ERROR, true, null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nextAttemptAt");
    assertThatThrownBy(() -> new JobFailed(RUN, T, Duration.ZERO, ERROR, false, T, false))
        .hasMessageContaining("nextAttemptAt");
    assertThatThrownBy(() -> new JobFailed(RUN, T, Duration.ZERO, ERROR, true, T, true))
        .hasMessageContaining("deadLettered");
    assertThatThrownBy(() -> new JobFailed(RUN, T, Duration.ZERO, null, false, null, true))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("error");
    assertThat(new JobFailed(RUN, T, Duration.ZERO, ERROR, false, null, true).deadLettered())
        .isTrue();
  }

  @Test
  void jobRetrying_checksAttemptNumbers() {
    JobRetrying ok = new JobRetrying(RUN, T, 3, 5, Duration.ofSeconds(2), T, ERROR);
    assertThat(ok.failedAttempt()).isEqualTo(2);
    assertThatThrownBy(() -> new JobRetrying(RUN, T, 2, 5, Duration.ZERO, T, ERROR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nextAttempt");
    assertThatThrownBy(() -> new JobRetrying(RUN, T, 3, 2, Duration.ZERO, T, ERROR))
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> new JobRetrying(RUN, T, 3, 5, Duration.ofSeconds(-1), T, ERROR))
        .hasMessageContaining("delay");
    assertThatThrownBy(() -> new JobRetrying(RUN, T, 3, 5, Duration.ZERO, null, ERROR))
        .hasMessage("dueAt");
  }

  @Test
  void jobError_capturesAThrowable() {
    assertThat(ERROR.type()).isEqualTo("java.io.IOException");
    assertThat(ERROR.message()).isEqualTo("disk full");
    assertThat(ERROR.stackTrace()).contains("java.io.IOException: disk full");
    assertThat(ERROR.throwable()).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> new JobError("", null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type");
  }
}
