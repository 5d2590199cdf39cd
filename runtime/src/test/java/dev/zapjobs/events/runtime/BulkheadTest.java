package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.testing.BlockedHandler;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import dev.zapjobs.events.runtime.testing.RecordingHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A stuck handler fills and overflows only its own queue; the others keep full delivery. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BulkheadTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String BLOCKED = "BulkheadTest.Stuck.on(JobEvent)";
  private static final String ALL = "BulkheadTest.Healthy.all(JobEvent)";
  private static final String STARTED = "BulkheadTest.Healthy.started(JobStarted)";

  static final class Stuck {}

  static final class Healthy {}

  @Test
  void shouldDeliverEveryEventToOtherHandlersWhileOneIsBlocked() throws Exception {
    int capacity = 64;
    int chunk = 32; // never more than the healthy handlers' queues can take at once
    int chunks = 20;
    BlockedHandler blocked = new BlockedHandler();
    RecordingHandler all = new RecordingHandler();
    RecordingHandler started = new RecordingHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(new FunctionBinding(Stuck.class).on(BLOCKED, JobEvent.class, blocked))
            .addBinding(
                new FunctionBinding(Healthy.class)
                    .on(ALL, JobEvent.class, all)
                    .on(STARTED, JobStarted.class, started))
            .threads(2)
            .queueCapacity(capacity)
            .build();
    JobEvent prime = Events.numbered(0, 1);
    d.publish(prime);
    blocked.awaitEntered(); // the blocked handler holds `prime`; its queue is empty

    List<JobEvent> published = new ArrayList<>();
    int seq = 2;
    for (int c = 0; c < chunks; c++) {
      for (int i = 0; i < chunk; i++) {
        JobEvent e = Events.numbered(0, seq++);
        published.add(e);
        d.publish(e);
      }
      int expected = published.size() + 1;
      await().atMost(WAIT).until(() -> all.count() == expected);
    }

    List<JobEvent> everything = new ArrayList<>();
    everything.add(prime);
    everything.addAll(published);
    assertThat(all.received()).containsExactlyElementsOf(everything);
    await()
        .atMost(WAIT)
        .until(
            () ->
                started.count()
                    == everything.stream().filter(JobStarted.class::isInstance).count());
    assertThat(started.received())
        .containsExactlyElementsOf(
            everything.stream().filter(JobStarted.class::isInstance).toList());
    await().atMost(WAIT).until(() -> d.stats().handler(BLOCKED).published() == everything.size());
    DispatcherStats stats = d.stats();
    HandlerStats stuck = stats.handler(BLOCKED);
    long excess = published.size() - capacity;
    assertThat(stuck.dropped(DropReason.QUEUE_FULL)).isEqualTo(excess);
    assertThat(stuck.dropped()).isEqualTo(excess);
    assertThat(stuck.pending()).isEqualTo(capacity + 1);
    assertThat(stuck.delivered()).isZero();
    assertThat(stats.handler(ALL).dropped()).isZero();
    assertThat(stats.handler(ALL).delivered()).isEqualTo(everything.size());
    assertThat(stats.handler(STARTED).dropped()).isZero();

    blocked.release();

    assertThat(d.awaitIdle(WAIT)).isTrue();
    List<JobEvent> kept = new ArrayList<>();
    kept.add(prime);
    kept.addAll(published.subList(0, capacity)); // drop-newest keeps the oldest
    assertThat(blocked.received()).containsExactlyElementsOf(kept);
    HandlerStats after = d.stats().handler(BLOCKED);
    assertThat(after.delivered()).isEqualTo(capacity + 1);
    assertThat(after.dropped()).isEqualTo(excess);
    assertThat(after.pending()).isZero();
    assertThat(after.published())
        .isEqualTo(after.delivered() + after.failed() + after.dropped() + after.pending());
    assertThat(d.close(WAIT).drained()).isTrue();
  }
}
