package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An async window lets several stages of one handler be outstanding; calls stay in order. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncWindowTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  static final class Forwarder {}

  private static final HandlerId SEND = HandlerId.of(Forwarder.class, "send", JobEvent.class);

  /** Returns a stage per call, completed by the test; records the calls in order. */
  static final class Stages {
    final List<JobEvent> calls = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<Void>> stages = new CopyOnWriteArrayList<>();

    CompletableFuture<Void> call(JobEvent e) {
      CompletableFuture<Void> stage = new CompletableFuture<>();
      calls.add(e);
      stages.add(stage);
      return stage;
    }
  }

  private static JobEventDispatcher dispatcher(Stages stages, int window, Duration timeout) {
    return JobEventDispatcher.builder()
        .addBinding(
            new FunctionBinding(Forwarder.class).onAsync("send", JobEvent.class, stages::call))
        .asyncWindow(Forwarder.class, window)
        .asyncTimeout(Forwarder.class, timeout)
        .build();
  }

  private static List<JobEvent> events(int n) {
    List<JobEvent> events = new ArrayList<>();
    while (events.size() < n) {
      events.addAll(Events.allFive(Events.newRunId()));
    }
    return events.subList(0, n);
  }

  @Test
  void shouldMakeCallsInOrder_upToTheWindow_eachCountedWhenItsStageSettles() throws Exception {
    Stages stages = new Stages();
    JobEventDispatcher d = dispatcher(stages, 4, Duration.ofSeconds(60));
    List<JobEvent> published = events(10);

    published.forEach(d::publish);

    await().atMost(WAIT).until(() -> stages.calls.size() == 4);
    assertThat(d.awaitIdle(Duration.ofMillis(200))).isFalse();
    assertThat(stages.calls).hasSize(4); // the window is full: the fifth event waits
    stages.stages.get(2).complete(null); // out of order: one slot opens
    await().atMost(WAIT).until(() -> stages.calls.size() == 5);
    stages.stages.get(0).completeExceptionally(new IllegalStateException("refused"));
    await().atMost(WAIT).until(() -> stages.calls.size() == 6);
    HandlerStats mid = d.stats(SEND);
    assertThat(mid.delivered()).isEqualTo(1);
    assertThat(mid.failed(FailureKind.STAGE_FAILED)).isEqualTo(1);
    assertThat(mid.pending()).isEqualTo(8);

    await() // complete every stage as it appears, until all ten calls were made and settled
        .atMost(WAIT)
        .until(
            () -> {
              stages.stages.forEach(s -> s.complete(null));
              return stages.calls.size() == 10 && allDone(stages);
            });
    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(stages.calls).containsExactlyElementsOf(published);
    HandlerStats end = d.stats(SEND);
    assertThat(end.delivered()).isEqualTo(9);
    assertThat(end.failed()).isEqualTo(1);
    assertThat(end.pending()).isZero();
    d.close(WAIT);
  }

  private static boolean allDone(Stages stages) {
    return stages.stages.stream().allMatch(CompletableFuture::isDone);
  }

  @Test
  void shouldTimeOutEachOutstandingStage_andGoOn() throws Exception {
    Stages stages = new Stages();
    JobEventDispatcher d = dispatcher(stages, 3, Duration.ofMillis(200));

    events(5).forEach(d::publish);

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(stages.calls).hasSize(5);
    HandlerStats h = d.stats(SEND);
    assertThat(h.failed(FailureKind.TIMED_OUT)).isEqualTo(5);
    assertThat(h.published()).isEqualTo(5);
    d.close(WAIT);
  }

  @Test
  void windowOfOne_isTheDefault_theNextCallWaitsForTheStage() throws Exception {
    Stages stages = new Stages();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Forwarder.class).onAsync("send", JobEvent.class, stages::call))
            .build();

    events(3).forEach(d::publish);

    await().atMost(WAIT).until(() -> stages.calls.size() == 1);
    assertThat(d.awaitIdle(Duration.ofMillis(200))).isFalse();
    assertThat(stages.calls).hasSize(1);
    stages.stages.get(0).complete(null);
    await().atMost(WAIT).until(() -> stages.calls.size() == 2);
    stages.stages.get(1).complete(null);
    await().atMost(WAIT).until(() -> stages.calls.size() == 3);
    stages.stages.get(2).complete(null);
    assertThat(d.awaitIdle(WAIT)).isTrue();
    d.close(WAIT);
  }
}
