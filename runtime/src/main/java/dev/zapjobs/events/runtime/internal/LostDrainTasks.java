package dev.zapjobs.events.runtime.internal;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Finds drain tasks that a supplied executor accepted but will never run — dropped by a {@code
 * DiscardPolicy}, or removed from its queue by {@code shutdownNow()} — which would otherwise stall
 * their handler for good. Dispatcher thread only, on the watch period.
 *
 * <p>A drain task is presumed lost when it has not started although a task submitted after it has
 * (executors run their queue in order), or when it has waited longer than its patience (the
 * slow-handler threshold, doubled at each resubmission of that handler, for executors that give no
 * such clue). It is then submitted again; the ticket each run claims makes a copy that does turn up
 * later harmless. If the executor has been shut down, the handler is reported by name instead.
 */
final class LostDrainTasks {
  private static final long MAX_PATIENCE_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final DrainTask[] all;
  private final ExecutorService executor;
  private final DrainTasks drainTasks;
  private final long initialPatienceNanos;
  private final long[] watchedTicket;
  private final long[] watchedSince;
  private final long[] patience;
  private final long[] reportedShutdown;
  private final RateLimitedLog lostLog = new RateLimitedLog(1, TimeUnit.SECONDS);

  LostDrainTasks(
      DrainTask[] all, ExecutorService executor, DrainTasks drainTasks, long initialPatienceNanos) {
    this.all = all;
    this.executor = executor;
    this.drainTasks = drainTasks;
    this.initialPatienceNanos = initialPatienceNanos;
    this.watchedTicket = new long[all.length];
    this.watchedSince = new long[all.length];
    this.patience = new long[all.length];
    this.reportedShutdown = new long[all.length];
    Arrays.fill(patience, initialPatienceNanos);
  }

  void check(long now) {
    long highestStarted = drainTasks.highestStarted();
    for (int i = 0; i < all.length; i++) {
      DrainTask s = all[i];
      long ticket = s.pendingTicket.get();
      if (ticket == 0) {
        watchedTicket[i] = 0; // running, or nothing submitted: the handler is moving
        patience[i] = initialPatienceNanos;
        continue;
      }
      if (ticket != watchedTicket[i]) {
        watchedTicket[i] = ticket; // a new submission: time it from now
        watchedSince[i] = now;
        continue;
      }
      long waited = now - watchedSince[i];
      if (executor.isShutdown()) {
        if (reportedShutdown[i] != ticket) {
          reportedShutdown[i] = ticket;
          Log.get()
              .warn(
                  "The executor was shut down while the dispatcher is still open: the drain task"
                      + " of handler {} has not started and may never run, so its queued events"
                      + " stay pending. Close the dispatcher before shutting down the executor it"
                      + " was given",
                  s.handler.name);
        }
        continue;
      }
      boolean overtaken = highestStarted > ticket;
      if (!overtaken && waited <= patience[i]) {
        continue;
      }
      patience[i] = Math.min(MAX_PATIENCE_NANOS, patience[i] * 2);
      if (lostLog.tryAcquire() >= 0) { // logged first: once resubmitted, it may run at once
        Log.get()
            .warn(
                "The executor accepted the drain task of handler {} at least {} ms ago but has"
                    + " not run it{}: it seems to have dropped the task without refusing it (a"
                    + " DiscardPolicy, or shutdownNow() while the task was queued). Submitted it"
                    + " again. Give the dispatcher an executor that refuses with"
                    + " RejectedExecutionException (the default AbortPolicy), so that refusals"
                    + " are retried at once",
                s.handler.name,
                TimeUnit.NANOSECONDS.toMillis(waited),
                overtaken ? ", although it has run tasks submitted after it" : "");
      }
      drainTasks.resubmit(s, ticket); // (false if it started after all: then nothing was lost)
    }
  }
}
