package dev.zapjobs.events.runtime.internal;

import java.util.function.BooleanSupplier;

/**
 * The dispatcher thread ({@code zapjobs-events-dispatcher}): pass after pass, it fans out what
 * publishers handed over, gives every handler with queued events a drain task, and, on the watch
 * period, runs the {@link Watchdog}. Between passes it waits as {@link TickThenSleep} says.
 *
 * <p>It runs until the {@link Lifecycle} reaches STOPPED; in STOPPING it ends as soon as everything
 * handed over has settled. Its last pass fans out what publishers handed over just before the end,
 * so that it is counted in the handlers' queues (pending), not left in the intake.
 */
final class DispatcherLoop implements Runnable, TickThenSleep.Conditions {
  private final Lifecycle lifecycle;
  private final MpscRing<Object> intake;
  private final FanOut fanOut;
  private final DrainTask[] tasks;
  private final Watchdog watchdog;
  private final TickThenSleep wait;
  private final long watchNanos;

  /** True when everything handed over has settled, but for the call of a handler that closed. */
  private final BooleanSupplier settled;

  final Thread thread;

  DispatcherLoop(
      Lifecycle lifecycle,
      MpscRing<Object> intake,
      FanOut fanOut,
      DrainTask[] tasks,
      Watchdog watchdog,
      TickThenSleep wait,
      long watchNanos,
      BooleanSupplier settled) {
    this.lifecycle = lifecycle;
    this.intake = intake;
    this.fanOut = fanOut;
    this.tasks = tasks;
    this.watchdog = watchdog;
    this.wait = wait;
    this.watchNanos = watchNanos;
    this.settled = settled;
    this.thread = new Thread(this, "zapjobs-events-dispatcher");
    thread.setDaemon(true);
  }

  @Override
  public void run() {
    long lastWatch = System.nanoTime();
    while (lifecycle.get() < Lifecycle.STOPPED) {
      int moved;
      try {
        moved = fanOut.pass();
        schedule();
        long now = System.nanoTime();
        if (now - lastWatch >= watchNanos) {
          lastWatch = now;
          watchdog.check(now);
        }
      } catch (Throwable t) { // never let the dispatcher thread die; nothing here should throw
        Log.get().error("ZapJobs Events dispatcher loop failed; continuing", t);
        moved = 0;
      }
      if (moved == FanOut.BATCH) {
        wait.busy();
        continue;
      }
      if (moved == 0 && lifecycle.get() == Lifecycle.STOPPING && settled.getAsBoolean()) {
        return; // closing, and all that was handed over (also by racing publishers) has settled
      }
      wait.idle(moved > 0, this);
    }
    try {
      while (fanOut.pass() == FanOut.BATCH) {
        // until the intake is empty
      }
      schedule(); // (nothing is submitted for a handler that close stopped)
    } catch (Throwable t) {
      Log.get().error("ZapJobs Events dispatcher failed on its last pass", t);
    }
  }

  private void schedule() {
    for (DrainTask t : tasks) {
      t.queue.flushHeldBack();
      t.scheduleIfQueued();
    }
  }

  @Override
  public boolean mustTick() {
    return lifecycle.get() >= Lifecycle.STOPPING;
  }

  @Override
  public boolean nothingToDo() {
    return intake.isEmpty() && lifecycle.get() < Lifecycle.STOPPED;
  }

  @Override
  public boolean watching() {
    for (DrainTask t : tasks) {
      if (t.isBusy()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean warningHeldBack() {
    return watchdog.warningHeldBack();
  }
}
