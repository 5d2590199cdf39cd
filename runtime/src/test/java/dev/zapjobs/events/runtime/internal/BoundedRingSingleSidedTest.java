package dev.zapjobs.events.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The CAS-free sides of {@link BoundedRing}: one producer with competing consumers (a handler
 * queue: the dispatcher thread offers, the drain task and an evicting dispatcher poll), and
 * competing producers with one consumer (the intake).
 */
class BoundedRingSingleSidedTest {

  @Test
  void singleProducer_fillsToCapacity_thenRefuses_andWrapsAround() {
    BoundedRing<Integer> ring = new BoundedRing<>(4);
    for (int lap = 0; lap < 3; lap++) {
      for (int i = 0; i < 4; i++) {
        assertThat(ring.offerSingleProducer(lap * 10 + i)).isTrue();
      }
      assertThat(ring.offerSingleProducer(-1)).isFalse();
      for (int i = 0; i < 4; i++) {
        assertThat(ring.pollSingleConsumer()).isEqualTo(lap * 10 + i);
      }
      assertThat(ring.pollSingleConsumer()).isNull();
      assertThat(ring.isEmpty()).isTrue();
    }
  }

  @Test
  void bulkOffer_takesWhatFits_inOrder_andWrapsAround() {
    BoundedRing<Integer> ring = new BoundedRing<>(8);
    Object[] five = {0, 1, 2, 3, 4};
    assertThat(ring.offerAllSingleProducer(five, 5)).isEqualTo(5);
    assertThat(ring.offerAllSingleProducer(five, 5)).isEqualTo(3); // room for 3 of 5
    assertThat(ring.offerAllSingleProducer(five, 5)).isZero();
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      out.add(ring.pollSingleConsumer());
    }
    assertThat(out).containsExactly(0, 1, 2, 3, 4, 0);
    assertThat(ring.offerAllSingleProducer(five, 4)).isEqualTo(4); // wraps past the end
    Object[] drained = new Object[16];
    assertThat(ring.drainSingleConsumer(drained)).isEqualTo(6);
    assertThat(drained).startsWith(1, 2, 0, 1, 2, 3);
    assertThat(ring.isEmpty()).isTrue();
    assertThat(ring.offerAllSingleProducer(five, 0)).isZero();
  }

  @Test
  void bulkOffer_withOneConsumer_losesDuplicatesAndReordersNothing() throws Exception {
    int n = 400_000;
    BoundedRing<Long> ring = new BoundedRing<>(64);
    AtomicBoolean wrong = new AtomicBoolean();
    CyclicBarrier start = new CyclicBarrier(2);
    Thread consumer =
        new Thread(
            () -> {
              await(start);
              long expected = 0;
              while (expected < n) {
                Long v = ring.pollSingleConsumer();
                if (v != null) {
                  if (v != expected) {
                    wrong.set(true);
                  }
                  expected++;
                }
              }
            });
    consumer.start();
    await(start);
    Object[] chunk = new Object[37]; // not a divisor of the capacity: runs wrap at every offset
    long next = 0;
    while (next < n) {
      int m = (int) Math.min(chunk.length, n - next);
      for (int i = 0; i < m; i++) {
        chunk[i] = next + i;
      }
      int put = ring.offerAllSingleProducer(chunk, m);
      next += put; // the rest is offered again, as the first of the next chunk
      if (put == 0) {
        Thread.onSpinWait();
      }
    }
    consumer.join();
    assertThat(wrong).isFalse();
    assertThat(ring.isEmpty()).isTrue();
  }

  @Test
  void singleProducer_withTwoCompetingConsumers_losesAndDuplicatesNothing() throws Exception {
    int n = 400_000;
    BoundedRing<Long> ring = new BoundedRing<>(64);
    AtomicLong sum = new AtomicLong();
    AtomicLong count = new AtomicLong();
    AtomicBoolean outOfOrder = new AtomicBoolean();
    CyclicBarrier start = new CyclicBarrier(3);
    List<Thread> consumers = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      Thread t =
          new Thread(
              () -> {
                await(start);
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
      t.start();
      consumers.add(t);
    }
    await(start);
    for (long i = 0; i < n; i++) {
      while (!ring.offerSingleProducer(i)) {
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

  @Test
  void competingProducers_withSingleConsumer_keepEachProducersOrder() throws Exception {
    int perProducer = 200_000;
    BoundedRing<long[]> ring = new BoundedRing<>(128);
    CyclicBarrier start = new CyclicBarrier(3);
    for (int p = 0; p < 2; p++) {
      long producer = p;
      new Thread(
              () -> {
                await(start);
                for (long i = 0; i < perProducer; i++) {
                  long[] item = {producer, i};
                  while (!ring.offer(item)) {
                    Thread.onSpinWait();
                  }
                }
              })
          .start();
    }
    await(start);
    long[] next = new long[2];
    int received = 0;
    while (received < 2 * perProducer) {
      long[] item = ring.pollSingleConsumer();
      if (item != null) {
        assertThat(item[1]).isEqualTo(next[(int) item[0]]);
        next[(int) item[0]]++;
        received++;
      }
    }
    assertThat(next).containsExactly(perProducer, perProducer);
    assertThat(ring.pollSingleConsumer()).isNull();
  }

  @Test
  void drain_takesTheReadablePrefixInOrder_andFreesItsSlots() {
    BoundedRing<Integer> ring = new BoundedRing<>(8);
    for (int i = 0; i < 8; i++) {
      ring.offer(i);
    }
    Object[] batch = new Object[5];
    assertThat(ring.drainSingleConsumer(batch)).isEqualTo(5);
    assertThat(batch).containsExactly(0, 1, 2, 3, 4);
    for (int i = 8; i < 13; i++) {
      assertThat(ring.offer(i)).isTrue(); // the five freed slots are usable again
    }
    assertThat(ring.offer(99)).isFalse();
    Object[] rest = new Object[16];
    assertThat(ring.drainSingleConsumer(rest)).isEqualTo(8);
    assertThat(java.util.Arrays.copyOf(rest, 8)).containsExactly(5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(ring.drainSingleConsumer(rest)).isZero();
    assertThat(ring.isEmpty()).isTrue();
  }

  @Test
  void competingProducers_withDrainingConsumer_loseNothingAndKeepEachProducersOrder()
      throws Exception {
    int perProducer = 200_000;
    BoundedRing<long[]> ring = new BoundedRing<>(64);
    CyclicBarrier start = new CyclicBarrier(3);
    for (int p = 0; p < 2; p++) {
      long producer = p;
      new Thread(
              () -> {
                await(start);
                for (long i = 0; i < perProducer; i++) {
                  long[] item = {producer, i};
                  while (!ring.offer(item)) {
                    Thread.onSpinWait();
                  }
                }
              })
          .start();
    }
    await(start);
    long[] next = new long[2];
    int received = 0;
    Object[] batch = new Object[16];
    while (received < 2 * perProducer) {
      int n = ring.drainSingleConsumer(batch);
      for (int i = 0; i < n; i++) {
        long[] item = (long[]) batch[i];
        assertThat(item[1]).isEqualTo(next[(int) item[0]]);
        next[(int) item[0]]++;
      }
      received += n;
    }
    assertThat(next).containsExactly(perProducer, perProducer);
    assertThat(ring.isEmpty()).isTrue();
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
