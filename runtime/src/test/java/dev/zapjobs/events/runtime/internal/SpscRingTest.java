package dev.zapjobs.events.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A DROP_NEWEST handler queue: one producer, one consumer. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpscRingTest {

  @Test
  void shouldFillToCapacity_thenRefuse_andWrapAround() {
    SpscRing<Integer> ring = new SpscRing<>(4);
    for (int lap = 0; lap < 3; lap++) {
      for (int i = 0; i < 4; i++) {
        assertThat(ring.offer(lap * 10 + i)).isTrue();
      }
      assertThat(ring.offer(-1)).isFalse();
      assertThat(ring.size()).isEqualTo(4);
      for (int i = 0; i < 4; i++) {
        assertThat(ring.poll()).isEqualTo(lap * 10 + i);
      }
      assertThat(ring.poll()).isNull();
      assertThat(ring.isEmpty()).isTrue();
    }
  }

  @Test
  void bulkOffer_takesWhatFits_inOrder_andWrapsAround() {
    SpscRing<Integer> ring = new SpscRing<>(8);
    Object[] five = {0, 1, 2, 3, 4};
    assertThat(ring.offerAll(five, 5)).isEqualTo(5);
    assertThat(ring.offerAll(five, 5)).isEqualTo(3); // room for 3 of 5
    assertThat(ring.offerAll(five, 5)).isZero();
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      out.add(ring.poll());
    }
    assertThat(out).containsExactly(0, 1, 2, 3, 4, 0);
    assertThat(ring.offerAll(five, 4)).isEqualTo(4); // wraps past the end
    List<Integer> rest = new ArrayList<>();
    for (Integer e; (e = ring.poll()) != null; ) {
      rest.add(e);
    }
    assertThat(rest).containsExactly(1, 2, 0, 1, 2, 3);
    assertThat(ring.offerAll(five, 0)).isZero();
  }

  @Test
  void bulkOffer_withOneConsumer_losesDuplicatesAndReordersNothing() throws Exception {
    int n = 400_000;
    SpscRing<Long> ring = new SpscRing<>(64);
    AtomicBoolean wrong = new AtomicBoolean();
    CyclicBarrier start = new CyclicBarrier(2);
    Thread consumer =
        new Thread(
            () -> {
              MpscRingTest.await(start);
              long expected = 0;
              while (expected < n) {
                Long v = ring.poll();
                if (v != null) {
                  if (v != expected) {
                    wrong.set(true);
                  }
                  expected++;
                }
              }
            });
    consumer.setDaemon(true);
    consumer.start();
    MpscRingTest.await(start);
    Object[] chunk = new Object[37]; // not a divisor of the capacity: runs wrap at every offset
    long next = 0;
    while (next < n) {
      int m = (int) Math.min(chunk.length, n - next);
      for (int i = 0; i < m; i++) {
        chunk[i] = next + i;
      }
      int put = ring.offerAll(chunk, m);
      next += put; // the rest is offered again, as the first of the next chunk
      if (put == 0) {
        Thread.onSpinWait();
      }
    }
    consumer.join();
    assertThat(wrong).isFalse();
    assertThat(ring.isEmpty()).isTrue();
  }
}
