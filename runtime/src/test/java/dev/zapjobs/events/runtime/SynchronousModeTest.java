package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import dev.zapjobs.events.runtime.testing.RecordingHandler;
import dev.zapjobs.events.runtime.testing.ThrowingHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** builder().synchronous(): handlers run inside publish, on the caller's thread. */
class SynchronousModeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  static final class Audit {}

  @Test
  void shouldRunHandlersOnTheCallerThreadBeforePublishReturns() {
    RecordingHandler all = new RecordingHandler();
    RecordingHandler failed = new RecordingHandler();
    ThrowingHandler throwing = new ThrowingHandler(() -> new AssertionError("handler assert"));
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Audit.class)
                    .on("SynchronousModeTest.Audit.all(JobEvent)", JobEvent.class, all)
                    .on("SynchronousModeTest.Audit.throwing(JobEvent)", JobEvent.class, throwing)
                    .on("SynchronousModeTest.Audit.failed(JobFailed)", JobFailed.class, failed))
            .synchronous()
            .build();
    List<JobEvent> five = Events.allFive(Events.newRunId());

    for (int i = 0; i < five.size(); i++) {
      d.publish(five.get(i)); // nothing thrown
      assertThat(all.count()).as("delivered before publish returned").isEqualTo(i + 1);
    }

    assertThat(all.received()).containsExactlyElementsOf(five);
    assertThat(all.threads()).containsOnly(Thread.currentThread());
    assertThat(failed.threads()).containsExactly(Thread.currentThread());
    DispatcherStats stats = d.stats();
    assertThat(stats.published()).isEqualTo(5);
    assertThat(
            stats
                .handler("SynchronousModeTest.Audit.throwing(JobEvent)")
                .failed(FailureKind.THROWN))
        .isEqualTo(5);
    assertThat(stats.handler("SynchronousModeTest.Audit.all(JobEvent)").delivered()).isEqualTo(5);
    assertThat(stats.handler("SynchronousModeTest.Audit.failed(JobFailed)").delivered())
        .isEqualTo(1);
    assertThat(stats.pending()).isZero();
    CloseReport report = d.close(WAIT);
    assertThat(report.drained()).isTrue();
    d.publish(five.get(0));
    assertThat(d.stats().refusedAfterClose()).isEqualTo(1);
    assertThat(all.count()).isEqualTo(5);
  }

  @Test
  void shouldCountAsyncStagesWhenTheyComplete() throws Exception {
    CompletableFuture<Void> stage = new CompletableFuture<>();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Audit.class)
                    .onAsync(
                        "SynchronousModeTest.Audit.later(JobEvent)", JobEvent.class, e -> stage)
                    .onAsync(
                        "SynchronousModeTest.Audit.fails(JobEvent)",
                        JobEvent.class,
                        e -> CompletableFuture.failedFuture(new IllegalStateException("stage"))))
            .synchronous()
            .build();

    d.publish(Events.started(Events.newRunId(), 1));

    assertThat(d.stats().handler("SynchronousModeTest.Audit.later(JobEvent)").pending())
        .isEqualTo(1);
    assertThat(
            d.stats()
                .handler("SynchronousModeTest.Audit.fails(JobEvent)")
                .failed(FailureKind.STAGE_FAILED))
        .isEqualTo(1);
    assertThat(d.awaitIdle(Duration.ofMillis(1))).isFalse();
    stage.complete(null);
    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(d.stats().handler("SynchronousModeTest.Audit.later(JobEvent)").delivered())
        .isEqualTo(1);
    d.close(WAIT);
  }
}
