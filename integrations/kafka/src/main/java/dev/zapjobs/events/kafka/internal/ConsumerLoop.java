package dev.zapjobs.events.kafka.internal;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.kafka.EventDecodingException;
import dev.zapjobs.events.kafka.JobEventCodec;
import dev.zapjobs.events.kafka.SourceStats;
import dev.zapjobs.events.kafka.TraceContextHeaders;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source's poll thread: the only thread that touches the consumer. Per partition it publishes
 * the records in offset order, remembers each one's {@link Settlements.Tracker}, and commits the
 * offset after the longest prefix whose events every handler has settled.
 *
 * <p>Back-pressure: at most {@code maxInFlight} published events are unsettled at any time. When
 * the bound is reached every assigned partition is paused (the consumer keeps polling, so it stays
 * in the group, but fetches nothing); a partition whose fetched records could not all be published
 * yet stays paused until they are. Nothing is dropped to make room.
 *
 * <p>Rebalances: before a partition is revoked, the loop waits (up to {@code revokeTimeout}) for
 * its published events to settle, commits what settled, and forgets the rest (counted as abandoned:
 * the next owner delivers them again). Records fetched but not yet published are discarded (not
 * committed, so not lost).
 */
public final class ConsumerLoop implements Runnable, ConsumerRebalanceListener {
  private static final Logger LOG = LoggerFactory.getLogger("dev.zapjobs.events.kafka.KafkaSource");
  private static final Duration POLL = Duration.ofMillis(100);

  private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
  private final String topic;
  private final JobEventDispatcher dispatcher;
  private final Settlements settlements;
  private final TraceContextHeaders traceHeaders;
  private final int maxInFlight;
  private final long commitIntervalNanos;
  private final long revokeTimeoutNanos;

  private Consumer<byte[], byte[]> consumer; // poll thread only, once started
  private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
  private long lastCommitNanos = System.nanoTime();
  private volatile boolean pausedForBackPressure;
  private volatile boolean running = true;
  private volatile long closeDeadlineNanos;
  private final CountDownLatch started = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile RuntimeException failure;

  private final AtomicLong received = new AtomicLong();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong undecodable = new AtomicLong();
  private final AtomicLong buffered = new AtomicLong();
  private final AtomicLong discarded = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();
  private final AtomicLong offsetsCommitted = new AtomicLong();
  private final AtomicLong commitFailures = new AtomicLong();
  private final AtomicLong backPressurePauses = new AtomicLong();
  private final AtomicLong partitionsRevoked = new AtomicLong();
  private final RateLimitedLog undecodableLog = new RateLimitedLog(1, TimeUnit.SECONDS);

  /** One assigned partition. Poll thread only. */
  private static final class PartitionState {
    final TopicPartition partition;
    final ArrayDeque<ConsumerRecord<byte[], byte[]>> fetched = new ArrayDeque<>();
    final ArrayDeque<Published> inFlight = new ArrayDeque<>();
    long committable = -1; // the offset to commit: after the last settled prefix
    long committed = -1; // the last offset committed while we own the partition
    boolean paused;

    PartitionState(TopicPartition partition) {
      this.partition = partition;
    }
  }

  private record Published(JobEvent event, Settlements.Tracker tracker) {}

  public ConsumerLoop(
      Supplier<Consumer<byte[], byte[]>> consumerFactory,
      String topic,
      JobEventDispatcher dispatcher,
      Settlements settlements,
      TraceContextHeaders traceHeaders,
      int maxInFlight,
      Duration commitInterval,
      Duration revokeTimeout) {
    this.consumerFactory = consumerFactory;
    this.topic = topic;
    this.dispatcher = dispatcher;
    this.settlements = settlements;
    this.traceHeaders = traceHeaders;
    this.maxInFlight = maxInFlight;
    this.commitIntervalNanos = commitInterval.toNanos();
    this.revokeTimeoutNanos = revokeTimeout.toNanos();
  }

  // ------------------------------------------------------------------------------- the loop

  @Override
  public void run() {
    try {
      consumer = consumerFactory.get();
      // wake the poll when the handlers made room again after a back-pressure pause
      Consumer<byte[], byte[]> c = consumer;
      settlements.whenRoom(
          maxInFlight / 2L,
          () -> {
            if (pausedForBackPressure) {
              c.wakeup();
            }
          });
      consumer.subscribe(List.of(topic), this);
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("KafkaSource could not start its consumer: {}", e.toString(), e);
      started.countDown();
      stopped.countDown();
      return;
    }
    started.countDown();
    try {
      while (running) {
        step();
      }
    } catch (RuntimeException e) {
      failure = e;
      LOG.error(
          "KafkaSource stopped consuming {} after an error it cannot recover from: {}. Events"
              + " published so far are settled and committed at close",
          topic,
          e.toString(),
          e);
    } finally {
      shutdown();
      stopped.countDown();
    }
  }

  private void step() {
    advanceCommits();
    publishFetched();
    updatePauses();
    maybeCommit(false);
    try {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        received.incrementAndGet();
        PartitionState p = partitions.get(new TopicPartition(r.topic(), r.partition()));
        if (p == null) { // cannot happen: records come only for assigned partitions
          discarded.incrementAndGet();
          continue;
        }
        p.fetched.add(r);
        buffered.incrementAndGet();
      }
    } catch (WakeupException e) {
      // woken to resume after back-pressure, or to stop
    } catch (RetriableException e) {
      LOG.warn("KafkaSource poll of {} failed, retrying: {}", topic, e.toString());
    } catch (KafkaException e) {
      if (running) {
        throw e;
      }
    }
    publishFetched();
  }

  /** Publishes fetched records, partition by partition in offset order, while there is room. */
  private void publishFetched() {
    boolean more = true;
    while (more && settlements.inFlight() < maxInFlight) {
      more = false;
      for (PartitionState p : partitions.values()) {
        for (int i = 0; i < 64 && !p.fetched.isEmpty(); i++) {
          if (settlements.inFlight() >= maxInFlight) {
            return;
          }
          publish(p, p.fetched.poll());
          buffered.decrementAndGet();
        }
        more |= !p.fetched.isEmpty();
      }
    }
  }

  private void publish(PartitionState p, ConsumerRecord<byte[], byte[]> record) {
    JobEvent event;
    try {
      event = JobEventCodec.decode(record.value());
    } catch (EventDecodingException e) {
      undecodable.incrementAndGet();
      long held = undecodableLog.tryAcquire();
      if (held >= 0) {
        LOG.warn(
            "KafkaSource skipped record {}-{}@{}: {}{}",
            record.topic(),
            record.partition(),
            record.offset(),
            e.getMessage(),
            held > 0 ? " (" + held + " more skipped in the last second)" : "");
      }
      p.inFlight.add(new Published(null, settlements.skipped(record.offset())));
      return;
    }
    if (dispatcher.isClosed()) {
      throw new IllegalStateException(
          "the dispatcher of the KafkaSource was closed before the source; close the source,"
              + " which closes its dispatcher");
    }
    Settlements.Tracker t =
        settlements.track(event, record.offset(), dispatcher.handlerCount(event));
    p.inFlight.add(new Published(event, t));
    published.incrementAndGet();
    TraceContextHeaders.Scope scope = null;
    if (traceHeaders != null) {
      try {
        scope = traceHeaders.extract(event, record.headers());
      } catch (RuntimeException e) {
        LOG.warn("TraceContextHeaders.extract failed; the event goes without its context", e);
      }
    }
    try {
      dispatcher.publish(event);
    } finally {
      if (scope != null) {
        try {
          scope.close();
        } catch (RuntimeException e) {
          LOG.warn("TraceContextHeaders scope failed to close", e);
        }
      }
    }
  }

  /** Moves each partition's committable offset past its settled prefix. */
  private void advanceCommits() {
    for (PartitionState p : partitions.values()) {
      advance(p);
    }
  }

  private static void advance(PartitionState p) {
    Published head;
    while ((head = p.inFlight.peek()) != null && head.tracker().isSettled()) {
      p.inFlight.poll();
      p.committable = head.tracker().offset() + 1;
    }
  }

  /**
   * Pauses every partition while the in-flight bound is reached, and a partition whose fetched
   * records are not all published yet; resumes the others.
   */
  private void updatePauses() {
    boolean full = settlements.inFlight() >= maxInFlight;
    if (full && !pausedForBackPressure) {
      backPressurePauses.incrementAndGet();
    }
    pausedForBackPressure = full;
    List<TopicPartition> pause = new ArrayList<>();
    List<TopicPartition> resume = new ArrayList<>();
    for (PartitionState p : partitions.values()) {
      boolean shouldPause = full || !p.fetched.isEmpty();
      if (shouldPause != p.paused) {
        (shouldPause ? pause : resume).add(p.partition);
        p.paused = shouldPause;
      }
    }
    if (!pause.isEmpty()) {
      consumer.pause(pause);
    }
    if (!resume.isEmpty()) {
      consumer.resume(resume);
    }
  }

  private void maybeCommit(boolean now) {
    if (!now && System.nanoTime() - lastCommitNanos < commitIntervalNanos) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = committable(partitions.values());
    if (offsets.isEmpty()) {
      return;
    }
    lastCommitNanos = System.nanoTime();
    consumer.commitAsync(
        offsets,
        (done, e) -> {
          if (e == null) {
            done.forEach(this::committed);
          } else {
            commitFailures.incrementAndGet();
            LOG.warn(
                "KafkaSource could not commit offsets {} (retried with the next): {}",
                offsets,
                e.toString());
          }
        });
  }

  private Map<TopicPartition, OffsetAndMetadata> committable(Collection<PartitionState> states) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionState p : states) {
      if (p.committable > p.committed) {
        offsets.put(p.partition, new OffsetAndMetadata(p.committable));
      }
    }
    return offsets;
  }

  private void commitNow(Collection<PartitionState> states) {
    Map<TopicPartition, OffsetAndMetadata> offsets = committable(states);
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets);
      offsets.forEach(this::committed);
    } catch (KafkaException e) {
      commitFailures.incrementAndGet();
      LOG.warn(
          "KafkaSource could not commit offsets {}: {}; their events will be delivered again by"
              + " the next owner",
          offsets,
          e.toString());
    }
  }

  private void committed(TopicPartition partition, OffsetAndMetadata offset) {
    PartitionState p = partitions.get(partition);
    if (p != null && offset.offset() > p.committed) {
      offsetsCommitted.addAndGet(offset.offset() - Math.max(p.committed, base(p, offset.offset())));
      p.committed = offset.offset();
    }
  }

  /** Where counting starts for a partition we have not committed yet: its first record. */
  private final Map<TopicPartition, Long> firstOffsets = new HashMap<>();

  private long base(PartitionState p, long fallback) {
    return firstOffsets.getOrDefault(p.partition, fallback);
  }

  // ------------------------------------------------------------------------- rebalances

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
    for (TopicPartition tp : assigned) {
      partitions.computeIfAbsent(tp, PartitionState::new);
      try {
        long position = consumer.position(tp);
        firstOffsets.put(tp, position);
      } catch (KafkaException e) {
        firstOffsets.remove(tp); // counted from the first commit then
      }
    }
    LOG.info("KafkaSource assigned {}", assigned);
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
    giveUp(revoked, true);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> lost) {
    giveUp(lost, false);
  }

  /**
   * Lets go of partitions: waits (if {@code orderly}) for their published events to settle and
   * commits what settled, then forgets the rest.
   */
  private void giveUp(Collection<TopicPartition> gone, boolean orderly) {
    List<PartitionState> states = new ArrayList<>();
    for (TopicPartition tp : gone) {
      PartitionState p = partitions.get(tp);
      if (p != null) {
        states.add(p);
        discarded.addAndGet(p.fetched.size());
        buffered.addAndGet(-p.fetched.size());
        p.fetched.clear();
      }
    }
    if (orderly) {
      long deadline = System.nanoTime() + revokeTimeoutNanos;
      if (!running) {
        deadline = Math.min(deadline, closeDeadlineNanos);
      }
      awaitSettled(states, deadline);
      commitNow(states);
    }
    for (PartitionState p : states) {
      for (Published left : p.inFlight) {
        if (left.event() != null && settlements.abandon(left.event(), left.tracker())) {
          abandoned.incrementAndGet();
        }
      }
      partitions.remove(p.partition);
      firstOffsets.remove(p.partition);
    }
    if (!states.isEmpty()) {
      partitionsRevoked.addAndGet(states.size());
      LOG.info("KafkaSource {} {}", orderly ? "released" : "lost", gone);
    }
  }

  private void awaitSettled(Collection<PartitionState> states, long deadlineNanos) {
    while (true) {
      boolean all = true;
      for (PartitionState p : states) {
        advance(p);
        all &= p.inFlight.isEmpty();
      }
      if (all || System.nanoTime() - deadlineNanos >= 0) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
    }
  }

  // ------------------------------------------------------------------------------- stopping

  /** Waits until the consumer is created and subscribed (or failed to be). */
  public void awaitStarted() throws InterruptedException {
    started.await();
  }

  /** The error that stopped the loop, or null. */
  public RuntimeException failure() {
    return failure;
  }

  /**
   * Stops fetching, waits until {@code deadlineNanos} for the published events to settle, commits,
   * and closes the consumer (leaving the group). Returns when the loop has let go of every
   * partition: its waits end at the deadline, and closing the consumer after it takes little more
   * (at most {@link #CLOSE_GRACE}). Only then may the dispatcher be closed, or an event that
   * settles in that close (an interrupted handler) would count as settled and be committed.
   */
  public boolean stop(long deadlineNanos) throws InterruptedException {
    closeDeadlineNanos = deadlineNanos;
    running = false;
    Consumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    long wait = Math.max(0, deadlineNanos - System.nanoTime()) + CLOSE_GRACE.toNanos();
    return stopped.await(wait, TimeUnit.NANOSECONDS);
  }

  /** How long past its deadline {@link #stop} waits for the consumer to close. */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

  private void shutdown() {
    Set<PartitionState> all = new HashSet<>(partitions.values());
    for (PartitionState p : all) {
      discarded.addAndGet(p.fetched.size());
      buffered.addAndGet(-p.fetched.size());
      p.fetched.clear();
    }
    try {
      awaitSettled(all, closeDeadlineNanos);
      commitNow(all);
    } finally {
      try {
        // leaving the group revokes what we own: giveUp abandons what did not settle in time
        consumer.close(Duration.ofNanos(Math.max(0, closeDeadlineNanos - System.nanoTime())));
      } catch (RuntimeException e) {
        LOG.warn("KafkaSource consumer did not close cleanly: {}", e.toString());
      }
      for (PartitionState p : new ArrayList<>(partitions.values())) {
        giveUp(List.of(p.partition), false);
      }
    }
  }

  public SourceStats stats() {
    long settled = settlements.settled();
    long inFlight = settlements.inFlight();
    return new SourceStats(
        received.get(),
        published.get(),
        settled,
        inFlight,
        undecodable.get(),
        buffered.get(),
        discarded.get(),
        abandoned.get(),
        settlements.dropped(),
        offsetsCommitted.get(),
        commitFailures.get(),
        backPressurePauses.get(),
        partitionsRevoked.get());
  }
}
