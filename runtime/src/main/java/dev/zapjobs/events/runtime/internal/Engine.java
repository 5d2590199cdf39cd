package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.HandlerStats;
import java.time.Duration;
import java.util.List;

/**
 * The dispatcher's machinery, behind {@code JobEventDispatcher}: the {@link ThreadedEngine} in
 * production, the {@link SynchronousEngine} for tests ({@code builder().synchronous()}).
 */
public interface Engine {

  /** Builds and starts the engine that {@code config} asks for. */
  static Engine start(EngineConfig config, List<HandlerSpec> specs) {
    return config.synchronous()
        ? new SynchronousEngine(config, specs)
        : new ThreadedEngine(config, specs);
  }

  /** Hands an event over. Never blocks; never throws for a handler's sake. */
  void publish(JobEvent e);

  /** A snapshot of the accounting. */
  DispatcherStats stats();

  /** A snapshot of one handler's accounting, without building the others'. */
  HandlerStats stats(HandlerId id);

  /** Every handler's id, in a stable order. */
  List<HandlerId> handlerIds();

  /** How many handler methods {@code e} is delivered to (their filters accept it). */
  int handlerCount(JobEvent e);

  /** Waits until every accepted event has settled, or the timeout passes. */
  boolean awaitIdle(Duration timeout) throws InterruptedException;

  /** Stops intake, waits up to {@code timeout} for what was accepted to settle, and reports. */
  CloseReport close(Duration timeout);

  /** True once close has begun. */
  boolean isClosed();
}
