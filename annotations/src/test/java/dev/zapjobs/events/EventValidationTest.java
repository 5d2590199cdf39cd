package dev.zapjobs.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EventValidationTest {
  private static final String ID = "run-1";
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  private static final JobRun RUN = new JobRun(ID, "send-invoice", "billing", 2, "{\"id\":7}");
  private static final JobError ERROR = JobError.of(new IOException("disk full"));
  private static final OptionalInt FIVE = OptionalInt.of(5);

  @Test
  void jobRun_rejectsMissingOrInvalidFields_namingTheField() {
    assertThatThrownBy(() -> new JobRun(null, "t", "q", 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("runId");
    assertThatThrownBy(() -> new JobRun(" ", "t", "q", 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("runId must not be blank");
    assertThatThrownBy(() -> new JobRun(ID, " ", "q", 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jobTypeId");
    assertThatThrownBy(() -> new JobRun(ID, "t", null, 1, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("queue");
    assertThatThrownBy(() -> new JobRun(ID, "t", "q", 0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("attempt");
    assertThatThrownBy(() -> JobRun.of(ID, "t").withQueue(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queue must not be blank");
  }

  @Test
  void jobRun_of_usesTheDefaultQueueAndFirstAttempt_withersChangeOneField() {
    JobRun run = JobRun.of("DEFAULT.my-job.1700000000000", "send-invoice");
    assertThat(run.queue()).isEqualTo(JobRun.DEFAULT_QUEUE).isEqualTo("default");
    assertThat(run.attempt()).isEqualTo(1);
    assertThat(run.input()).isNull();
    JobRun changed = run.withQueue("billing").withAttempt(3).withInput("{}");
    assertThat(changed)
        .isEqualTo(new JobRun("DEFAULT.my-job.1700000000000", "send-invoice", "billing", 3, "{}"));
    assertThat(changed.toString())
        .isEqualTo("send-invoice DEFAULT.my-job.1700000000000 #3 on billing");
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
  void jobEnqueued_builder_defaultsAndSetters() {
    JobEnqueued e = JobEnqueued.builder(RUN).timestamp(T).build();
    assertThat(e).isEqualTo(new JobEnqueued(RUN, T, null, JobEnqueued.Trigger.API, null));
    JobEnqueued scheduled =
        JobEnqueued.builder(RUN)
            .timestamp(T)
            .dueAt(T.plusSeconds(5))
            .trigger(JobEnqueued.Trigger.SCHEDULE)
            .triggeredBy("nightly")
            .build();
    assertThat(scheduled)
        .isEqualTo(
            new JobEnqueued(RUN, T, T.plusSeconds(5), JobEnqueued.Trigger.SCHEDULE, "nightly"));
    assertThat(scheduled.toString())
        .isEqualTo(
            "JobEnqueued[send-invoice run-1 #2 on billing, SCHEDULE by nightly, due"
                + " 2026-01-01T00:00:05Z, at 2026-01-01T00:00:00Z]");
    assertThatThrownBy(() -> JobEnqueued.builder(RUN).trigger(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("trigger");
    assertThatThrownBy(() -> JobEnqueued.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("run");
    Instant before = Instant.now();
    assertThat(JobEnqueued.builder(RUN).build().timestamp()).isAfterOrEqualTo(before);
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
  void jobStarted_builder_defaultsTheWorkerToTheThreadName() {
    assertThat(JobStarted.builder(RUN).timestamp(T).workerId("w-3").build())
        .isEqualTo(new JobStarted(RUN, T, "w-3"));
    assertThat(JobStarted.builder(RUN).build().workerId())
        .isEqualTo(Thread.currentThread().getName());
    assertThatThrownBy(() -> JobStarted.builder(RUN).workerId(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workerId must not be blank");
    assertThatThrownBy(() -> JobStarted.builder(RUN).timestamp(null))
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
  void jobCompleted_builder_defaultsAndRejections() {
    assertThat(JobCompleted.builder(RUN).timestamp(T).build())
        .isEqualTo(new JobCompleted(RUN, T, Duration.ZERO, null, 0, 0));
    JobCompleted full =
        JobCompleted.builder(RUN)
            .timestamp(T)
            .duration(Duration.ofMillis(420))
            .output("{\"sent\":3}")
            .succeededItems(3)
            .failedItems(1)
            .build();
    assertThat(full)
        .isEqualTo(new JobCompleted(RUN, T, Duration.ofMillis(420), "{\"sent\":3}", 3, 1));
    assertThat(full.toString())
        .isEqualTo(
            "JobCompleted[send-invoice run-1 #2 on billing, in PT0.42S, items 3 ok / 1 failed, at"
                + " 2026-01-01T00:00:00Z]");
    assertThatThrownBy(() -> JobCompleted.builder(RUN).duration(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration must not be negative");
    assertThatThrownBy(() -> JobCompleted.builder(RUN).duration(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("duration");
    assertThatThrownBy(() -> JobCompleted.builder(RUN).succeededItems(-1))
        .hasMessageContaining("succeededItems");
    assertThatThrownBy(() -> JobCompleted.builder(RUN).failedItems(-1))
        .hasMessageContaining("failedItems");
  }

  @Test
  void jobFailed_checksThatRetryFieldsAgree() {
    JobFailed.Reason error = JobFailed.Reason.ERROR;
    assertThatThrownBy(() -> new JobFailed(RUN, T, Duration.ZERO, ERROR, true, null, false, error))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nextAttemptAt");
    assertThatThrownBy(() -> new JobFailed(RUN, T, Duration.ZERO, ERROR, false, T, false, error))
        .hasMessageContaining("nextAttemptAt");
    assertThatThrownBy(() -> new JobFailed(RUN, T, Duration.ZERO, ERROR, true, T, true, error))
        .hasMessageContaining("deadLettered");
    assertThatThrownBy(() -> new JobFailed(RUN, T, Duration.ZERO, null, false, null, true, error))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("error");
    assertThatThrownBy(() -> new JobFailed(RUN, T, Duration.ZERO, ERROR, false, null, true, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("reason");
    assertThat(new JobFailed(RUN, T, Duration.ZERO, ERROR, false, null, true, error).deadLettered())
        .isTrue();
  }

  @Test
  void jobFailed_builder_retryingFinalAndNeverRan() {
    JobFailed retrying =
        JobFailed.builder(RUN)
            .timestamp(T)
            .duration(Duration.ofSeconds(1))
            .error(ERROR)
            .retryAt(T.plusSeconds(30))
            .build();
    assertThat(retrying)
        .isEqualTo(
            new JobFailed(
                RUN,
                T,
                Duration.ofSeconds(1),
                ERROR,
                true,
                T.plusSeconds(30),
                false,
                JobFailed.Reason.ERROR));
    JobFailed forGood = JobFailed.builder(RUN).timestamp(T).error(ERROR).deadLettered(true).build();
    assertThat(forGood.willRetry()).isFalse();
    assertThat(forGood.deadLettered()).isTrue();
    assertThat(forGood.toString())
        .isEqualTo(
            "JobFailed[send-invoice run-1 #2 on billing, ERROR java.io.IOException: disk full,"
                + " dead-lettered, after PT0S, at 2026-01-01T00:00:00Z]");
    JobFailed vetoed =
        JobFailed.builder(RUN)
            .timestamp(T)
            .reason(JobFailed.Reason.VETOED)
            .error(JobError.of("Vetoed", "vetoed by MaintenanceWindowListener"))
            .deadLettered(true)
            .build();
    assertThat(vetoed.reason()).isEqualTo(JobFailed.Reason.VETOED);
    assertThat(vetoed.error().stackTrace()).isNull();

    assertThatThrownBy(() -> JobFailed.builder(RUN).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("error");
    assertThatThrownBy(
            () -> JobFailed.builder(RUN).error(ERROR).retryAt(T).deadLettered(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deadLettered");
    assertThatThrownBy(() -> JobFailed.builder(RUN).retryAt(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("nextAttemptAt");
    assertThatThrownBy(() -> JobFailed.builder(RUN).reason(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("reason");
    assertThatThrownBy(() -> JobFailed.builder(RUN).error((Throwable) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("error");
    assertThatThrownBy(() -> JobFailed.builder(RUN).duration(Duration.ofMillis(-5)))
        .hasMessageContaining("duration");
  }

  @Test
  void jobRetrying_checksAttemptNumbers() {
    JobRetrying ok = new JobRetrying(RUN, T, 3, FIVE, Duration.ofSeconds(2), T, ERROR);
    assertThat(ok.failedAttempt()).isEqualTo(2);
    assertThatThrownBy(() -> new JobRetrying(RUN, T, 2, FIVE, Duration.ZERO, T, ERROR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nextAttempt");
    assertThatThrownBy(() -> new JobRetrying(RUN, T, 3, OptionalInt.of(2), Duration.ZERO, T, ERROR))
        .hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> new JobRetrying(RUN, T, 3, null, Duration.ZERO, T, ERROR))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("maxAttempts");
    assertThatThrownBy(() -> new JobRetrying(RUN, T, 3, FIVE, Duration.ofSeconds(-1), T, ERROR))
        .hasMessageContaining("delay");
    assertThatThrownBy(() -> new JobRetrying(RUN, T, 3, FIVE, Duration.ZERO, null, ERROR))
        .hasMessage("dueAt");
    assertThat(
            new JobRetrying(RUN, T, 3, OptionalInt.empty(), Duration.ZERO, T, ERROR).maxAttempts())
        .isEmpty();
  }

  @Test
  void jobRetrying_builder_derivesNextAttemptDelayAndDueAt() {
    JobRetrying byDelay =
        JobRetrying.builder(RUN)
            .timestamp(T)
            .delay(Duration.ofSeconds(30))
            .lastError(ERROR)
            .build();
    assertThat(byDelay)
        .isEqualTo(
            new JobRetrying(
                RUN, T, 3, OptionalInt.empty(), Duration.ofSeconds(30), T.plusSeconds(30), ERROR));
    JobRetrying byDueAt =
        JobRetrying.builder(RUN)
            .timestamp(T)
            .dueAt(T.plusSeconds(10))
            .maxAttempts(5)
            .lastError(ERROR)
            .build();
    assertThat(byDueAt.delay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(byDueAt.maxAttempts()).hasValue(5);
    assertThat(byDueAt.toString())
        .isEqualTo(
            "JobRetrying[send-invoice run-1 #2 on billing, attempt 3 of 5 at 2026-01-01T00:00:10Z"
                + " (in PT10S), after java.io.IOException: disk full]");

    assertThatThrownBy(() -> JobRetrying.builder(RUN).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("lastError");
    assertThatThrownBy(() -> JobRetrying.builder(RUN).lastError(ERROR).nextAttempt(2).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nextAttempt must be greater than the failed attempt 2");
    assertThatThrownBy(() -> JobRetrying.builder(RUN).lastError(ERROR).maxAttempts(2).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxAttempts must be >= nextAttempt 3");
    assertThatThrownBy(
            () ->
                JobRetrying.builder(RUN)
                    .timestamp(T)
                    .dueAt(T.minusSeconds(1))
                    .lastError(ERROR)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delay must not be negative");
    assertThatThrownBy(() -> JobRetrying.builder(RUN).delay(Duration.ofSeconds(-1)))
        .hasMessageContaining("delay");
  }

  @Test
  void jobError_capturesAThrowable() {
    assertThat(ERROR.type()).isEqualTo("java.io.IOException");
    assertThat(ERROR.message()).isEqualTo("disk full");
    assertThat(ERROR.stackTrace()).contains("java.io.IOException: disk full");
    assertThat(ERROR.throwable()).isInstanceOf(IOException.class);
    assertThat(ERROR.toString()).isEqualTo("java.io.IOException: disk full");
    assertThatThrownBy(() -> new JobError("", null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("type");
    assertThat(JobError.of("Vetoed", null).toString()).isEqualTo("Vetoed");
  }
}
