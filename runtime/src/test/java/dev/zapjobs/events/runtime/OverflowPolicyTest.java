package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.testing.BlockedHandler;
import dev.zapjobs.events.runtime.testing.BlockingListener;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** DROP_NEWEST keeps the oldest events of a full queue, DROP_OLDEST the newest; counts exact. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OverflowPolicyTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int CAPACITY = 16;
  private static final int PUBLISHED = 100;

  static final class Newest {}

  static final class Oldest {}

  @Test
  void shouldKeepTheFirstCapacityEventsWithDropNewest() throws Exception {
    Outcome o = overflow(OverflowPolicy.DROP_NEWEST, null);

    assertThat(o.handler.received()).containsExactlyElementsOf(o.kept(0, CAPACITY));
    assertThat(o.stats.dropped(DropReason.QUEUE_FULL)).isEqualTo(PUBLISHED - CAPACITY);
    assertThat(o.stats.dropped(DropReason.EVICTED)).isZero();
    o.assertConserved();
  }

  @Test
  void shouldKeepTheLastCapacityEventsWithDropOldest() throws Exception {
    Outcome o = overflow(OverflowPolicy.DROP_OLDEST, null);

    assertThat(o.handler.received())
        .containsExactlyElementsOf(o.kept(PUBLISHED - CAPACITY, PUBLISHED));
    assertThat(o.stats.dropped(DropReason.EVICTED)).isEqualTo(PUBLISHED - CAPACITY);
    assertThat(o.stats.dropped(DropReason.QUEUE_FULL)).isZero();
    o.assertConserved();
  }

  @Test
  void shouldApplyAPerClassPolicyOverTheDispatcherDefault() throws Exception {
    Outcome o = overflow(OverflowPolicy.DROP_NEWEST, OverflowPolicy.DROP_OLDEST);

    assertThat(o.handler.received())
        .containsExactlyElementsOf(o.kept(PUBLISHED - CAPACITY, PUBLISHED));
    assertThat(o.stats.dropped(DropReason.EVICTED)).isEqualTo(PUBLISHED - CAPACITY);
    assertThat(o.other.received()).containsExactlyElementsOf(o.kept(0, CAPACITY));
    assertThat(o.otherStats.dropped(DropReason.QUEUE_FULL)).isEqualTo(PUBLISHED - CAPACITY);
    o.assertConserved();
  }

  @Test
  void shouldCountEveryEventRefusedByAFullIntakeForEachSubscriber() throws Exception {
    // The slow-handler listener runs on the dispatcher thread: blocking it there stops the intake
    // from being drained, so the intake fills up exactly.
    int intake = 64;
    int extra = 10;
    BlockingListener listener = new BlockingListener();
    BlockedHandler blocked = new BlockedHandler();
    AtomicInteger started = new AtomicInteger();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Newest.class)
                    .on("OverflowPolicyTest.Newest.on(JobEvent)", JobEvent.class, blocked)
                    .on(
                        "OverflowPolicyTest.Newest.started(JobStarted)",
                        JobStarted.class,
                        e -> started.incrementAndGet()))
            .intakeCapacity(intake)
            .queueCapacity(1024)
            .slowHandlerThreshold(Duration.ofMillis(50))
            .slowHandlerListener(listener)
            .build();
    d.publish(Events.numbered(0, 1)); // kind 1: JobStarted
    listener.awaitHeld();

    long startedRefused = 0;
    for (int seq = 2; seq < 2 + intake + extra; seq++) {
      d.publish(Events.numbered(0, seq)); // never blocks, although nothing drains the intake
      if (seq >= 2 + intake && Events.kindOf(seq) == 1) {
        startedRefused++;
      }
    }

    DispatcherStats stuck = d.stats();
    assertThat(stuck.published()).isEqualTo(1 + intake + extra);
    assertThat(stuck.intakeBacklog()).isEqualTo(intake);
    assertThat(
            stuck.handler("OverflowPolicyTest.Newest.on(JobEvent)").dropped(DropReason.INTAKE_FULL))
        .isEqualTo(extra);
    assertThat(
            stuck
                .handler("OverflowPolicyTest.Newest.started(JobStarted)")
                .dropped(DropReason.INTAKE_FULL))
        .isEqualTo(startedRefused);
    listener.release();
    blocked.release();
    assertThat(d.awaitIdle(Duration.ofSeconds(30))).isTrue();
    HandlerStats all = d.stats().handler("OverflowPolicyTest.Newest.on(JobEvent)");
    assertThat(all.published()).isEqualTo(1 + intake + extra);
    assertThat(all.delivered()).isEqualTo(1 + intake);
    assertThat(all.dropped()).isEqualTo(extra);
    HandlerStats startedStats = d.stats().handler("OverflowPolicyTest.Newest.started(JobStarted)");
    assertThat(startedStats.delivered()).isEqualTo(started.get());
    assertThat(startedStats.published())
        .isEqualTo(startedStats.delivered() + startedStats.dropped());
    assertThat(d.close(WAIT).drained()).isTrue();
  }

  /**
   * Blocks a handler of class {@code Oldest} (policy {@code override}, if any) and one of class
   * {@code Newest} on a first event, publishes {@link #PUBLISHED} more, then releases them.
   */
  private static Outcome overflow(OverflowPolicy dispatcherPolicy, OverflowPolicy override)
      throws Exception {
    BlockedHandler handler = new BlockedHandler();
    BlockedHandler other = new BlockedHandler();
    JobEventDispatcher.Builder b =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Oldest.class)
                    .on("OverflowPolicyTest.Oldest.on(JobEvent)", JobEvent.class, handler))
            .addBinding(
                new FunctionBinding(Newest.class)
                    .on("OverflowPolicyTest.Newest.on(JobEvent)", JobEvent.class, other))
            .threads(2)
            .queueCapacity(CAPACITY)
            .overflowPolicy(dispatcherPolicy);
    if (override != null) {
      b.overflowPolicy(Oldest.class, override);
    }
    JobEventDispatcher d = b.build();
    JobEvent prime = Events.numbered(0, 1);
    d.publish(prime);
    handler.awaitEntered();
    other.awaitEntered();
    List<JobEvent> published = new ArrayList<>();
    for (int i = 0; i < PUBLISHED; i++) {
      JobEvent e = Events.numbered(0, i + 2);
      published.add(e);
      d.publish(e);
    }
    await().atMost(WAIT).until(() -> d.stats().pending() == 2 * (CAPACITY + 1L));
    await()
        .atMost(WAIT)
        .until(
            () ->
                d.stats().handlers().stream()
                    .allMatch(h -> h.published() == PUBLISHED + 1 && h.pending() == CAPACITY + 1));
    handler.release();
    other.release();
    assertThat(d.awaitIdle(WAIT)).isTrue();
    DispatcherStats stats = d.stats();
    assertThat(d.close(WAIT).drained()).isTrue();
    return new Outcome(
        prime,
        published,
        handler,
        stats.handler("OverflowPolicyTest.Oldest.on(JobEvent)"),
        other,
        stats.handler("OverflowPolicyTest.Newest.on(JobEvent)"));
  }

  private record Outcome(
      JobEvent prime,
      List<JobEvent> published,
      BlockedHandler handler,
      HandlerStats stats,
      BlockedHandler other,
      HandlerStats otherStats) {

    /** The event the handler was blocked on, then {@code published[from, to)}. */
    List<JobEvent> kept(int from, int to) {
      List<JobEvent> kept = new ArrayList<>();
      kept.add(prime);
      kept.addAll(published.subList(from, to));
      return kept;
    }

    void assertConserved() {
      for (HandlerStats h : List.of(stats, otherStats)) {
        assertThat(h.published()).as(h.name()).isEqualTo(PUBLISHED + 1);
        assertThat(h.delivered()).as(h.name()).isEqualTo(CAPACITY + 1);
        assertThat(h.dropped()).as(h.name()).isEqualTo(PUBLISHED - CAPACITY);
        assertThat(h.failed() + h.pending()).as(h.name()).isZero();
      }
    }
  }
}
