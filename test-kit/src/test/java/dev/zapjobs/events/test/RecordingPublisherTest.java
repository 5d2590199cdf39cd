package dev.zapjobs.events.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RecordingPublisherTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<JobEvent> ok = JobRuns.succeeding(JobRun.of("ok", "sync"), clock);
  private final List<JobEvent> dead = JobRuns.failingForGood(JobRun.of("dead", "charge"), clock);

  @Test
  void recordsInPublishOrder_andAnswersByRunAndType() {
    RecordingPublisher recorder = new RecordingPublisher();
    ok.forEach(recorder::publish);
    dead.forEach(recorder::publish);

    assertThat(recorder.events()).hasSize(14).startsWith(ok.toArray(JobEvent[]::new));
    assertThat(recorder.size()).isEqualTo(14);
    assertThat(recorder.eventsOf("dead")).containsExactlyElementsOf(dead);
    assertThat(recorder.eventsOf("ok", JobCompleted.class))
        .containsExactly((JobCompleted) ok.get(2));
    assertThat(recorder.events(JobFailed.class)).hasSize(3).allMatch(e -> e.runId().equals("dead"));
    assertThat(recorder.runIds()).containsExactly("ok", "dead");
    assertThat(recorder)
        .hasToString("RecordingPublisher[14 events: " + EventNotation.of(recorder.events()) + "]");

    recorder.clear();
    assertThat(recorder.events()).isEmpty();
  }

  @Test
  void forwardingTo_recordsFirst_thenHandsOn() {
    List<Integer> sizesSeenDownstream = new ArrayList<>();
    RecordingPublisher[] self = new RecordingPublisher[1];
    self[0] = RecordingPublisher.forwardingTo(e -> sizesSeenDownstream.add(self[0].size()));

    ok.forEach(self[0]::publish);

    assertThat(sizesSeenDownstream).containsExactly(1, 2, 3);
  }

  @Test
  void aNullEvent_isRejectedAsTheDispatcherRejectsIt() {
    assertThatThrownBy(() -> new RecordingPublisher().publish(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("event");
  }

  @Test
  void recordsEveryEvent_fromManyThreads() throws Exception {
    RecordingPublisher recorder = new RecordingPublisher();
    int threads = 4;
    int runsPerThread = 500;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int r = 0; r < runsPerThread; r++) {
                  JobRuns.succeeding(JobRun.of(thread + "-" + r, "sync"), clock)
                      .forEach(recorder::publish);
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    assertThat(recorder.size()).isEqualTo(threads * runsPerThread * 3);
    assertThat(recorder.runIds()).hasSize(threads * runsPerThread);
    JobEventAssertions.assertThatEvents(recorder.events()).everyRunFollowsTheLifecycle();
  }

  @Test
  void await_returnsOnceTheConditionHolds_orFalseAtTheTimeout() throws Exception {
    RecordingPublisher recorder = new RecordingPublisher();
    Thread publisher =
        new Thread(
            () -> {
              ok.forEach(recorder::publish);
              dead.forEach(recorder::publish);
            });
    publisher.start();

    assertThat(recorder.awaitEndOf("dead", Duration.ofSeconds(10))).isTrue();
    assertThat(recorder.eventsOf("dead")).hasSize(11);
    assertThat(recorder.await(all -> all.size() == 14, Duration.ofSeconds(10))).isTrue();
    assertThat(recorder.awaitEndOf("never-published", Duration.ofMillis(1))).isFalse();
    publisher.join();
  }
}
