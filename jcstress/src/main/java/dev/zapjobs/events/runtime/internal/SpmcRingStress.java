package dev.zapjobs.events.runtime.internal;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIZ_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * {@link SpmcRing}: one producer, competing consumers — the DROP_OLDEST queue, where the handler's
 * drain task takes and the admitting side evicts.
 */
public final class SpmcRingStress {
  private SpmcRingStress() {}

  /** Two consumers poll one element: exactly one of them gets it. */
  @JCStressTest
  @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the first consumer took it")
  @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the second consumer took it")
  @Outcome(expect = FORBIDDEN, desc = "taken twice, or by nobody")
  @State
  public static class ConsumersNeverTakeTheSameElement {
    private final SpmcRing<Integer> ring = new SpmcRing<>(2);

    public ConsumersNeverTakeTheSameElement() {
      ring.offer(1);
    }

    @Actor
    public void consumer1(II_Result r) {
      Integer e = ring.poll();
      r.r1 = e == null ? 0 : e;
    }

    @Actor
    public void consumer2(II_Result r) {
      Integer e = ring.poll();
      r.r2 = e == null ? 0 : e;
    }
  }

  /**
   * A full ring: the producer evicts the oldest to add a new element while the consumer takes the
   * oldest. Every element ends exactly once — taken, evicted, or still queued — and the new one is
   * either added or (when the only slot it could use was still being freed) handed back. r1: what
   * the consumer took; r2: what was evicted (0: nothing); r3: whether the new element was added.
   */
  @JCStressTest
  @Outcome(id = "1, 2, true", expect = ACCEPTABLE, desc = "consumer took 1, producer evicted 2")
  @Outcome(id = "2, 1, true", expect = ACCEPTABLE, desc = "producer evicted 1, consumer took 2")
  @Outcome(id = "1, 0, true", expect = ACCEPTABLE, desc = "consumer freed a slot first")
  @Outcome(id = "1, 0, false", expect = ACCEPTABLE, desc = "the freed slot was not ready yet")
  @Outcome(id = "1, 2, false", expect = ACCEPTABLE, desc = "evicted, then no room ready yet")
  @Outcome(expect = FORBIDDEN, desc = "an element lost or seen twice")
  @State
  public static class EvictionRacesWithTheConsumer {
    private final SpmcRing<Integer> ring = new SpmcRing<>(2);
    private final List<Integer> evicted = new ArrayList<>(2);

    public EvictionRacesWithTheConsumer() {
      ring.offer(1);
      ring.offer(2);
    }

    @Actor
    public void producer(IIZ_Result r) {
      r.r3 = ring.offerEvictingOldest(3, 64, evicted::add);
      r.r2 = evicted.isEmpty() ? 0 : evicted.get(0);
      if (evicted.size() > 1) {
        r.r2 = -1; // at most one eviction per call
      }
    }

    @Actor
    public void consumer(IIZ_Result r) {
      Integer e = ring.poll();
      r.r1 = e == null ? 0 : e;
    }

    @Arbiter
    public void rest(IIZ_Result r) {
      List<Integer> seen = new ArrayList<>();
      seen.add(r.r1);
      if (r.r2 != 0) {
        seen.add(r.r2);
      }
      for (Integer e; (e = ring.poll()) != null; ) {
        seen.add(e);
      }
      List<Integer> expected = new ArrayList<>(List.of(1, 2));
      if (r.r3) {
        expected.add(3);
      }
      seen.sort(null);
      if (!seen.equals(expected)) {
        r.r1 = -1;
      }
    }
  }
}
