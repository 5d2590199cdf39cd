package dev.zapjobs.events.runtime.examples;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.JobEventObserver;
import dev.zapjobs.events.runtime.Outcome;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts each handler's calls by outcome, sums their durations, and counts its drops. */
public final class CallTotals implements JobEventObserver {
  private final Map<HandlerId, LongAdder[]> calls = new ConcurrentHashMap<>();
  private final Map<HandlerId, LongAdder> nanos = new ConcurrentHashMap<>();
  private final Map<HandlerId, LongAdder> drops = new ConcurrentHashMap<>();

  @Override
  public void onSettled(
      HandlerId handler, JobEvent event, Outcome outcome, long durationNanos, Throwable failure) {
    calls.computeIfAbsent(handler, h -> newAdders(Outcome.values().length))[outcome.ordinal()]
        .increment();
    nanos.computeIfAbsent(handler, h -> new LongAdder()).add(durationNanos);
  }

  @Override
  public void onDropped(HandlerId handler, JobEvent event, DropReason reason) {
    drops.computeIfAbsent(handler, h -> new LongAdder()).increment();
  }

  /** Calls of {@code handler} that settled with {@code outcome}. */
  public long calls(HandlerId handler, Outcome outcome) {
    LongAdder[] byOutcome = calls.get(handler);
    return byOutcome == null ? 0 : byOutcome[outcome.ordinal()].sum();
  }

  /** The summed duration of every call of {@code handler}, in nanoseconds. */
  public long totalNanos(HandlerId handler) {
    LongAdder sum = nanos.get(handler);
    return sum == null ? 0 : sum.sum();
  }

  /** Events {@code handler} lost, for any reason. */
  public long drops(HandlerId handler) {
    LongAdder sum = drops.get(handler);
    return sum == null ? 0 : sum.sum();
  }

  private static LongAdder[] newAdders(int n) {
    LongAdder[] adders = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      adders[i] = new LongAdder();
    }
    return adders;
  }
}
