package dev.zapjobs.events.runtime;

import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * A snapshot of a dispatcher's accounting: totals, and one {@link HandlerStats} per handler method.
 */
public final class DispatcherStats {
  private final long published;
  private final long refusedAfterClose;
  private final long intakeBacklog;
  private final List<HandlerStats> handlers;

  /** Made by the dispatcher; exposed for tests of code that consumes stats. */
  public DispatcherStats(
      long published, long refusedAfterClose, long intakeBacklog, List<HandlerStats> handlers) {
    this.published = published;
    this.refusedAfterClose = refusedAfterClose;
    this.intakeBacklog = intakeBacklog;
    this.handlers = List.copyOf(handlers);
  }

  /**
   * Events passed to {@code publish} before close (accepted, or refused because intake was full).
   */
  public long published() {
    return published;
  }

  /** Events passed to {@code publish} after close: refused and counted, never thrown. */
  public long refusedAfterClose() {
    return refusedAfterClose;
  }

  /** Events accepted but not yet handed to any handler's queue. */
  public long intakeBacklog() {
    return intakeBacklog;
  }

  /** One entry per handler method, in a stable order. */
  public List<HandlerStats> handlers() {
    return handlers;
  }

  /**
   * The stats of the handler with this id.
   *
   * @throws NoSuchElementException if there is none (the message lists the known ids)
   */
  public HandlerStats handler(HandlerId id) {
    for (HandlerStats h : handlers) {
      if (h.id().equals(id)) {
        return h;
      }
    }
    throw new NoSuchElementException(
        "no handler " + id + "; handlers: " + handlers.stream().map(HandlerStats::id).toList());
  }

  /**
   * The stats of the handler with this {@linkplain HandlerStats#name() name}: its {@link
   * HandlerId#displayName()}, {@code Class.method(EventType)} (with {@code " #2"} appended to the
   * second of two handlers of different packages that share a display name). Prefer {@link
   * #handler(HandlerId)}, which a rename breaks at compile time rather than at run time.
   *
   * @throws NoSuchElementException if there is none
   */
  public HandlerStats handler(String name) {
    for (HandlerStats h : handlers) {
      if (h.name().equals(name)) {
        return h;
      }
    }
    throw new NoSuchElementException("no handler named " + name + "; handlers: " + names());
  }

  private List<String> names() {
    return handlers.stream().map(HandlerStats::name).toList();
  }

  /** Deliveries to all handlers (an event delivered to three handlers counts three). */
  public long delivered() {
    return handlers.stream().mapToLong(HandlerStats::delivered).sum();
  }

  /** Failed deliveries, over all handlers. */
  public long failed() {
    return handlers.stream().mapToLong(HandlerStats::failed).sum();
  }

  /** Dropped deliveries, over all handlers. */
  public long dropped() {
    return handlers.stream().mapToLong(HandlerStats::dropped).sum();
  }

  /** Deliveries not yet settled, over all handlers, plus the intake backlog. */
  public long pending() {
    return intakeBacklog + handlers.stream().mapToLong(HandlerStats::pending).sum();
  }

  /** A readable table: one line per handler, then the totals. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    int width = 7;
    for (HandlerStats h : handlers) {
      width = Math.max(width, h.name().length());
    }
    String row = "%-" + width + "s %10s %10s %8s %8s %8s %10s %10s%n";
    sb.append(
        String.format(
            Locale.ROOT,
            row,
            "handler",
            "published",
            "delivered",
            "failed",
            "dropped",
            "pending",
            "p50",
            "p99"));
    for (HandlerStats h : handlers) {
      sb.append(
          String.format(
              Locale.ROOT,
              row,
              h.name(),
              h.published(),
              h.delivered(),
              h.failed(),
              h.dropped(),
              h.pending(),
              human(h.latencyP50()),
              human(h.latencyP99())));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "events published: %d, refused after close: %d, intake backlog: %d; deliveries:"
                + " %d delivered, %d failed, %d dropped, %d pending",
            published,
            refusedAfterClose,
            intakeBacklog,
            delivered(),
            failed(),
            dropped(),
            pending()));
    return sb.toString();
  }

  private static String human(java.time.Duration d) {
    long n = d.toNanos();
    if (n < 10_000) {
      return n + "ns";
    } else if (n < 10_000_000) {
      return (n / 1_000) + "us";
    } else {
      return (n / 1_000_000) + "ms";
    }
  }
}
