package dev.zapjobs.events.runtime;

import dev.zapjobs.events.JobEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of one handler method's accounting.
 *
 * <p>At any quiescent point (for example after {@link JobEventDispatcher#awaitIdle}): {@code
 * published() == delivered() + failed() + dropped() + pending()}, with {@code pending() == 0}.
 * While events flow, the counters are read one after another and may be a few events apart.
 */
public final class HandlerStats {
  private final String name;
  private final Class<? extends JobEvent> eventType;
  private final long published;
  private final long delivered;
  // Indexed by ordinal. Not EnumMaps: those find an enum's constants by calling values()
  // reflectively, which a shrinker such as ProGuard cannot see (it would remove values()).
  private final long[] failures;
  private final long[] drops;
  private final long pending;
  private final Duration latencyP50;
  private final Duration latencyP99;
  private final Duration latencyMax;
  private final int queueCapacity;

  /** Made by the dispatcher; exposed for tests of code that consumes stats. */
  public HandlerStats(
      String name,
      Class<? extends JobEvent> eventType,
      long published,
      long delivered,
      Map<FailureKind, Long> failures,
      Map<DropReason, Long> drops,
      long pending,
      Duration latencyP50,
      Duration latencyP99,
      Duration latencyMax) {
    this(
        name,
        eventType,
        published,
        delivered,
        failures,
        drops,
        pending,
        latencyP50,
        latencyP99,
        latencyMax,
        0);
  }

  /** Made by the dispatcher; exposed for tests of code that consumes stats. */
  public HandlerStats(
      String name,
      Class<? extends JobEvent> eventType,
      long published,
      long delivered,
      Map<FailureKind, Long> failures,
      Map<DropReason, Long> drops,
      long pending,
      Duration latencyP50,
      Duration latencyP99,
      Duration latencyMax,
      int queueCapacity) {
    this.queueCapacity = queueCapacity;
    this.name = Objects.requireNonNull(name, "name");
    this.eventType = Objects.requireNonNull(eventType, "eventType");
    this.published = published;
    this.delivered = delivered;
    this.failures = new long[FailureKind.values().length];
    for (FailureKind k : FailureKind.values()) {
      this.failures[k.ordinal()] = failures.getOrDefault(k, 0L);
    }
    this.drops = new long[DropReason.values().length];
    for (DropReason r : DropReason.values()) {
      this.drops[r.ordinal()] = drops.getOrDefault(r, 0L);
    }
    this.pending = pending;
    this.latencyP50 = Objects.requireNonNull(latencyP50, "latencyP50");
    this.latencyP99 = Objects.requireNonNull(latencyP99, "latencyP99");
    this.latencyMax = Objects.requireNonNull(latencyMax, "latencyMax");
  }

  /** The capacity of the handler's queue. */
  public int queueCapacity() {
    return queueCapacity;
  }

  /** The handler's name, {@code Class.method(EventType)}. */
  public String name() {
    return name;
  }

  /** The event type the handler takes ({@code JobEvent} for all events). */
  public Class<? extends JobEvent> eventType() {
    return eventType;
  }

  /** Events this handler subscribes to that were accepted by {@code publish} or refused as full. */
  public long published() {
    return published;
  }

  /** Events the handler processed successfully (an async handler's stage completed normally). */
  public long delivered() {
    return delivered;
  }

  /** Events whose delivery failed, of every kind. */
  public long failed() {
    return sum(failures);
  }

  /** Events whose delivery failed in the given way. */
  public long failed(FailureKind kind) {
    return failures[kind.ordinal()];
  }

  /** Events dropped before they reached the handler, for every reason. */
  public long dropped() {
    return sum(drops);
  }

  /** Events dropped for the given reason. */
  public long dropped(DropReason reason) {
    return drops[reason.ordinal()];
  }

  /** Events accepted but not yet settled: queued, or being handled right now. */
  public long pending() {
    return pending;
  }

  /**
   * Median time the handler took per event (upper bound of a power-of-two bucket). Latency is
   * sampled: one synchronous call in eight is timed, so that the others pay no clock reads; every
   * asynchronous call is timed, from the call to the stage's completion.
   */
  public Duration latencyP50() {
    return latencyP50;
  }

  /** 99th percentile of the time the handler took per event (upper bound of its bucket). */
  public Duration latencyP99() {
    return latencyP99;
  }

  /** Longest time the handler took for one event, among the sampled calls. */
  public Duration latencyMax() {
    return latencyMax;
  }

  private static long sum(long[] values) {
    long sum = 0;
    for (long v : values) {
      sum += v;
    }
    return sum;
  }

  private static String describe(Enum<?>[] keys, long[] values) {
    StringBuilder sb = new StringBuilder("{");
    for (Enum<?> k : keys) {
      sb.append(sb.length() > 1 ? ", " : "")
          .append(k.name())
          .append('=')
          .append(values[k.ordinal()]);
    }
    return sb.append('}').toString();
  }

  @Override
  public String toString() {
    return name
        + ": published="
        + published
        + " delivered="
        + delivered
        + " failed="
        + failed()
        + describe(FailureKind.values(), failures)
        + " dropped="
        + dropped()
        + describe(DropReason.values(), drops)
        + " pending="
        + pending
        + " p50="
        + latencyP50
        + " p99="
        + latencyP99
        + " max="
        + latencyMax;
  }
}
