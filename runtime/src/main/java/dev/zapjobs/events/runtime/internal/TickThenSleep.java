package dev.zapjobs.events.runtime.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The dispatcher thread's wait policy (what the Disruptor calls a {@code WaitStrategy}): how it
 * waits between two passes of its loop.
 *
 * <table>
 *   <caption>The waits, by what the last passes found</caption>
 *   <tr><th>situation</th><th>wait</th></tr>
 *   <tr><td>busy: the pass moved a full batch</td><td>none</td></tr>
 *   <tr><td>fewer than {@value #IDLE_TICKS} passes in a row found nothing, or closing</td>
 *       <td>park one tick ({@code deliveryInterval}, 1 ms)</td></tr>
 *   <tr><td>quiet, but a drain task, an async stage or a stuck call needs watching</td>
 *       <td>sleep up to the watch period</td></tr>
 *   <tr><td>quiet, a drop warning held back by the rate limit</td><td>sleep up to 1 s</td></tr>
 *   <tr><td>quiet, nothing to watch</td><td>sleep without a timer</td></tr>
 * </table>
 *
 * <p>Every sleep goes through the {@link Sleeper} handshake, so the next publish wakes it: one
 * wake-up per quiet period, never one per event, and an idle dispatcher wakes no thread at all.
 */
final class TickThenSleep {
  /** Empty passes in a row before the thread sleeps instead of ticking. */
  static final int IDLE_TICKS = 64;

  private static final long DEEP_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** What the policy asks the loop before it sleeps. */
  interface Conditions {
    /** Closing: tick, never sleep (the thread must notice when everything has settled). */
    boolean mustTick();

    /** Checked after the sleep is announced: nothing arrived and the thread is not told to end. */
    boolean nothingToDo();

    /** A drain task, an async stage or a call is out: something to watch on the watch period. */
    boolean watching();

    /** A warning was held back by the rate limit and must still be logged. */
    boolean warningHeldBack();
  }

  private final long tickNanos;
  private final long watchNanos;
  private final Sleeper sleeper;

  /** Dispatcher thread only. */
  private int idleTicks;

  TickThenSleep(long tickNanos, long watchNanos, Sleeper sleeper) {
    this.tickNanos = tickNanos;
    this.watchNanos = watchNanos;
    this.sleeper = sleeper;
  }

  /** After a pass that moved a full batch: go on at once. */
  void busy() {
    idleTicks = 0;
  }

  /** After a pass that moved less than a batch ({@code movedAny}: anything at all). */
  void idle(boolean movedAny, Conditions conditions) {
    idleTicks = movedAny ? 0 : idleTicks + 1;
    // A SlowHandlerListener, or a handler run here by a caller-runs executor, may leave the
    // interrupt flag set: park would then return at once, and an idle thread would spin.
    Thread.interrupted();
    if (idleTicks < IDLE_TICKS || conditions.mustTick()) {
      LockSupport.parkNanos(this, tickNanos);
      return;
    }
    sleeper.announce();
    if (conditions.nothingToDo()) {
      if (conditions.watching()) {
        LockSupport.parkNanos(this, watchNanos); // a timeout or a stuck call to watch for
      } else if (conditions.warningHeldBack()) {
        LockSupport.parkNanos(this, DEEP_SLEEP_NANOS); // the rate limit held a warning back
      } else {
        LockSupport.park(this); // nothing to do until the next publish (or close) wakes it
      }
    }
    sleeper.awake();
  }
}
