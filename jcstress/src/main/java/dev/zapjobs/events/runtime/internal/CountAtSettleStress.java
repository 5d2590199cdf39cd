package dev.zapjobs.events.runtime.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.Outcome;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.openjdk.jcstress.infra.results.JJJJ_Result;

/**
 * {@link HandlerCounters}: each call counted the moment it settles, and every snapshot exact —
 * {@code published == delivered + failed + dropped + pending}, nothing negative, and a call that
 * settled before the snapshot began never shown as pending.
 */
public final class CountAtSettleStress {
  private CountAtSettleStress() {}

  private static final HandlerId ID = HandlerId.of(CountAtSettleStress.class, "on", JobEvent.class);
  private static final int CAPACITY = 8;

  static HandlerStats snapshot(HandlerCounters counters, long maxInFlight) {
    return counters.snapshot(ID, "on", CAPACITY, 0, maxInFlight, new LatencyHistogram());
  }

  /** True if the snapshot's numbers add up and none is negative. */
  static boolean exact(HandlerStats s) {
    return s.published() == s.delivered() + s.failed() + s.dropped() + s.pending()
        && s.pending() == s.queued() + s.inFlight()
        && s.delivered() >= 0
        && s.queued() >= 0
        && s.inFlight() >= 0
        && s.queued() <= s.queueCapacity();
  }

  /**
   * One queued event: the handler's thread starts and settles the call, then raises a flag; a
   * sampler reads the flag, then takes a snapshot. r1: the flag; r2: delivered; r3: in flight; r4:
   * queued (or -1 if the snapshot does not add up).
   */
  @JCStressTest
  @org.openjdk.jcstress.annotations.Outcome(
      id = "0, 0, 0, 1",
      expect = ACCEPTABLE,
      desc = "before the call started")
  @org.openjdk.jcstress.annotations.Outcome(
      id = "0, 0, 1, 0",
      expect = ACCEPTABLE,
      desc = "during the call")
  @org.openjdk.jcstress.annotations.Outcome(
      id = "[01], 1, 0, 0",
      expect = ACCEPTABLE,
      desc = "after the call settled")
  @org.openjdk.jcstress.annotations.Outcome(
      expect = FORBIDDEN,
      desc = "a settled call shown as pending, or numbers that do not add up")
  @State
  public static class SettledCallIsNeverPending {
    private final HandlerCounters counters = new HandlerCounters(false);
    private volatile int settled;

    public SettledCallIsNeverPending() {
      counters.accepted(1); // the event is in the handler's queue
    }

    @Actor
    public void handler() {
      counters.started();
      counters.settled(Outcome.DELIVERED);
      settled = 1;
    }

    @Actor
    public void sampler(IIII_Result r) {
      r.r1 = settled;
      HandlerStats s = snapshot(counters, 1);
      r.r2 = (int) s.delivered();
      r.r3 = (int) s.inFlight();
      r.r4 = exact(s) ? (int) s.queued() : -1;
    }
  }

  /**
   * The fan-out hands a second event over and drops a third at the full queue while a sampler takes
   * a snapshot: whatever it sees adds up. r1..r4: published, pending, dropped, queued (r1 is -1 if
   * the snapshot does not add up).
   */
  @JCStressTest
  @org.openjdk.jcstress.annotations.Outcome(
      id = "1, 1, 0, 1",
      expect = ACCEPTABLE,
      desc = "before the hand-off")
  @org.openjdk.jcstress.annotations.Outcome(
      id = "3, 3, 0, 3",
      expect = ACCEPTABLE,
      desc = "both handed over, the drop not yet counted: pending until it is")
  @org.openjdk.jcstress.annotations.Outcome(
      id = "3, 2, 1, 2",
      expect = ACCEPTABLE,
      desc = "after the hand-off and the drop")
  @org.openjdk.jcstress.annotations.Outcome(
      expect = FORBIDDEN,
      desc = "numbers that do not add up, or a drop counted before its event")
  @State
  public static class SnapshotDuringAHandOffAddsUp {
    private final HandlerCounters counters = new HandlerCounters(false);

    public SnapshotDuringAHandOffAddsUp() {
      counters.accepted(1);
    }

    @Actor
    public void fanOut() {
      counters.accepted(2);
      counters.queueFull(1);
    }

    @Actor
    public void sampler(JJJJ_Result r) {
      HandlerStats s = snapshot(counters, 1);
      r.r1 = exact(s) ? s.published() : -1;
      r.r2 = s.pending();
      r.r3 = s.dropped();
      r.r4 = s.queued();
    }
  }

  /**
   * The fan-out hands events over while the handler's thread runs a call: the two writers of one
   * handler's counters, each with plain ordered stores. Afterwards the numbers are exact.
   */
  @JCStressTest
  @org.openjdk.jcstress.annotations.Outcome(
      id = "3, 1, 1, 1",
      expect = ACCEPTABLE,
      desc = "one failed, one dropped, one still queued")
  @org.openjdk.jcstress.annotations.Outcome(expect = FORBIDDEN, desc = "a count lost")
  @State
  public static class HandOffDuringACallLosesNoCount {
    private final HandlerCounters counters = new HandlerCounters(false);

    public HandOffDuringACallLosesNoCount() {
      counters.accepted(1);
    }

    @Actor
    public void fanOut() {
      counters.accepted(2);
      counters.queueFull(1);
    }

    @Actor
    public void handler() {
      counters.started();
      counters.settled(Outcome.THROWN);
    }

    @Arbiter
    public void counted(JJJJ_Result r) {
      HandlerStats s = snapshot(counters, 1);
      r.r1 = exact(s) ? s.published() : -1;
      r.r2 = s.failed();
      r.r3 = s.dropped();
      r.r4 = s.queued();
    }
  }

  /**
   * An async window: two stages of one handler settle on two threads at once (the counters add
   * atomically then). The final count must have both.
   */
  @JCStressTest
  @org.openjdk.jcstress.annotations.Outcome(
      id = "1, 1, 0, 0",
      expect = ACCEPTABLE,
      desc = "both settles counted")
  @org.openjdk.jcstress.annotations.Outcome(expect = FORBIDDEN, desc = "a settle lost")
  @State
  public static class ConcurrentSettlesAreAllCounted {
    private final HandlerCounters counters = new HandlerCounters(true);

    public ConcurrentSettlesAreAllCounted() {
      counters.accepted(2);
      counters.started();
      counters.started();
    }

    @Actor
    public void stage1() {
      counters.settled(Outcome.DELIVERED);
    }

    @Actor
    public void stage2() {
      counters.settled(Outcome.STAGE_FAILED);
    }

    @Arbiter
    public void counted(IIII_Result r) {
      HandlerStats s = snapshot(counters, 2);
      r.r1 = (int) s.delivered();
      r.r2 = (int) s.failed();
      r.r3 = (int) s.pending();
      r.r4 = exact(s) ? 0 : -1;
    }
  }
}
