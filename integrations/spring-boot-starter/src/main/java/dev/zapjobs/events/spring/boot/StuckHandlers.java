package dev.zapjobs.events.spring.boot;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.runtime.SlowHandlerListener;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slow-handler listener of the auto-configured dispatcher: logs each report as the runtime's
 * default listener does, and remembers the handler as stuck until it settles a call (its delivered
 * plus failed count moves), for the health indicator.
 */
final class StuckHandlers implements SlowHandlerListener {
  private static final Logger LOG = LoggerFactory.getLogger(JobEventDispatcher.class);

  /** A handler reported while running on one event. */
  record Stuck(String handler, JobEvent event, Duration runningFor, long settledWhenReported) {
    String describe() {
      return "running for at least "
          + runningFor.toMillis()
          + " ms on "
          + event.getClass().getSimpleName()
          + " of run "
          + event.runId()
          + " (job type "
          + event.jobTypeId()
          + ")";
    }
  }

  private final Map<String, Stuck> stuck = new ConcurrentHashMap<>();
  private volatile JobEventDispatcher dispatcher;

  void watch(JobEventDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void onSlowHandler(String handler, JobEvent event, Duration runningFor) {
    LOG.warn(
        "Handler {} has been running for {} ms on {} of run {} (job type {}) and has not"
            + " returned yet",
        handler,
        runningFor.toMillis(),
        event.getClass().getSimpleName(),
        event.runId(),
        event.jobTypeId());
    JobEventDispatcher d = dispatcher;
    long settled = d == null ? -1 : settled(d.stats(), handler);
    stuck.put(handler, new Stuck(handler, event, runningFor, settled));
  }

  /** The handlers still stuck according to {@code stats}; forgets those that settled since. */
  Map<String, Stuck> stillStuck(DispatcherStats stats) {
    Map<String, Stuck> result = new LinkedHashMap<>();
    for (Stuck s : stuck.values()) {
      if (settled(stats, s.handler()) > s.settledWhenReported()) {
        stuck.remove(s.handler(), s);
      } else {
        result.put(s.handler(), s);
      }
    }
    return result;
  }

  private static long settled(DispatcherStats stats, String handler) {
    for (HandlerStats h : stats.handlers()) {
      if (h.name().equals(handler)) {
        return h.delivered() + h.failed();
      }
    }
    return Long.MAX_VALUE; // not a handler of this dispatcher: never reported as stuck
  }
}
