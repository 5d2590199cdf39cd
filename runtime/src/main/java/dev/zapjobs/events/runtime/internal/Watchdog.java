package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.OverflowPolicy;
import dev.zapjobs.events.runtime.SlowHandlerListener;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the dispatcher thread checks on its watch period: calls running past the slow-handler
 * threshold (reported once per call, while they run), async stages past their timeout, drain tasks
 * a supplied executor lost, and the drops and refusals counted since the last warning (logged at
 * most once a second per source). Everything here runs on the dispatcher thread, so its scratch
 * state needs no synchronisation.
 */
final class Watchdog {
  private final DrainTask[] tasks;
  private final Intake intake;

  /** Watches a supplied executor for drain tasks it accepted and dropped; null otherwise. */
  private final LostDrainTasks lostTasks;

  private final long slowNanos;
  private final SlowHandlerListener slowListener;

  // Per task: the call state seen at the last check, since when, and the last one reported.
  private final long[] watchedState;
  private final long[] watchedSince;
  private final long[] reportedState;

  // Per task: the drops counted by the time of the last warning, and the warnings' rate limit.
  private final long[] dropsLogged;
  private final RateLimitedLog[] dropLogs;

  Watchdog(
      DrainTask[] tasks,
      Intake intake,
      LostDrainTasks lostTasks,
      long slowNanos,
      SlowHandlerListener slowListener) {
    this.tasks = tasks;
    this.intake = intake;
    this.lostTasks = lostTasks;
    this.slowNanos = slowNanos;
    this.slowListener = slowListener;
    watchedState = new long[tasks.length];
    watchedSince = new long[tasks.length];
    reportedState = new long[tasks.length];
    dropsLogged = new long[tasks.length];
    dropLogs = new RateLimitedLog[tasks.length];
    for (int i = 0; i < tasks.length; i++) {
      dropLogs[i] = new RateLimitedLog(1, TimeUnit.SECONDS);
    }
  }

  /** One round of checks, at {@code now} (System.nanoTime). */
  void check(long now) {
    intake.logRefusals();
    if (lostTasks != null) {
      lostTasks.check(now);
    }
    for (int i = 0; i < tasks.length; i++) {
      DrainTask t = tasks[i];
      logDrops(i, t.handler);
      if (t.async.any()) {
        t.async.checkTimeouts(now);
      }
      checkSlowCall(i, t, now);
    }
  }

  private void checkSlowCall(int i, DrainTask t, long now) {
    long state = t.callState.get();
    if ((state & 1) == 0) {
      return; // not inside a call
    }
    if (state != watchedState[i]) {
      watchedState[i] = state; // a new call: time it from now
      watchedSince[i] = now;
      return;
    }
    long running = now - watchedSince[i];
    if (running <= slowNanos || reportedState[i] == state) {
      return;
    }
    reportedState[i] = state;
    JobEvent e = t.current.get();
    try {
      slowListener.onSlowHandler(t.handler.name, e, Duration.ofNanos(running));
    } catch (Throwable x) {
      Log.get()
          .warn(
              "The SlowHandlerListener {} threw; fix it (it must not throw)",
              slowListener.getClass().getName(),
              x);
    }
  }

  private void logDrops(int i, Handler h) {
    long dropped = h.counters.drops();
    if (dropped == dropsLogged[i] || dropLogs[i].tryAcquire() < 0) {
      return;
    }
    Log.get()
        .warn(
            "Handler {} is not keeping up: its queue of {} events was full and {} events were"
                + " dropped ({}) since the last warning, {} in total. Make the handler faster"
                + " (or hand its work off), or raise queueCapacity",
            h.name,
            h.capacity,
            dropped - dropsLogged[i],
            h.policy == OverflowPolicy.DROP_OLDEST ? DropReason.EVICTED : DropReason.QUEUE_FULL,
            dropped);
    dropsLogged[i] = dropped;
  }

  /** True if a drop or refusal was counted but not logged yet (the rate limit held it back). */
  boolean warningHeldBack() {
    if (intake.hasUnloggedRefusals()) {
      return true;
    }
    for (int i = 0; i < tasks.length; i++) {
      if (tasks[i].handler.counters.drops() != dropsLogged[i]) {
        return true;
      }
    }
    return false;
  }
}
