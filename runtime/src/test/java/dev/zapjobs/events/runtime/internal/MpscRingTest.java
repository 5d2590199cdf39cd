package dev.zapjobs.events.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The intake ring: any number of producers, one consumer that drains in batches. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MpscRingTest {

  @Test
  void shouldFillToCapacity_refuseWithoutChangingAnything_andWrapAround() {
    MpscRing<Integer> ring = new MpscRing<>(4);
    Object[] batch = new Object[8];
    int next = 0;
    for (int lap = 0; lap < 5; lap++) {
      int first = next;
      while (ring.offer(next)) {
        next++;
      }
      assertThat(next - first).isEqualTo(4);
      assertThat(ring.isFull()).isTrue();
      assertThat(ring.produced()).isEqualTo(next);
      assertThat(ring.drain(batch)).isEqualTo(4);
      assertThat(Arrays.copyOf(batch, 4)).containsExactly(first, first + 1, first + 2, first + 3);
      assertThat(ring.isEmpty()).isTrue();
      assertThat(ring.consumed()).isEqualTo(next);
    }
    assertThat(ring.drain(batch)).isZero();
  }

  @Test
  void drain_takesAtMostItsBatch_andFreesExactlyThoseSlots() {
    MpscRing<Integer> ring = new MpscRing<>(8);
    for (int i = 0; i < 8; i++) {
      ring.offer(i);
    }
    Object[] batch = new Object[5];
    assertThat(ring.drain(batch)).isEqualTo(5);
    assertThat(batch).containsExactly(0, 1, 2, 3, 4);
    for (int i = 8; i < 13; i++) {
      assertThat(ring.offer(i)).isTrue(); // the five freed slots are usable again
    }
    assertThat(ring.offer(99)).isFalse();
    Object[] rest = new Object[16];
    assertThat(ring.drain(rest)).isEqualTo(8);
    assertThat(Arrays.copyOf(rest, 8)).containsExactly(5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(ring.drain(rest)).isZero();
  }

  @Test
  void competingProducers_withDrainingConsumer_loseNothingAndKeepEachProducersOrder()
      throws Exception {
    int perProducer = 200_000;
    MpscRing<long[]> ring = new MpscRing<>(64); // small: producers often find it full
    CyclicBarrier start = new CyclicBarrier(3);
    for (int p = 0; p < 2; p++) {
      long producer = p;
      Thread t =
          new Thread(
              () -> {
                await(start);
                for (long i = 0; i < perProducer; i++) {
                  long[] item = {producer, i};
                  while (!ring.offer(item)) {
                    Thread.onSpinWait();
                  }
                }
              });
      t.setDaemon(true);
      t.start();
    }
    await(start);
    long[] next = new long[2];
    int received = 0;
    Object[] batch = new Object[16];
    while (received < 2 * perProducer) {
      int n = ring.drain(batch);
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

  static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
