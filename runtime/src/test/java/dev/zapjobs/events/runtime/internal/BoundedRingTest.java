package dev.zapjobs.events.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoundedRingTest {

  @Test
  void shouldReturnElementsInFifoOrder() {
    BoundedRing<Integer> ring = new BoundedRing<>(8);
    for (int i = 0; i < 5; i++) {
      assertThat(ring.offer(i)).isTrue();
    }
    assertThat(ring.size()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      assertThat(ring.poll()).isEqualTo(i);
    }
    assertThat(ring.poll()).isNull();
  }

  @Test
  void shouldKeepFifoOrderAcrossManyLaps() {
    BoundedRing<Integer> ring = new BoundedRing<>(4);
    int next = 0;
    int expected = 0;
    for (int lap = 0; lap < 1000; lap++) {
      while (ring.offer(next)) {
        next++;
      }
      for (int i = 0; i < 3; i++) { // take fewer than we put, so the positions drift
        assertThat(ring.poll()).isEqualTo(expected++);
      }
    }
    Integer e;
    while ((e = ring.poll()) != null) {
      assertThat(e).isEqualTo(expected++);
    }
    assertThat(expected).isEqualTo(next);
    assertThat(ring.produced()).isEqualTo(next);
    assertThat(ring.consumed()).isEqualTo(next);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"2, 2", "3, 4", "4, 4", "5, 8", "1000, 1024", "1024, 1024", "1025, 2048"})
  void shouldRoundTheCapacityUpToAPowerOfTwo(int requested, int expected) {
    BoundedRing<String> ring = new BoundedRing<>(requested);

    assertThat(ring.capacity()).isEqualTo(expected);
    int accepted = 0;
    while (ring.offer("x")) {
      accepted++;
    }
    assertThat(accepted).isEqualTo(expected);
  }

  @Test
  void shouldRejectCapacitiesOutOfRange() {
    assertThatThrownBy(() -> new BoundedRing<>(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity");
    assertThatThrownBy(() -> new BoundedRing<>((1 << 30) + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity");
  }

  @Test
  void shouldRefuseWhenFullWithoutChangingAnything() {
    BoundedRing<Integer> ring = new BoundedRing<>(4);
    for (int i = 0; i < 4; i++) {
      ring.offer(i);
    }

    assertThat(ring.offer(99)).isFalse();

    assertThat(ring.size()).isEqualTo(4);
    assertThat(ring.produced()).isEqualTo(4);
    assertThat(ring.poll()).isZero();
    assertThat(ring.offer(4)).isTrue(); // one slot free again
    assertThat(ring.offer(5)).isFalse();
    List<Integer> rest = new ArrayList<>();
    Integer e;
    while ((e = ring.poll()) != null) {
      rest.add(e);
    }
    assertThat(rest).containsExactly(1, 2, 3, 4);
  }

  @Test
  void shouldReportEmptyWhenNothingIsQueued() {
    BoundedRing<String> ring = new BoundedRing<>(2);
    assertThat(ring.isEmpty()).isTrue();
    assertThat(ring.size()).isZero();
    assertThat(ring.poll()).isNull();

    ring.offer("a");
    assertThat(ring.isEmpty()).isFalse();
    ring.poll();

    assertThat(ring.isEmpty()).isTrue();
    assertThat(ring.poll()).isNull();
  }

  @Test
  void shouldConserveEveryElementWithFourProducersAndTwoConsumers() throws Exception {
    int producers = 4;
    int consumers = 2;
    int perProducer = 50_000;
    BoundedRing<Integer> ring = new BoundedRing<>(64); // small: producers often find it full
    ExecutorService pool = Executors.newFixedThreadPool(producers + consumers);
    CyclicBarrier start = new CyclicBarrier(producers + consumers);
    AtomicInteger producersLeft = new AtomicInteger(producers);
    AtomicBoolean orderBroken = new AtomicBoolean();
    try {
      List<Future<BitSet>> taken = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int base = p * perProducer;
        pool.submit(
            () -> {
              start.await();
              for (int i = 0; i < perProducer; i++) {
                while (!ring.offer(base + i)) {
                  Thread.yield(); // more threads than cores: let the others run
                }
              }
              producersLeft.decrementAndGet();
              return null;
            });
      }
      for (int c = 0; c < consumers; c++) {
        taken.add(
            pool.submit(
                () -> {
                  BitSet seen = new BitSet(producers * perProducer);
                  int[] lastPerProducer = new int[producers];
                  Arrays.fill(lastPerProducer, -1);
                  start.await();
                  while (true) {
                    Integer e = ring.poll();
                    if (e == null) {
                      if (producersLeft.get() == 0 && ring.isEmpty()) {
                        return seen;
                      }
                      Thread.yield(); // more threads than cores: let the others run
                      continue;
                    }
                    if (seen.get(e)) {
                      throw new AssertionError("element taken twice: " + e);
                    }
                    seen.set(e);
                    int producer = e / perProducer;
                    // each producer's elements leave the ring in its order, as seen by one consumer
                    if (e <= lastPerProducer[producer]) {
                      orderBroken.set(true);
                    }
                    lastPerProducer[producer] = e;
                  }
                }));
      }
      BitSet all = new BitSet(producers * perProducer);
      long count = 0;
      for (Future<BitSet> f : taken) {
        BitSet seen = f.get(50, TimeUnit.SECONDS);
        assertThat(all.intersects(seen)).as("taken by two consumers").isFalse();
        all.or(seen);
        count += seen.cardinality();
      }
      assertThat(count).isEqualTo((long) producers * perProducer);
      assertThat(all.nextClearBit(0)).isEqualTo(producers * perProducer);
      assertThat(orderBroken).isFalse();
      assertThat(ring.produced()).isEqualTo((long) producers * perProducer);
      assertThat(ring.consumed()).isEqualTo(ring.produced());
      assertThat(ring.isEmpty()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }
}
