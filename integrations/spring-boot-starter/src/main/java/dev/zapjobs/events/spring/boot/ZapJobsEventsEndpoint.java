package dev.zapjobs.events.spring.boot;

import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.FailureKind;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code zapjobsevents} Actuator endpoint: the dispatcher's accounting, one row per handler
 * method ({@code GET /actuator/zapjobsevents}), or one handler ({@code GET
 * /actuator/zapjobsevents/{name}}, the name as in the rows, e.g. {@code
 * Alerts.onFailed(JobFailed)}). Expose it with {@code
 * management.endpoints.web.exposure.include=health,zapjobsevents}.
 */
@Endpoint(id = "zapjobsevents")
public class ZapJobsEventsEndpoint {
  private final JobEventDispatcher dispatcher;

  /** An endpoint over {@code dispatcher}. */
  public ZapJobsEventsEndpoint(JobEventDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  /** Totals and one row per handler. */
  @ReadOperation
  public Dispatcher dispatcher() {
    DispatcherStats s = dispatcher.stats();
    return new Dispatcher(
        dispatcher.isClosed(),
        s.published(),
        s.refusedAfterClose(),
        s.intakeBacklog(),
        s.delivered(),
        s.failed(),
        s.dropped(),
        s.pending(),
        s.handlers().stream().map(ZapJobsEventsEndpoint::row).toList());
  }

  /**
   * One handler's row, by its name ({@code Alerts.onFailed(JobFailed)}) or its id ({@code
   * com.acme.Alerts.onFailed(JobFailed)}), or null (404) if there is no such handler.
   */
  @ReadOperation
  public Handler handler(@Selector String name) {
    for (HandlerStats h : dispatcher.stats().handlers()) {
      if (h.name().equals(name) || h.id().toString().equals(name)) {
        return row(h);
      }
    }
    return null;
  }

  private static Handler row(HandlerStats h) {
    Map<String, Long> failures = new LinkedHashMap<>();
    for (FailureKind k : FailureKind.values()) {
      failures.put(k.name(), h.failed(k));
    }
    Map<String, Long> drops = new LinkedHashMap<>();
    for (DropReason r : DropReason.values()) {
      drops.put(r.name(), h.dropped(r));
    }
    return new Handler(
        h.id().toString(),
        h.name(),
        h.eventType().getSimpleName(),
        h.published(),
        h.delivered(),
        h.failed(),
        failures,
        h.dropped(),
        drops,
        h.pending(),
        h.queueCapacity(),
        millis(h.latencyP50()),
        millis(h.latencyP99()),
        millis(h.latencyMax()));
  }

  private static double millis(Duration d) {
    return d.toNanos() / 1_000_000.0;
  }

  /**
   * The dispatcher's totals (deliveries count once per handler) and its handlers.
   *
   * @param closed whether the dispatcher has been closed
   * @param published events passed to publish before close
   * @param refusedAfterClose events passed to publish after close
   * @param intakeBacklog events accepted but not yet handed to any handler's queue
   * @param delivered deliveries that succeeded, over all handlers
   * @param failed deliveries that failed, over all handlers
   * @param dropped deliveries dropped, over all handlers
   * @param pending deliveries not yet settled, plus the intake backlog
   * @param handlers one row per handler method
   */
  public record Dispatcher(
      boolean closed,
      long published,
      long refusedAfterClose,
      long intakeBacklog,
      long delivered,
      long failed,
      long dropped,
      long pending,
      List<Handler> handlers) {}

  /**
   * One handler method's accounting: {@code published = delivered + failed + dropped + pending}.
   *
   * @param id the stable unique id, {@code com.acme.Alerts.onFailed(JobFailed)}
   * @param name the short name, {@code Alerts.onFailed(JobFailed)}
   * @param eventType the event type it takes
   * @param published events it subscribes to that were published
   * @param delivered events it handled
   * @param failed events whose handling failed, of every kind
   * @param failures failed, by kind
   * @param dropped events dropped before they reached it
   * @param drops dropped, by reason
   * @param pending events queued for it or being handled
   * @param queueCapacity the capacity of its queue
   * @param latencyP50Millis median handling time (sampled, bucketed)
   * @param latencyP99Millis 99th percentile handling time (sampled, bucketed)
   * @param latencyMaxMillis longest sampled handling time
   */
  public record Handler(
      String id,
      String name,
      String eventType,
      long published,
      long delivered,
      long failed,
      Map<String, Long> failures,
      long dropped,
      Map<String, Long> drops,
      long pending,
      int queueCapacity,
      double latencyP50Millis,
      double latencyP99Millis,
      double latencyMaxMillis) {}
}
