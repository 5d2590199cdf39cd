package dev.zapjobs.events.spring.boot;

import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Closes the auto-configured dispatcher during the application context's shutdown, inside Spring
 * Boot's graceful-shutdown phases: after the web server and Spring's executors and schedulers have
 * stopped (so jobs have finished publishing), and before any bean is destroyed (so the handlers'
 * dependencies are still alive while the dispatcher drains). The close report is logged by the
 * dispatcher: INFO when everything was delivered, WARN otherwise.
 */
public final class ZapJobsEventsLifecycle implements SmartLifecycle, DisposableBean {
  private static final Logger LOG = LoggerFactory.getLogger(ZapJobsEventsLifecycle.class);

  /** The default shutdown phase: after Spring's executors and schedulers ({@code MAX / 2}). */
  public static final int DEFAULT_PHASE = Integer.MAX_VALUE / 2 - 1024;

  /**
   * The default shutdown phase with {@code zapjobs.events.executor=application}: before Boot's
   * executor pauses (at {@code MAX / 2}), so that the drain still has threads.
   */
  public static final int APPLICATION_EXECUTOR_PHASE = Integer.MAX_VALUE / 2 + 1024;

  private final JobEventDispatcher dispatcher;
  private final StuckHandlers stuckHandlers;
  private final Duration closeTimeout;
  private final int phase;
  private final List<Runnable> afterClose = new ArrayList<>();
  private volatile boolean running;
  private volatile CloseReport report;

  ZapJobsEventsLifecycle(
      JobEventDispatcher dispatcher,
      StuckHandlers stuckHandlers,
      Duration closeTimeout,
      int phase) {
    this.dispatcher = dispatcher;
    this.stuckHandlers = stuckHandlers;
    this.closeTimeout = closeTimeout;
    this.phase = phase;
  }

  /** The dispatcher this lifecycle closes. */
  public JobEventDispatcher dispatcher() {
    return dispatcher;
  }

  StuckHandlers stuckHandlers() {
    return stuckHandlers;
  }

  /** Runs {@code action} once the dispatcher has closed (for example to stop an executor). */
  void afterClose(Runnable action) {
    afterClose.add(action);
  }

  @Override
  public void start() {
    running = true;
  }

  /** Stops intake, delivers what is pending within {@code zapjobs.events.close-timeout}. */
  @Override
  public void stop() {
    close();
  }

  /** Closes the dispatcher if the context is destroyed without a stop (a failed start-up). */
  @Override
  public void destroy() {
    close();
  }

  /** Idempotent. */
  synchronized void close() {
    running = false;
    if (report != null) {
      return;
    }
    LOG.debug("Closing the ZapJobs Events dispatcher (timeout {})", closeTimeout);
    report = dispatcher.close(closeTimeout);
    for (Runnable action : afterClose) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.warn("Cleaning up after the ZapJobs Events dispatcher failed", e);
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return phase;
  }

  /** The report of the shutdown's close, once it has happened. */
  public Optional<CloseReport> closeReport() {
    return Optional.ofNullable(report);
  }
}
