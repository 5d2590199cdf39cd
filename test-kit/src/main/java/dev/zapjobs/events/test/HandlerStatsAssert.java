package dev.zapjobs.events.test;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.FailureKind;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.HandlerStats;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on one handler's {@link HandlerStats}. Each failure message shows the handler's whole
 * accounting. Reached through {@link DispatcherStatsAssert#handler} (then {@code handler(...)}
 * moves on to another handler of the same stats) or {@link
 * JobEventAssertions#assertThat(HandlerStats)}.
 */
public final class HandlerStatsAssert {
  private final DispatcherStatsAssert parent;
  private final HandlerStats stats;

  HandlerStatsAssert(DispatcherStatsAssert parent, HandlerStats stats) {
    this.parent = parent;
    this.stats = stats;
  }

  /** Events published to this handler (accepted, or refused as full). */
  public HandlerStatsAssert published(long expected) {
    return check("published", expected, stats.published());
  }

  /** Calls that returned normally (async: stages that completed normally). */
  public HandlerStatsAssert delivered(long expected) {
    return check("delivered", expected, stats.delivered());
  }

  /** Failed calls, of every kind. */
  public HandlerStatsAssert failed(long expected) {
    return check("failed", expected, stats.failed());
  }

  /** Failed calls of one kind. */
  public HandlerStatsAssert failed(FailureKind kind, long expected) {
    Objects.requireNonNull(kind, "kind");
    return check("failed " + kind, expected, stats.failed(kind));
  }

  /** Events dropped before they reached the handler, for every reason. */
  public HandlerStatsAssert dropped(long expected) {
    return check("dropped", expected, stats.dropped());
  }

  /** Events dropped for one reason. */
  public HandlerStatsAssert dropped(DropReason reason, long expected) {
    Objects.requireNonNull(reason, "reason");
    return check("dropped " + reason, expected, stats.dropped(reason));
  }

  /** Events accepted and not yet settled. */
  public HandlerStatsAssert pending(long expected) {
    return check("pending", expected, stats.pending());
  }

  /** Nothing pending, nothing failed, nothing dropped: every event published to it delivered. */
  public HandlerStatsAssert deliveredEverything() {
    if (stats.delivered() != stats.published()) {
      throw new AssertionFailedError(
          "Expected handler "
              + stats.name()
              + " to have delivered every event published to it ("
              + stats.published()
              + "), but it delivered "
              + stats.delivered()
              + ": "
              + summary(stats),
          stats.published(),
          stats.delivered());
    }
    return this;
  }

  /** Moves on to another handler of the same stats (see {@link DispatcherStatsAssert#handler}). */
  public HandlerStatsAssert handler(String name) {
    return parent().handler(name);
  }

  /** Moves on to another handler of the same stats. */
  public HandlerStatsAssert handler(HandlerId id) {
    return parent().handler(id);
  }

  /** Moves on to another handler of the same stats. */
  public HandlerStatsAssert handler(Class<?> handlerClass, String method) {
    return parent().handler(handlerClass, method);
  }

  /** Moves on to another handler of the same stats. */
  public HandlerStatsAssert handler(
      Class<?> handlerClass, String method, Class<? extends JobEvent> eventType) {
    return parent().handler(handlerClass, method, eventType);
  }

  /** Moves on to another handler of the same stats. */
  public HandlerStatsAssert handler(Class<?> handlerClass) {
    return parent().handler(handlerClass);
  }

  /** Back to the assertions on the whole dispatcher's stats. */
  public DispatcherStatsAssert and() {
    return parent();
  }

  private DispatcherStatsAssert parent() {
    if (parent == null) {
      throw new IllegalStateException(
          "these assertions started from one HandlerStats; start from the DispatcherStats"
              + " (assertThat(dispatcher.stats()).handler(...)) to move between handlers");
    }
    return parent;
  }

  private HandlerStatsAssert check(String what, long expected, long actual) {
    if (expected != actual) {
      throw new AssertionFailedError(
          "Expected handler "
              + stats.name()
              + " to have "
              + what
              + " "
              + expected
              + (expected == 1 ? " event" : " events")
              + ", but it has "
              + what
              + " "
              + actual
              + ": "
              + summary(stats),
          expected,
          actual);
    }
    return this;
  }

  /** {@code published 3, delivered 2, failed 1 (THROWN 1), dropped 0, pending 0}. */
  static String summary(HandlerStats h) {
    StringBuilder sb =
        new StringBuilder("published ")
            .append(h.published())
            .append(", delivered ")
            .append(h.delivered())
            .append(", failed ")
            .append(h.failed());
    appendKinds(sb, h);
    sb.append(", dropped ").append(h.dropped());
    if (h.dropped() > 0) {
      String sep = " (";
      for (DropReason r : DropReason.values()) {
        if (h.dropped(r) > 0) {
          sb.append(sep).append(r).append(' ').append(h.dropped(r));
          sep = ", ";
        }
      }
      sb.append(')');
    }
    return sb.append(", pending ").append(h.pending()).toString();
  }

  private static void appendKinds(StringBuilder sb, HandlerStats h) {
    if (h.failed() > 0) {
      String sep = " (";
      for (FailureKind k : FailureKind.values()) {
        if (h.failed(k) > 0) {
          sb.append(sep).append(k).append(' ').append(h.failed(k));
          sep = ", ";
        }
      }
      sb.append(')');
    }
  }
}
