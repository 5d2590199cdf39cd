package dev.zapjobs.events.runtime.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Submits handlers' drain tasks to the executor. Each submission gets a ticket (a number that only
 * grows) which the task must claim to run ({@link DrainTask#run}), so a task can be submitted again
 * when the executor seems to have lost it without two drains ever running at once. A refused task
 * gives the handler's turn back: its events stay queued and the dispatcher thread offers the task
 * again on its next pass.
 */
final class DrainTasks {
  private final ExecutorService executor;
  private final boolean trackStarts;
  private final AtomicLong submissions = new AtomicLong();
  private final AtomicLong highestStarted = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();
  private final RateLimitedLog refusalLog = new RateLimitedLog(1, TimeUnit.SECONDS);

  /**
   * @param trackStarts whether to keep {@link #highestStarted()} (for {@link LostDrainTasks})
   */
  DrainTasks(ExecutorService executor, boolean trackStarts) {
    this.executor = executor;
    this.trackStarts = trackStarts;
  }

  /**
   * Submits a handler's drain task under a new ticket; called by whoever holds the handler's turn
   * ({@link DrainTask#scheduled}).
   */
  void submit(DrainTask s) {
    if (s.stopped) {
      s.unschedule(); // closed: what is queued stays queued, counted as pending
      return;
    }
    long ticket = submissions.incrementAndGet();
    s.pendingTicket.set(ticket);
    execute(s, ticket);
  }

  /**
   * Submits again a drain task that seems lost, if it still has not started. Dispatcher thread.
   *
   * @return false if it started meanwhile
   */
  boolean resubmit(DrainTask s, long ticket) {
    long again = submissions.incrementAndGet();
    if (!s.pendingTicket.compareAndSet(ticket, again)) {
      return false;
    }
    execute(s, again);
    return true;
  }

  /** A drain task claimed its ticket and runs. */
  void started(long ticket) {
    if (trackStarts && ticket > highestStarted.get()) {
      highestStarted.accumulateAndGet(ticket, Math::max);
    }
  }

  /** The highest ticket a drain task has claimed (only if tracked). */
  long highestStarted() {
    return highestStarted.get();
  }

  private void execute(DrainTask s, long ticket) {
    try {
      executor.execute(s);
    } catch (RuntimeException rejected) { // RejectedExecutionException, or a broken executor
      if (s.pendingTicket.compareAndSet(ticket, 0)) {
        s.unschedule();
      } // else an earlier copy of the task claimed the ticket and runs: it holds the turn
      long count = refusals.incrementAndGet();
      if (refusalLog.tryAcquire() < 0) {
        return;
      }
      if (executor.isShutdown()) {
        Log.get()
            .warn(
                "The executor was shut down while the dispatcher is still open, so handler {}"
                    + " cannot be given its queued events: they stay pending ({} refusals so far)."
                    + " Close the dispatcher before shutting down the executor it was given",
                s.handler.name,
                count);
      } else {
        Log.get()
            .warn(
                "The executor refused the drain task of handler {}; its events stay queued and are"
                    + " retried on the next tick ({} refusals so far). Give the executor more"
                    + " threads or a longer queue (it needs room for one task per handler)",
                s.handler.name,
                count);
      }
    }
  }
}
