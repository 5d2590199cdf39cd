package dev.zapjobs.events.sample.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DueQueueTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final ManualClock clock = new ManualClock(T0);
  private final DueQueue<String> queue = new DueQueue<>(clock);

  @Test
  void entriesLeaveByDueTime_thenInArrivalOrder() {
    queue.offer("later", T0.plusSeconds(2));
    queue.offer("first", T0);
    queue.offer("second", T0);
    queue.offer("past", T0.minusSeconds(1));

    assertThat(queue.pollDue()).isEqualTo("past");
    assertThat(queue.pollDue()).isEqualTo("first");
    assertThat(queue.pollDue()).isEqualTo("second");
    assertThat(queue.pollDue()).isNull();
    assertThat(queue.size()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(2));
    assertThat(queue.pollDue()).isEqualTo("later");
  }

  @Test
  void take_waitsUntilTheClockReachesTheDueTime() {
    queue.offer("job", T0.plusSeconds(60));
    CompletableFuture<String> taken = CompletableFuture.supplyAsync(queue::take);

    assertThat(taken).isNotDone();
    clock.advance(Duration.ofSeconds(60));

    await().atMost(Duration.ofSeconds(5)).until(taken::isDone);
    assertThat(taken.join()).isEqualTo("job");
  }

  @Test
  void close_releasesWaitingTakers_withNull() {
    CompletableFuture<String> taken = CompletableFuture.supplyAsync(queue::take);
    queue.close();
    await().atMost(Duration.ofSeconds(5)).until(taken::isDone);
    assertThat(taken.join()).isNull();
    assertThat(queue.take()).isNull();
  }
}
