package dev.zapjobs.events.sample;

import dev.zapjobs.events.sample.handlers.AsyncAuditTrail;
import dev.zapjobs.events.sample.handlers.DeadLetterAlerts;
import dev.zapjobs.events.sample.handlers.EventLog;
import dev.zapjobs.events.sample.handlers.JobMetrics;
import dev.zapjobs.events.sample.handlers.SlowHandler;
import dev.zapjobs.events.sample.handlers.ThrowingHandler;
import java.util.Map;

/**
 * The demo's handler instances, and the {@code HandlerResolver} that hands them to the dispatcher
 * ({@code builder().handlerResolver(handlers::resolve)}) — the role a DI container plays in an
 * application — so that {@link Main} can read their results afterwards.
 */
public final class DemoHandlers {
  private final EventLog eventLog = new EventLog();
  private final JobMetrics metrics = new JobMetrics();
  private final DeadLetterAlerts alerts = new DeadLetterAlerts();
  private final AsyncAuditTrail audit = new AsyncAuditTrail();
  private final ThrowingHandler throwing = new ThrowingHandler();
  private final SlowHandler slow;
  private final Map<Class<?>, Object> byClass;

  /** The handlers, with the slow one pausing with {@code slowPause} on every event. */
  public DemoHandlers(SlowHandler.Pause slowPause) {
    this.slow = new SlowHandler(slowPause);
    this.byClass =
        Map.of(
            EventLog.class, eventLog,
            JobMetrics.class, metrics,
            DeadLetterAlerts.class, alerts,
            AsyncAuditTrail.class, audit,
            ThrowingHandler.class, throwing,
            SlowHandler.class, slow);
  }

  /** The instance for {@code handlerClass}, or {@code null} to let the dispatcher construct one. */
  public Object resolve(Class<?> handlerClass) {
    return byClass.get(handlerClass);
  }

  /** The per-job-type metrics handler. */
  public JobMetrics metrics() {
    return metrics;
  }

  /** The dead-letter alert handler. */
  public DeadLetterAlerts alerts() {
    return alerts;
  }

  /** The async audit trail handler. */
  public AsyncAuditTrail audit() {
    return audit;
  }

  /** The handler that throws on every event. */
  public ThrowingHandler throwing() {
    return throwing;
  }

  /** The slow handler. */
  public SlowHandler slow() {
    return slow;
  }
}
