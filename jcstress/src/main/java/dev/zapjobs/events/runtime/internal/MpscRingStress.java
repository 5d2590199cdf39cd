package dev.zapjobs.events.runtime.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.ZZI_Result;

/** {@link MpscRing}: producers on any thread, one consumer. */
public final class MpscRingStress {
  private MpscRingStress() {}

  /** Two producers race for the last free slot: exactly one gets it, and nothing is lost. */
  @JCStressTest
  @Outcome(id = "true, false, 2", expect = ACCEPTABLE, desc = "the first producer won the slot")
  @Outcome(id = "false, true, 2", expect = ACCEPTABLE, desc = "the second producer won the slot")
  @Outcome(expect = FORBIDDEN, desc = "both or neither got it, or an element was lost")
  @State
  public static class ProducersRaceForTheLastSlot {
    private final MpscRing<Integer> ring = new MpscRing<>(2);

    public ProducersRaceForTheLastSlot() {
      ring.offer(0);
    }

    @Actor
    public void producer1(ZZI_Result r) {
      r.r1 = ring.offer(1);
    }

    @Actor
    public void producer2(ZZI_Result r) {
      r.r2 = ring.offer(2);
    }

    @Arbiter
    public void drained(ZZI_Result r) {
      r.r3 = ring.drain(new Object[4]);
    }
  }

  /**
   * A consumer draining while a producer offers sees a prefix of what was offered, in order: a slot
   * claimed but not yet written ends the run, it is never skipped. r1: how many it took; r2: 1 if
   * they were the first ones, in order.
   */
  @JCStressTest
  @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "drained before the first offer")
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "drained the first element")
  @Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "drained the first two")
  @Outcome(id = "3, 1", expect = ACCEPTABLE, desc = "drained all three")
  @Outcome(expect = FORBIDDEN, desc = "out of order, or a later element without an earlier one")
  @State
  public static class ConsumerSeesAPrefixInOrder {
    private final MpscRing<Integer> ring = new MpscRing<>(4);

    @Actor
    public void producer() {
      ring.offer(1);
      ring.offer(2);
      ring.offer(3);
    }

    @Actor
    public void consumer(II_Result r) {
      Object[] batch = new Object[4];
      int n = ring.drain(batch);
      r.r1 = n;
      r.r2 = 1;
      for (int i = 0; i < n; i++) {
        if (!Integer.valueOf(i + 1).equals(batch[i])) {
          r.r2 = 0;
        }
      }
    }
  }

  /**
   * A full ring: the consumer frees both slots while the producer offers into the next lap. The
   * consumer must read the old elements (never one the producer wrote over them), and the
   * producer's element, if accepted, comes out after them. r1: what the consumer took first; r2:
   * how many elements came out in all, counting the arbiter's drain (negative if out of order).
   */
  @JCStressTest
  @Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "the producer found the ring full")
  @Outcome(id = "1, 3", expect = ACCEPTABLE, desc = "the producer used a freed slot")
  @Outcome(expect = FORBIDDEN, desc = "an element overwritten before it was read, or lost")
  @State
  public static class SlotReusedOnlyAfterTheConsumerFreedIt {
    private final MpscRing<Integer> ring = new MpscRing<>(2);
    private final Object[] first = new Object[2];
    private volatile boolean accepted;

    public SlotReusedOnlyAfterTheConsumerFreedIt() {
      ring.offer(1);
      ring.offer(2);
    }

    @Actor
    public void producer() {
      accepted = ring.offer(3);
    }

    @Actor
    public void consumer(II_Result r) {
      int n = ring.drain(first);
      r.r1 = n == 0 ? 0 : (Integer) first[0]; // n is 2: the ring was full
      r.r2 = n;
    }

    @Arbiter
    public void rest(II_Result r) {
      Object[] rest = new Object[4];
      int m = ring.drain(rest);
      int total = r.r2 + m;
      // in order: 1, 2, then 3 if accepted
      Object[] all = new Object[total];
      for (int i = 0; i < r.r2; i++) {
        all[i] = first[i];
      }
      for (int i = 0; i < m; i++) {
        all[r.r2 + i] = rest[i];
      }
      boolean ordered = total == (accepted ? 3 : 2);
      for (int i = 0; i < total && ordered; i++) {
        ordered = Integer.valueOf(i + 1).equals(all[i]);
      }
      r.r2 = ordered ? total : -total;
    }
  }
}
