package dev.zapjobs.events.test;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.HandlerStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on a {@link DispatcherStats} snapshot. Made by {@link
 * JobEventAssertions#assertThat(DispatcherStats)}; each method returns an assertion to chain.
 */
public final class DispatcherStatsAssert {
  private final DispatcherStats stats;

  DispatcherStatsAssert(DispatcherStats stats) {
    this.stats = stats;
  }

  /**
   * Assertions on the handler with this name ({@code Alerts.onFailed(JobFailed)}, as in the stats
   * table).
   *
   * @throws AssertionFailedError if there is none (the message lists the handlers there are)
   */
  public HandlerStatsAssert handler(String name) {
    Objects.requireNonNull(name, "name");
    for (HandlerStats h : stats.handlers()) {
      if (h.name().equals(name)) {
        return new HandlerStatsAssert(this, h);
      }
    }
    throw new AssertionFailedError(
        "No handler named " + name + " in these stats; the handlers are: " + names());
  }

  /**
   * Assertions on the handler with this id.
   *
   * @throws AssertionFailedError if there is none (the message lists the handlers there are)
   */
  public HandlerStatsAssert handler(HandlerId id) {
    Objects.requireNonNull(id, "id");
    return only(
        stats.handlers().stream().filter(h -> h.id().equals(id)).toList(), id.displayName());
  }

  /**
   * Assertions on method {@code method} of {@code handlerClass}.
   *
   * @throws AssertionFailedError if the class has no handler method of that name in these stats, or
   *     several (overloads: name the event type too)
   */
  public HandlerStatsAssert handler(Class<?> handlerClass, String method) {
    Objects.requireNonNull(handlerClass, "handlerClass");
    Objects.requireNonNull(method, "method");
    return only(matching(handlerClass, method, null), displayName(handlerClass) + "." + method);
  }

  /**
   * Assertions on method {@code method(eventType)} of {@code handlerClass}: for overloaded handler
   * methods.
   */
  public HandlerStatsAssert handler(
      Class<?> handlerClass, String method, Class<? extends JobEvent> eventType) {
    Objects.requireNonNull(handlerClass, "handlerClass");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(eventType, "eventType");
    return only(
        matching(handlerClass, method, eventType),
        displayName(handlerClass) + "." + method + "(" + eventType.getSimpleName() + ")");
  }

  /**
   * Assertions on the one handler method of {@code handlerClass}.
   *
   * @throws AssertionFailedError if the class has none, or several (name the method then)
   */
  public HandlerStatsAssert handler(Class<?> handlerClass) {
    Objects.requireNonNull(handlerClass, "handlerClass");
    return only(matching(handlerClass, null, null), displayName(handlerClass));
  }

  /** No delivery failed, in any handler. */
  public DispatcherStatsAssert nothingFailed() {
    if (stats.failed() != 0) {
      throw failure("no failed deliveries", stats.failed() + " failed", 0L, stats.failed());
    }
    return this;
  }

  /** No delivery was dropped, in any handler. */
  public DispatcherStatsAssert nothingDropped() {
    if (stats.dropped() != 0) {
      throw failure("no dropped deliveries", stats.dropped() + " dropped", 0L, stats.dropped());
    }
    return this;
  }

  /** Nothing is pending: every accepted event was delivered, failed or dropped. */
  public DispatcherStatsAssert settled() {
    if (stats.pending() != 0) {
      throw failure(
          "every delivery settled", stats.pending() + " still pending", 0L, stats.pending());
    }
    return this;
  }

  /** {@code publish} accepted (or refused as full) exactly this many events before close. */
  public DispatcherStatsAssert published(long expected) {
    return total("published", expected, stats.published());
  }

  /** Deliveries to all handlers (one event to three handlers counts three). */
  public DispatcherStatsAssert delivered(long expected) {
    return total("delivered", expected, stats.delivered());
  }

  /** Failed deliveries, over all handlers. */
  public DispatcherStatsAssert failed(long expected) {
    return total("failed", expected, stats.failed());
  }

  /** Dropped deliveries, over all handlers. */
  public DispatcherStatsAssert dropped(long expected) {
    return total("dropped", expected, stats.dropped());
  }

  /** Events published after close (refused and counted). */
  public DispatcherStatsAssert refusedAfterClose(long expected) {
    return total("refused after close", expected, stats.refusedAfterClose());
  }

  private DispatcherStatsAssert total(String what, long expected, long actual) {
    if (expected != actual) {
      throw failure(what + " " + expected, what + " " + actual, expected, actual);
    }
    return this;
  }

  private AssertionFailedError failure(String expected, String actual, Object e, Object a) {
    return new AssertionFailedError(
        "Expected " + expected + ", but " + actual + ". The dispatcher's accounting:\n" + stats,
        e,
        a);
  }

  private List<HandlerStats> matching(
      Class<?> handlerClass, String method, Class<? extends JobEvent> eventType) {
    List<HandlerStats> found = new ArrayList<>();
    for (HandlerStats h : stats.handlers()) {
      HandlerId id = h.id();
      if (id.handlerClass() == handlerClass
          && (method == null || id.method().equals(method))
          && (eventType == null || id.eventType() == eventType)) {
        found.add(h);
      }
    }
    return found;
  }

  private HandlerStatsAssert only(List<HandlerStats> found, String what) {
    if (found.size() == 1) {
      return new HandlerStatsAssert(this, found.get(0));
    }
    if (found.isEmpty()) {
      throw new AssertionFailedError(
          "No handler "
              + what
              + " in these stats; the handlers are: "
              + names()
              + ". Is its class among the handlers under test?");
    }
    throw new AssertionFailedError(
        "Several handlers match "
            + what
            + ": "
            + found.stream().map(HandlerStats::name).toList()
            + "; name the method"
            + (what.contains(".") ? " and its event type" : ""));
  }

  private List<String> names() {
    return stats.handlers().stream().map(HandlerStats::name).toList();
  }

  /** The class's name as handler names show it: {@code Outer.Inner}. */
  static String displayName(Class<?> type) {
    String binary = type.getName();
    return binary.substring(binary.lastIndexOf('.') + 1).replace('$', '.');
  }
}
