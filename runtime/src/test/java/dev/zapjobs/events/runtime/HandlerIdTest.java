package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import java.time.Duration;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Handlers are looked up by typed ids; the dispatcher says which handlers an event reaches. */
class HandlerIdTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  static final class Alerts {}

  static final class Audit {}

  private static final HandlerId ON_FAILED =
      HandlerId.of(Alerts.class, "onFailed", JobFailed.class);
  private static final HandlerId ALL = HandlerId.of(Audit.class, "all", JobEvent.class);
  private static final HandlerId STARTED = HandlerId.of(Audit.class, "started", JobStarted.class);

  private static JobEventDispatcher dispatcher() {
    return JobEventDispatcher.builder()
        // added out of order: the dispatcher orders handlers by class name
        .addBinding(
            new FunctionBinding(Audit.class)
                .on("Audit.all(JobEvent)", JobEvent.class, e -> {})
                .on("Audit.started(JobStarted)", JobStarted.class, e -> {}))
        .addBinding(
            new FunctionBinding(Alerts.class)
                .on("Alerts.onFailed(JobFailed)", JobFailed.class, e -> {}))
        .synchronous()
        .build();
  }

  @Test
  void shouldListTheIdsInAStableOrder_theOrderOfTheStats() {
    JobEventDispatcher d = dispatcher();

    assertThat(d.handlerIds()).containsExactly(ON_FAILED, ALL, STARTED);
    assertThat(d.stats().handlers())
        .extracting(HandlerStats::id)
        .containsExactlyElementsOf(d.handlerIds());
    assertThat(ON_FAILED.displayName()).isEqualTo("HandlerIdTest.Alerts.onFailed(JobFailed)");
    assertThat(ON_FAILED)
        .hasToString("dev.zapjobs.events.runtime.HandlerIdTest.Alerts.onFailed(JobFailed)");
    assertThat(d.stats().handler(ON_FAILED).name()).isEqualTo(ON_FAILED.displayName());
    assertThat(d.stats().handler(ON_FAILED).eventType()).isEqualTo(JobFailed.class);
    d.close(WAIT);
  }

  @Test
  void shouldLookUpOneHandlersStatsById() {
    JobEventDispatcher d = dispatcher();
    Events.allFive(Events.newRunId()).forEach(d::publish);

    assertThat(d.stats(ALL).delivered()).isEqualTo(5);
    assertThat(d.stats(STARTED).delivered()).isEqualTo(1);
    assertThat(d.stats(ON_FAILED).published()).isEqualTo(1);
    assertThat(d.stats().handler(STARTED).delivered()).isEqualTo(1);
    assertThat(d.stats(STARTED).queueCapacity()).isEqualTo(8192);
    d.close(WAIT);
  }

  @Test
  void shouldNameTheKnownIdsWhenAnIdIsUnknown() {
    JobEventDispatcher d = dispatcher();
    HandlerId unknown = HandlerId.of(Audit.class, "gone", JobEvent.class);

    assertThatThrownBy(() -> d.stats(unknown))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("no handler " + unknown)
        .hasMessageContaining(ALL.toString())
        .hasMessageContaining(ON_FAILED.toString());
    assertThatThrownBy(() -> d.stats().handler(unknown))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining(STARTED.toString());
    d.close(WAIT);
  }

  @Test
  void shouldCountTheHandlersAnEventReaches() {
    JobEventDispatcher d = dispatcher();
    String run = Events.newRunId();

    assertThat(d.handlerCount(Events.enqueued(run))).isEqualTo(1); // all
    assertThat(d.handlerCount(Events.started(run, 1))).isEqualTo(2); // all, started
    assertThat(d.handlerCount(Events.failed(run, 1, false))).isEqualTo(2); // all, onFailed
    assertThatThrownBy(() -> d.handlerCount(null)).isInstanceOf(NullPointerException.class);
    d.close(WAIT);

    JobEventDispatcher none =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Alerts.class)
                    .on("Alerts.onFailed(JobFailed)", JobFailed.class, e -> {}))
            .synchronous()
            .build();
    assertThat(none.handlerCount(Events.started(run, 1))).isZero();
    none.close(WAIT);
  }
}
