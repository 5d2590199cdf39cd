package dev.zapjobs.events.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code DROP_OLDEST} on the admitting side never waits for a drain task paused in the middle of
 * taking an event: the arriving event is held back (never dropped: it is the newest), and goes into
 * the queue once the slot is free.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DropOldestTest {

  @Test
  void shouldGiveUpAfterBoundedSpinsWhenTheOnlyFreeSlotIsStillBeingTaken() {
    SpmcRing<Integer> ring = full(4);
    long paused = ring.claimHead(); // a consumer descheduled between claiming and freeing a slot
    List<Integer> evicted = new ArrayList<>();

    // Before: spun until that consumer ran again, stalling every other handler meanwhile.
    boolean added = ring.offerEvictingOldest(99, 1_000, evicted::add);

    assertThat(added).isFalse();
    assertThat(evicted).isEmpty(); // the queue is not full: nothing to evict
    assertThat(ring.takeClaimed(paused)).isZero();
    assertThat(ring.offerEvictingOldest(99, 1_000, evicted::add)).isTrue();
    assertThat(drain(ring)).containsExactly(1, 2, 3, 99);
  }

  @Test
  void shouldEvictTheOldestWhenFull() {
    SpmcRing<Object> ring = fullOfObjects(4);
    List<Object> evicted = new ArrayList<>();
    DropOldest policy = new DropOldest(evicted::add);

    policy.offer(ring, 4);
    policy.offer(ring, 5);

    assertThat(evicted).containsExactly(0, 1);
    assertThat(policy.isHolding()).isFalse();
    assertThat(drainObjects(ring)).containsExactly(2, 3, 4, 5);
  }

  @Test
  void shouldHoldTheNewestBackWhileTheSlotIsBeingTaken_thenQueueItInOrder() {
    SpmcRing<Object> ring = fullOfObjects(4);
    List<Object> evicted = new ArrayList<>();
    DropOldest policy = new DropOldest(evicted::add);
    long paused = ring.claimHead(); // takes 0, slot not yet free

    policy.offer(ring, 4); // no room and nothing to evict: held back
    assertThat(policy.isHolding()).isTrue();
    policy.offer(ring, 5); // still no room: 4 (older than 5) is evicted in its place
    assertThat(evicted).containsExactly(4);
    assertThat(policy.flush(ring)).isFalse();

    assertThat(ring.takeClaimed(paused)).isEqualTo(0); // the consumer runs again
    assertThat(policy.flush(ring)).isTrue();

    assertThat(policy.isHolding()).isFalse();
    assertThat(drainObjects(ring)).containsExactly(1, 2, 3, 5);
    assertThat(evicted).containsExactly(4);
  }

  @Test
  void shouldQueueAnArrivingEventAfterTheHeldBackOneOnceThereIsRoom() {
    SpmcRing<Object> ring = fullOfObjects(4);
    List<Object> evicted = new ArrayList<>();
    DropOldest policy = new DropOldest(evicted::add);
    long paused = ring.claimHead();
    policy.offer(ring, 4); // held back
    ring.takeClaimed(paused);

    policy.offer(ring, 5); // the held-back 4 goes first, then 5 evicts the oldest (1)

    assertThat(policy.isHolding()).isFalse();
    assertThat(evicted).containsExactly(1);
    assertThat(drainObjects(ring)).containsExactly(2, 3, 4, 5);
  }

  private static SpmcRing<Integer> full(int capacity) {
    SpmcRing<Integer> ring = new SpmcRing<>(capacity);
    for (int i = 0; i < capacity; i++) {
      assertThat(ring.offer(i)).isTrue();
    }
    return ring;
  }

  private static SpmcRing<Object> fullOfObjects(int capacity) {
    SpmcRing<Object> ring = new SpmcRing<>(capacity);
    for (int i = 0; i < capacity; i++) {
      assertThat(ring.offer(i)).isTrue();
    }
    return ring;
  }

  private static List<Integer> drain(SpmcRing<Integer> ring) {
    List<Integer> out = new ArrayList<>();
    for (Integer e; (e = ring.poll()) != null; ) {
      out.add(e);
    }
    return out;
  }

  private static List<Object> drainObjects(SpmcRing<Object> ring) {
    List<Object> out = new ArrayList<>();
    for (Object e; (e = ring.poll()) != null; ) {
      out.add(e);
    }
    return out;
  }
}
