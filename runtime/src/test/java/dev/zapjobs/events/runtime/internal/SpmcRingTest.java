package dev.zapjobs.events.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A DROP_OLDEST handler queue: one producer, competing consumers (the drain task, evictions). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpmcRingTest {

  @Test
  void shouldFillToCapacity_thenRefuse_andWrapAround() {
    SpmcRing<Integer> ring = new SpmcRing<>(4);
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
  void shouldEvictTheOldestToMakeRoom() {
    SpmcRing<Integer> ring = new SpmcRing<>(4);
    List<Integer> evicted = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      assertThat(ring.offerEvictingOldest(i, 8, evicted::add)).isTrue();
    }
    assertThat(evicted).containsExactly(0, 1);
    List<Integer> rest = new ArrayList<>();
    for (Integer e; (e = ring.poll()) != null; ) {
      rest.add(e);
    }
    assertThat(rest).containsExactly(2, 3, 4, 5);
  }

  @Test
  void singleProducer_withTwoCompetingConsumers_losesAndDuplicatesNothing() throws Exception {
    int n = 400_000;
    SpmcRing<Long> ring = new SpmcRing<>(64);
    AtomicLong sum = new AtomicLong();
    AtomicLong count = new AtomicLong();
    AtomicBoolean outOfOrder = new AtomicBoolean();
    CyclicBarrier start = new CyclicBarrier(3);
    List<Thread> consumers = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      Thread t =
          new Thread(
              () -> {
                MpscRingTest.await(start);
                long last = -1;
                while (count.get() < n) {
                  Long v = ring.poll();
                  if (v != null) {
                    if (v <= last) {
                      outOfOrder.set(true); // each consumer must see increasing values
                    }
                    last = v;
                    sum.addAndGet(v);
                    count.incrementAndGet();
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      consumers.add(t);
    }
    MpscRingTest.await(start);
    for (long i = 0; i < n; i++) {
      while (!ring.offer(i)) {
        Thread.onSpinWait();
      }
    }
    for (Thread t : consumers) {
      t.join();
    }
    assertThat(count.get()).isEqualTo(n);
    assertThat(outOfOrder).isFalse();
    assertThat(sum.get()).isEqualTo((long) n * (n - 1) / 2);
  }
}
