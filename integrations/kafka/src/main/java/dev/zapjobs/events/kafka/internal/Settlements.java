package dev.zapjobs.events.kafka.internal;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.JobEventObserver;
import dev.zapjobs.events.runtime.Outcome;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows when every handler has settled an event the source published: the source registers each
 * event with the number of handlers it goes to ({@code dispatcher.handlerCount(event)}) before it
 * publishes it, and this observer counts the settled calls and the drops down to zero.
 *
 * <p>Events are matched by identity (each record is decoded into its own instance): two records
 * with equal contents are two events. Reports about events this source did not publish (or has
 * given up on) are ignored. Called on handler threads; the poll thread reads {@link
 * Tracker#settled}.
 */
public final class Settlements implements JobEventObserver {
  private static final Logger LOG = LoggerFactory.getLogger("dev.zapjobs.events.kafka.KafkaSource");

  private final ConcurrentHashMap<Key, Tracker> pending = new ConcurrentHashMap<>();
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong settled = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final RateLimitedLog dropLog = new RateLimitedLog(1, TimeUnit.SECONDS);
  private volatile Runnable onRoom = () -> {};
  private volatile long roomMark = Long.MAX_VALUE;

  /** One published record: its offset, and how many handlers have yet to settle its event. */
  public static final class Tracker {
    final long offset;
    final AtomicInteger remaining;
    volatile boolean settled;

    Tracker(long offset, int handlers) {
      this.offset = offset;
      this.remaining = new AtomicInteger(handlers);
      this.settled = handlers == 0;
    }

    /** Settled already: a record that was not published (undecodable) or reached no handler. */
    static Tracker done(long offset) {
      return new Tracker(offset, 0);
    }

    public long offset() {
      return offset;
    }

    public boolean isSettled() {
      return settled;
    }
  }

  /** An identity key: events are records, whose equals compares contents. */
  private record Key(JobEvent event) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.event == event;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(event);
    }
  }

  /**
   * Registers {@code event}, about to be published from record {@code offset}, to settle after
   * {@code handlers} reports. Call before publishing it.
   */
  public Tracker track(JobEvent event, long offset, int handlers) {
    Tracker t = new Tracker(offset, handlers);
    if (handlers > 0) {
      inFlight.incrementAndGet();
      pending.put(new Key(event), t);
    } else {
      settled.incrementAndGet();
    }
    return t;
  }

  /** A settled tracker for a record that is not published. */
  public Tracker skipped(long offset) {
    return Tracker.done(offset);
  }

  /** Stops waiting for {@code t}'s event (its partition was revoked); true if it was unsettled. */
  public boolean abandon(JobEvent event, Tracker t) {
    if (!t.settled && pending.remove(new Key(event), t)) {
      inFlight.decrementAndGet();
      return true;
    }
    return false;
  }

  /** Calls {@code onRoom} (from a handler thread) when in-flight events fall to {@code mark}. */
  public void whenRoom(long mark, Runnable onRoom) {
    this.onRoom = onRoom;
    this.roomMark = mark;
  }

  @Override
  public void onSettled(
      HandlerId handler, JobEvent event, Outcome outcome, long durationNanos, Throwable failure) {
    settleOne(event);
  }

  @Override
  public void onDropped(HandlerId handler, JobEvent event, DropReason reason) {
    Key key = new Key(event);
    if (!pending.containsKey(key)) {
      return;
    }
    dropped.incrementAndGet();
    long held = dropLog.tryAcquire();
    if (held >= 0) {
      LOG.warn(
          "Handler {} lost {} of run {} ({}): the source counts it as settled for that handler, so"
              + " its offset will be committed. Something else publishes into the source's"
              + " dispatcher, or a queue is smaller than maxInFlight{}",
          handler.displayName(),
          event.getClass().getSimpleName(),
          event.runId(),
          reason,
          held > 0 ? "; " + held + " similar drops not logged in the last second" : "");
    }
    settleOne(event);
  }

  private void settleOne(JobEvent event) {
    Key key = new Key(event);
    Tracker t = pending.get(key);
    if (t == null || t.remaining.decrementAndGet() != 0) {
      return;
    }
    if (pending.remove(key, t)) {
      t.settled = true;
      settled.incrementAndGet();
      if (inFlight.decrementAndGet() == roomMark) {
        onRoom.run();
      }
    }
  }

  /** Published events not settled yet. */
  public long inFlight() {
    return inFlight.get();
  }

  /** Published events every handler settled (or that reached no handler). */
  public long settled() {
    return settled.get();
  }

  /** Deliveries the dispatcher dropped. */
  public long dropped() {
    return dropped.get();
  }
}
