package dev.zapjobs.events.runtime.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.IZ_Result;

/** {@link SpscRing}: one producer, one consumer; slots written plainly, published by tail. */
public final class SpscRingStress {
  private SpscRingStress() {}

  /**
   * A bulk offer is published at once: a consumer polling meanwhile sees nothing, or the elements
   * in order, never a slot that was claimed but is not written yet (null or stale). r1: how many
   * the consumer took in three polls; r2: 1 if they were 1, 2, 3 in order.
   */
  @JCStressTest
  @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "polled before the offer was published")
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "published between the first two polls")
  @Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "published between the last two polls")
  @Outcome(id = "3, 1", expect = ACCEPTABLE, desc = "published before the first poll")
  @Outcome(expect = FORBIDDEN, desc = "an element out of order, or an unwritten slot read")
  @State
  public static class BulkOfferIsSeenWholeAndInOrder {
    private final SpscRing<Integer> ring = new SpscRing<>(4);
    private final Object[] three = {1, 2, 3};

    @Actor
    public void producer() {
      ring.offerAll(three, 3);
    }

    @Actor
    public void consumer(II_Result r) {
      int n = 0;
      boolean ordered = true;
      for (int i = 0; i < 3; i++) {
        Integer e = ring.poll();
        if (e != null) {
          n++;
          ordered &= e == n;
        }
      }
      r.r1 = n;
      r.r2 = ordered ? 1 : 0;
    }
  }

  /**
   * A full ring: the consumer takes the oldest while the producer offers into the next lap. The
   * consumer must read the old element, never the new one written over it; the new one is accepted
   * only into a freed slot. r1: what the consumer took; r2: whether the producer's offer went in.
   */
  @JCStressTest
  @Outcome(id = "1, true", expect = ACCEPTABLE, desc = "the slot was freed, then reused")
  @Outcome(id = "1, false", expect = ACCEPTABLE, desc = "the producer found the ring full")
  @Outcome(expect = FORBIDDEN, desc = "the consumer read an element written over the oldest")
  @State
  public static class SlotReusedOnlyAfterTheConsumerFreedIt {
    private final SpscRing<Integer> ring = new SpscRing<>(2);

    public SlotReusedOnlyAfterTheConsumerFreedIt() {
      ring.offer(1);
      ring.offer(2);
    }

    @Actor
    public void producer(IZ_Result r) {
      r.r2 = ring.offer(3);
    }

    @Actor
    public void consumer(IZ_Result r) {
      Integer e = ring.poll();
      r.r1 = e == null ? 0 : e;
    }

    @Arbiter
    public void rest(IZ_Result r) {
      // 2, then 3 if it was accepted: anything else is lost or reordered
      Integer second = ring.poll();
      Integer third = ring.poll();
      boolean ok =
          second != null && second == 2 && (r.r2 ? third != null && third == 3 : third == null);
      if (!ok) {
        r.r1 = -1;
      }
    }
  }
}
