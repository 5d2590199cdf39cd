package dev.zapjobs.events.runtime;

import dev.zapjobs.events.JobEvent;
import java.time.Duration;

/**
 * Told when a handler has been running on one event for longer than the slow-handler threshold,
 * while it is still running. Called from the dispatcher's own thread: return quickly.
 *
 * <p>The default listener logs a warning with the handler's name, the event and how long it has
 * been running. Each call of a handler is reported once.
 */
@FunctionalInterface
public interface SlowHandlerListener {

  /**
   * @param handlerName the handler, {@code Class.method(EventType)}
   * @param event the event it is handling
   * @param runningFor how long it has been running on that event
   */
  void onSlowHandler(String handlerName, JobEvent event, Duration runningFor);
}
