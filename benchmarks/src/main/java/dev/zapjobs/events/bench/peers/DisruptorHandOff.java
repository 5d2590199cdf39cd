package dev.zapjobs.events.bench.peers;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.zapjobs.events.JobEvent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The hand-off limit: an LMAX Disruptor ring (multi-producer) with one consumer that fans out to
 * the handlers. {@code tryPublishEvent}: a full ring drops and counts.
 */
final class DisruptorHandOff implements Design {

  /** A ring slot. */
  static final class Slot {
    JobEvent event;
  }

  private static final EventTranslatorOneArg<Slot, JobEvent> PUT = (slot, seq, e) -> slot.event = e;

  private final Disruptor<Slot> disruptor;
  private final RingBuffer<Slot> ring;
  private final LongAdder dropped = new LongAdder();
  private final int handlerCount;

  DisruptorHandOff(int handlerCount, WaitStrategy waitStrategy, String name) {
    this.handlerCount = handlerCount;
    Consumer<JobEvent>[] handlers = Handlers.first(handlerCount);
    disruptor =
        new Disruptor<>(
            Slot::new,
            Handlers.QUEUE_CAPACITY,
            Handlers.daemonThreads(name),
            ProducerType.MULTI,
            waitStrategy);
    disruptor.handleEventsWith(
        (slot, sequence, endOfBatch) -> {
          JobEvent event = slot.event;
          slot.event = null;
          Handlers.fanOut(handlers, event);
        });
    ring = disruptor.start();
  }

  @Override
  public void publish(JobEvent event) {
    if (!ring.tryPublishEvent(PUT, event)) {
      dropped.increment();
    }
  }

  @Override
  public long lostDeliveries() {
    return dropped.sum() * handlerCount;
  }

  @Override
  public void close() {
    try {
      disruptor.shutdown(5, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      disruptor.halt();
    }
  }
}
