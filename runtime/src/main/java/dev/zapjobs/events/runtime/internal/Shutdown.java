package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.HandlerStats;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The close protocol of the threaded engine, moving the {@link Lifecycle}: stop intake, wait up to
 * the deadline for what was accepted to settle, stop the dispatcher thread and (if the dispatcher
 * owns it) the executor, and report exactly what was left.
 *
 * <p>Called from inside a handler (its call, or an observer or interceptor running in its drain
 * task), close does not wait for that call, which cannot end before close returns, and stops that
 * handler: the events queued behind the call stay queued, counted as pending.
 */
final class Shutdown {
  private static final long STOP_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** What the protocol needs from the engine it stops. */
  interface Engine {
    /** Everything accepted has settled — but the call of {@code caller}, when not null. */
    boolean isIdleBut(DrainTask caller);

    DispatcherStats stats();
  }

  private final Lifecycle lifecycle;
  private final Engine engine;
  private final DrainTask[] tasks;
  private final Thread dispatcherThread;
  private final ExecutorService executor;
  private final boolean ownsExecutor;

  /** The handler that called the first close from inside its own call, or null. */
  private volatile DrainTask closingHandler;

  Shutdown(
      Lifecycle lifecycle,
      Engine engine,
      DrainTask[] tasks,
      Thread dispatcherThread,
      ExecutorService executor,
      boolean ownsExecutor) {
    this.lifecycle = lifecycle;
    this.engine = engine;
    this.tasks = tasks;
    this.dispatcherThread = dispatcherThread;
    this.executor = executor;
    this.ownsExecutor = ownsExecutor;
  }

  /** The handler that closed the dispatcher from inside its call, or null. */
  DrainTask closingHandler() {
    return closingHandler;
  }

  CloseReport close(Duration timeout) {
    long start = System.nanoTime();
    long deadline = start + Math.max(0, timeout.toNanos());
    DrainTask caller = callingHandler();
    if (caller != null) {
      caller.stopped = true; // after its current call, it takes no further event
    }
    boolean first = lifecycle.beginClose();
    if (first) {
      closingHandler = caller;
    }
    // (a close that already gave up leaves nothing to wait for: halted)
    boolean settled =
        Await.until(deadline, () -> isHalted() || engine.isIdleBut(caller)) && !isHalted();
    if (first) {
      if (settled) {
        // Publishers that passed the open check just before close may have handed over events
        // since: the dispatcher thread fans them out, watches them settle, then stops.
        lifecycle.advanceTo(Lifecycle.STOPPING);
        LockSupport.unpark(dispatcherThread);
        settled = joinDispatcherThread(deadline);
      }
      if (!settled) {
        halt(); // before the snapshot: no drain task takes another event after it
      }
      lifecycle.advanceTo(Lifecycle.STOPPED);
      LockSupport.unpark(dispatcherThread);
      joinDispatcherThread(Math.max(deadline, System.nanoTime() + STOP_GRACE_NANOS));
    }
    // Snapshot before stopping the executor: shutdownNow() interrupts a stuck handler, which then
    // fails its event, so a later snapshot would not say what was left at the deadline.
    DispatcherStats atDeadline = engine.stats();
    HandlerStats callerStats = caller == null ? null : atDeadline.handler(caller.handler.id);
    long callerInFlight = callerStats == null ? 0 : Math.min(1, callerStats.inFlight());
    boolean drained = settled && atDeadline.pending() == callerInFlight;
    if (!drained && first) {
      // e.g. a publisher paused between its open check and its hand-off until the dispatcher
      // thread had stopped, or the calling handler's own queue: nothing more is delivered
      halt();
    }
    long took = System.nanoTime() - start;
    if (first && ownsExecutor) {
      stopExecutor(drained, caller != null);
    }
    CloseReport report = new CloseReport(drained, Duration.ofNanos(took), atDeadline);
    if (first) {
      CloseLog.log(
          report,
          caller == null ? null : caller.handler,
          callerStats == null ? 0 : callerStats.queued());
    }
    return report;
  }

  private boolean isHalted() {
    return lifecycle.get() == Lifecycle.HALTED;
  }

  /** No drain task takes another event from now on (a call already starting may still run). */
  private void halt() {
    lifecycle.advanceTo(Lifecycle.HALTED);
    for (DrainTask t : tasks) {
      t.stopped = true;
    }
  }

  private void stopExecutor(boolean drained, boolean fromHandlerThread) {
    if (drained) {
      executor.shutdown();
      return;
    }
    boolean wasInterrupted = Thread.currentThread().isInterrupted();
    executor.shutdownNow(); // interrupts handlers still stuck after the deadline
    if (fromHandlerThread && !wasInterrupted) {
      Thread.interrupted(); // ... but not the handler that called close, on this very thread
    }
  }

  /** The handler whose drain task or call runs on the calling thread, or null. */
  private DrainTask callingHandler() {
    for (DrainTask t : tasks) {
      if (t.isCallingThread()) {
        return t;
      }
    }
    return null;
  }

  /**
   * Waits until the dispatcher thread has ended or {@code until} (System.nanoTime) passes; true if
   * it ended (or the caller is that thread — a SlowHandlerListener calling close — which stops as
   * soon as the caller returns). The thread only outlives the wait if a supplied executor runs
   * drain tasks on it (a caller-runs policy) and a handler is stuck. An interrupted caller does not
   * wait.
   */
  private boolean joinDispatcherThread(long until) {
    if (dispatcherThread == Thread.currentThread()) {
      return true;
    }
    boolean interrupted = false;
    long left;
    while (dispatcherThread.isAlive() && (left = until - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.timedJoin(dispatcherThread, left);
      } catch (InterruptedException ie) {
        interrupted = true; // restored below
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return !dispatcherThread.isAlive();
  }
}
