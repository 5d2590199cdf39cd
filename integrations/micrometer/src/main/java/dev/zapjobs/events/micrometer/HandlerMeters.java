package dev.zapjobs.events.micrometer;

import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One handler's meters in one registry. Each meter is made on first use and kept in an array slot
 * indexed by event kind and outcome (or drop reason), so that recording a call finds it without
 * building tags. Two threads may make the same meter at once; the registry returns the same one to
 * both.
 */
final class HandlerMeters {
  private static final Outcome[] OUTCOMES = Outcome.values();
  private static final DropReason[] REASONS = DropReason.values();

  private final MeterRegistry registry;
  private final Tags tags;
  private final AtomicReferenceArray<Timer> calls =
      new AtomicReferenceArray<>(EventKinds.COUNT * OUTCOMES.length);
  private final AtomicReferenceArray<Counter> drops =
      new AtomicReferenceArray<>(EventKinds.COUNT * REASONS.length);

  /** Failure counters by exception class, one map per event kind and outcome. */
  private final AtomicReferenceArray<ConcurrentHashMap<Class<?>, Counter>> failures =
      new AtomicReferenceArray<>(EventKinds.COUNT * OUTCOMES.length);

  HandlerMeters(MeterRegistry registry, Tags common, HandlerId handler) {
    this.registry = registry;
    this.tags = common.and("handler", handler.toString());
  }

  void settled(int kind, Outcome outcome, long nanos, Throwable failure) {
    int slot = kind * OUTCOMES.length + outcome.ordinal();
    Timer timer = calls.get(slot);
    if (timer == null) {
      timer = newTimer(kind, outcome);
      calls.set(slot, timer);
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
    if (outcome.isFailure()) {
      failureCounter(slot, kind, outcome, failure).increment();
    }
  }

  void dropped(int kind, DropReason reason) {
    int slot = kind * REASONS.length + reason.ordinal();
    Counter counter = drops.get(slot);
    if (counter == null) {
      counter =
          Counter.builder(JobEventMetrics.DROPPED)
              .tags(tags)
              .tag("event", EventKinds.name(kind))
              .tag("reason", reason.name())
              .description("Deliveries dropped before they reached the handler")
              .baseUnit("events")
              .register(registry);
      drops.set(slot, counter);
    }
    counter.increment();
  }

  private Timer newTimer(int kind, Outcome outcome) {
    return Timer.builder(JobEventMetrics.CALLS)
        .tags(tags)
        .tag("event", EventKinds.name(kind))
        .tag("outcome", outcome.name())
        .description("Handler calls, from the call until it returned or its stage completed")
        .register(registry);
  }

  private Counter failureCounter(int slot, int kind, Outcome outcome, Throwable failure) {
    ConcurrentHashMap<Class<?>, Counter> byType = failures.get(slot);
    if (byType == null) {
      failures.compareAndSet(slot, null, new ConcurrentHashMap<>());
      byType = failures.get(slot);
    }
    // Void stands for "no failure given", which the runtime does not do for a failed outcome.
    Class<?> type = failure == null ? Void.class : failure.getClass();
    Counter counter = byType.get(type);
    if (counter == null) {
      counter =
          byType.computeIfAbsent(
              type,
              t ->
                  Counter.builder(JobEventMetrics.FAILED)
                      .tags(tags)
                      .tag("event", EventKinds.name(kind))
                      .tag("outcome", outcome.name())
                      .tag("exception", failure == null ? "unknown" : simpleName(t))
                      .description("Handler calls that failed, by the failure's class")
                      .baseUnit("calls")
                      .register(registry));
    }
    return counter;
  }

  /** The class's simple name, or its binary name's last part for an anonymous class. */
  private static String simpleName(Class<?> type) {
    String simple = type.getSimpleName();
    if (!simple.isEmpty()) {
      return simple;
    }
    String name = type.getName();
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
