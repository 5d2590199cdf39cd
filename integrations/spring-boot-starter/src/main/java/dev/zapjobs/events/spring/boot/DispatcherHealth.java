package dev.zapjobs.events.spring.boot;

import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The health of the dispatcher, independent of Spring Boot's health API (which moved between Boot 3
 * and Boot 4; one thin indicator per line adapts this). In order:
 *
 * <ol>
 *   <li>{@code DOWN} once the dispatcher is closed (it accepts no more events);
 *   <li>{@code stuck-status} (default {@code DOWN}) while a handler has been running on one event
 *       for longer than {@code slow-handler-threshold} and has not returned since;
 *   <li>{@code drops-status} (default {@code DOWN}) while a handler dropped events within the drop
 *       window;
 *   <li>{@code UP} otherwise.
 * </ol>
 *
 * <p>Drops are counted from the newest earlier check that is at least {@code drop-window} old (or
 * from start-up, if none is) to now: with checks at least once per window — as health probes and
 * scrapers do — that is the last window; with rarer checks it is everything since the previous
 * check, so no drop goes unreported.
 */
final class DispatcherHealth {

  /** A status code (as Spring Boot's {@code Status}) and details. */
  record Result(String status, Map<String, Object> details) {}

  private record Sample(long nanos, Map<String, Long> dropped) {}

  private final JobEventDispatcher dispatcher;
  private final StuckHandlers stuckHandlers;
  private final long windowNanos;
  private final String dropsStatus;
  private final String stuckStatus;
  private final LongSupplier nanoTime;
  private final Deque<Sample> samples = new ArrayDeque<>();

  DispatcherHealth(
      JobEventDispatcher dispatcher,
      StuckHandlers stuckHandlers,
      ZapJobsEventsProperties.Health settings,
      LongSupplier nanoTime) {
    this.dispatcher = dispatcher;
    this.stuckHandlers = stuckHandlers;
    Duration window = settings.getDropWindow();
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(
          "zapjobs.events.health.drop-window must be positive, was " + window);
    }
    this.windowNanos = window.toNanos();
    this.dropsStatus = statusCode(settings.getDropsStatus(), "drops-status");
    this.stuckStatus = statusCode(settings.getStuckStatus(), "stuck-status");
    this.nanoTime = nanoTime;
    samples.add(new Sample(nanoTime.getAsLong(), dropped(dispatcher.stats())));
  }

  synchronized Result check() {
    long now = nanoTime.getAsLong();
    DispatcherStats stats = dispatcher.stats();
    Map<String, Long> dropped = dropped(stats);
    Map<String, Long> droppedInWindow = droppedSince(baseline(now), dropped);
    remember(new Sample(now, dropped));
    Map<String, StuckHandlers.Stuck> stuck =
        stuckHandlers == null ? Map.of() : stuckHandlers.stillStuck(stats);

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("handlers", stats.handlers().size());
    details.put("published", stats.published());
    details.put("delivered", stats.delivered());
    details.put("failed", stats.failed());
    details.put("dropped", stats.dropped());
    details.put("pending", stats.pending());
    String status = "UP";
    if (dispatcher.isClosed()) {
      details.put("closed", true);
      status = "DOWN";
    }
    if (!stuck.isEmpty()) {
      Map<String, String> described = new LinkedHashMap<>();
      stuck.forEach((name, s) -> described.put(name, s.describe()));
      details.put("stuck", described);
      status = status.equals("UP") ? stuckStatus : status;
    }
    if (!droppedInWindow.isEmpty()) {
      details.put("droppedInWindow", droppedInWindow);
      status = status.equals("UP") ? dropsStatus : status;
    }
    return new Result(status, details);
  }

  /** The newest sample at least one window old, or the oldest one. */
  private Sample baseline(long now) {
    Sample baseline = samples.peekFirst();
    for (Sample s : samples) {
      if (now - s.nanos() >= windowNanos) {
        baseline = s;
      }
    }
    return baseline;
  }

  /**
   * Keeps about nine samples: the start-up sample (until a newer one is a window old), then at most
   * one per eighth of a window (a newer check in the same eighth replaces the last sample: that can
   * only make a later baseline older, never hide a drop).
   */
  private void remember(Sample sample) {
    Sample last = samples.peekLast();
    long slot = Math.max(1, windowNanos / 8);
    if (samples.size() > 1 && last.nanos() / slot == sample.nanos() / slot) {
      samples.removeLast();
    }
    samples.addLast(sample);
    Sample baseline = baseline(sample.nanos());
    while (samples.peekFirst() != baseline) {
      samples.removeFirst();
    }
  }

  private static Map<String, Long> droppedSince(Sample baseline, Map<String, Long> now) {
    Map<String, Long> result = new LinkedHashMap<>();
    now.forEach(
        (name, count) -> {
          long delta = count - baseline.dropped().getOrDefault(name, 0L);
          if (delta > 0) {
            result.put(name, delta);
          }
        });
    return result;
  }

  private static Map<String, Long> dropped(DispatcherStats stats) {
    Map<String, Long> dropped = new TreeMap<>();
    for (HandlerStats h : stats.handlers()) {
      dropped.put(h.name(), h.dropped());
    }
    return dropped;
  }

  private static String statusCode(String code, String property) {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException(
          "zapjobs.events.health." + property + " must be a health status such as DOWN");
    }
    return code.trim().toUpperCase(java.util.Locale.ROOT);
  }
}
