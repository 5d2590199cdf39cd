package dev.zapjobs.events.runtime;

import dev.zapjobs.events.JobEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of one handler method's accounting.
 *
 * <p>Every count is taken when the thing it counts happens — a call is counted delivered or failed
 * the moment it settles — so in every snapshot, exactly:
 *
 * <pre>
 * published() == delivered() + failed() + dropped() + pending()
 * pending()   == queued() + inFlight()
 * </pre>
 *
 * <p>A handler that returned from 9 calls and is stuck in its 10th, with 20 events published to it,
 * shows {@code delivered() == 9}, {@code inFlight() == 1}, {@code queued() == 10}. While events
 * flow, a snapshot's counters are read one after another (from the end of an event's life to its
 * start), so a call that settles <em>while</em> {@code stats()} runs may still be counted in flight
 * or queued; a call that settled before {@code stats()} was called never is. At a quiescent point
 * (for example after {@link JobEventDispatcher#awaitIdle}) {@code pending() == 0}.
 */
public final class HandlerStats {
  private final HandlerId id;
  private final String name;
  private final long published;
  private final long delivered;
  // Indexed by ordinal. Not EnumMaps: those find an enum's constants by calling values()
  // reflectively, which a shrinker such as ProGuard cannot see (it would remove values()).
  private final long[] failures;
  private final long[] drops;
  private final int queueCapacity;
  private final long queued;
  private final long inFlight;
  private final Duration latencyP50;
  private final Duration latencyP99;
  private final Duration latencyMax;

  /**
   * Made by the dispatcher; exposed for tests of code that consumes stats. No consistency check is
   * made: give numbers for which the equations in the class description hold.
   *
   * @param id the handler method
   * @param name its name in logs and tables (see {@link #name()})
   * @param published events published to it, including those refused at intake
   * @param delivered calls that returned normally (stages that completed normally)
   * @param failures failed calls by kind (missing kinds count 0)
   * @param drops dropped events by reason (missing reasons count 0)
   * @param queueCapacity the capacity of its queue
   * @param queued events in its queue
   * @param inFlight calls started and not yet settled
   * @param latencyP50 median call duration
   * @param latencyP99 99th percentile call duration
   * @param latencyMax longest call duration
   */
  public HandlerStats(
      HandlerId id,
      String name,
      long published,
      long delivered,
      Map<FailureKind, Long> failures,
      Map<DropReason, Long> drops,
      int queueCapacity,
      long queued,
      long inFlight,
      Duration latencyP50,
      Duration latencyP99,
      Duration latencyMax) {
    this.id = Objects.requireNonNull(id, "id");
    this.name = Objects.requireNonNull(name, "name");
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
    this.queueCapacity = queueCapacity;
    this.queued = queued;
    this.inFlight = inFlight;
    this.latencyP50 = Objects.requireNonNull(latencyP50, "latencyP50");
    this.latencyP99 = Objects.requireNonNull(latencyP99, "latencyP99");
    this.latencyMax = Objects.requireNonNull(latencyMax, "latencyMax");
  }

  /** The handler method: a stable, typed id to look stats up by and to tag metrics with. */
  public HandlerId id() {
    return id;
  }

  /**
   * The handler's name in logs and in {@link DispatcherStats#toString()}: its {@link
   * HandlerId#displayName()}, {@code Class.method(EventType)}, followed by {@code " #2"}, {@code "
   * #3"}, ... only when handlers of different packages share a display name.
   */
  public String name() {
    return name;
  }

  /** The event type the handler takes ({@code JobEvent} for all events). */
  public Class<? extends JobEvent> eventType() {
    return id.eventType();
  }

  /** Events this handler subscribes to that were accepted by {@code publish} or refused as full. */
  public long published() {
    return published;
  }

  /**
   * Calls that returned normally (for an asynchronous handler: whose stage completed normally),
   * counted the moment each settled.
   */
  public long delivered() {
    return delivered;
  }

  /** Calls that failed, of every kind, counted the moment each settled. */
  public long failed() {
    return sum(failures);
  }

  /** Calls that failed in the given way. */
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

  /** Events accepted but not yet settled: {@link #queued()} plus {@link #inFlight()}. */
  public long pending() {
    return queued + inFlight;
  }

  /** Events waiting in the handler's queue. */
  public long queued() {
    return queued;
  }

  /**
   * Calls started and not yet settled: running, or (for an asynchronous handler) waiting for their
   * stage. At most 1, since a handler gets its events one at a time — except in synchronous mode,
   * where each publishing thread can be inside the handler at once.
   */
  public long inFlight() {
    return inFlight;
  }

  /** The capacity of the handler's queue: {@link #queued()} never exceeds it. */
  public int queueCapacity() {
    return queueCapacity;
  }

  /**
   * Median time the handler took per call (upper bound of a power-of-two bucket, so within 2x).
   * Without a {@link JobEventObserver} or {@link HandlerCallInterceptor} registered, latency is
   * sampled: one synchronous call in eight is timed, so that the others pay no clock reads; every
   * asynchronous call is timed, from the call to the stage's completion. With one registered, every
   * call is timed (they are given each call's exact duration) and recorded here too. For exact
   * per-call durations, register an observer.
   */
  public Duration latencyP50() {
    return latencyP50;
  }

  /** 99th percentile of the time the handler took per call (upper bound of its bucket). */
  public Duration latencyP99() {
    return latencyP99;
  }

  /** Longest time the handler took for one call, among the timed calls. */
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
        + pending()
        + " (queued="
        + queued
        + " inFlight="
        + inFlight
        + ") p50="
        + latencyP50
        + " p99="
        + latencyP99
        + " max="
        + latencyMax;
  }
}
