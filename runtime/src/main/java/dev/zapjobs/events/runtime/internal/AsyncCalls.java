package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.Outcome;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One asynchronous handler's outstanding stages, up to its window. A call that returns a stage is
 * counted when the stage completes, or when the async timeout passes, whichever comes first. While
 * the window is full the drain task stops, keeping the handler's turn; the settle that opens the
 * window again resumes it. No thread waits meanwhile.
 */
final class AsyncCalls {
  private final Handler handler;

  /** Submits the handler's drain task again; it still holds the turn. */
  private final Runnable resume;

  /** The calls whose stages have not completed (or timed out) yet. */
  private final Set<Call> outstanding = ConcurrentHashMap.newKeySet();

  /** How many calls are in {@link #outstanding}: the window is full at {@link Handler#window}. */
  private final AtomicInteger open = new AtomicInteger();

  /**
   * True while the drain task has stopped because the window is full; whoever clears it (the drain
   * task that sees a stage settled meanwhile, or the settle) keeps the turn.
   */
  private final AtomicBoolean parked = new AtomicBoolean();

  AsyncCalls(Handler handler, Runnable resume) {
    this.handler = handler;
    this.resume = resume;
  }

  /**
   * A call returned {@code stage}: watches it. Called by the drain task, which must stop when this
   * returns true (the window is full; a settle resumes it) and may go on otherwise.
   */
  boolean await(JobEvent e, long startNanos, Object scope, CompletionStage<?> stage) {
    Call call = new Call(e, startNanos, scope);
    outstanding.add(call);
    int now = open.incrementAndGet();
    try {
      stage.whenComplete((v, t) -> settle(call, t, Outcome.STAGE_FAILED));
    } catch (Throwable t) { // a hostile stage
      settle(call, t, Outcome.THROWN);
    }
    if (now < handler.window) {
      return false; // room in the window: the next call need not wait for this stage
    }
    // The window is full: stop, unless a stage settled meanwhile. parked is set before the count
    // is read again, and a settle lowers the count before it reads parked, so one of the two sees
    // the other; whoever clears parked keeps the turn (this drain task, or one the settle submits).
    parked.set(true);
    return !(open.get() < handler.window && parked.compareAndSet(true, false));
  }

  /** Settles a call once: by its stage, or by the timeout, whichever comes first. */
  private void settle(Call call, Throwable failure, Outcome failedAs) {
    if (!outstanding.remove(call)) {
      return; // settled already (timed out, then completed late, or the reverse)
    }
    long nanos = System.nanoTime() - call.startNanos;
    if (failure == null) {
      handler.settled(call.event, Outcome.DELIVERED, null, nanos, call.scope);
    } else {
      handler.settled(call.event, failedAs, Handler.unwrap(failure), nanos, call.scope);
    }
    open.decrementAndGet();
    if (parked.get() && parked.compareAndSet(true, false)) {
      resume.run();
    }
  }

  /** True while a stage is outstanding. */
  boolean any() {
    return open.get() > 0;
  }

  /** Times out the calls older than the handler's async timeout. The watchdog. */
  void checkTimeouts(long now) {
    for (Call call : outstanding) {
      if (now - call.startNanos > handler.asyncTimeoutNanos) {
        settle(
            call,
            new TimeoutException(
                "stage not completed within "
                    + TimeUnit.NANOSECONDS.toMillis(handler.asyncTimeoutNanos)
                    + " ms"),
            Outcome.TIMED_OUT);
      }
    }
  }

  /** An asynchronous call whose stage is outstanding (identity: one per call). */
  private static final class Call {
    final JobEvent event;
    final long startNanos;

    /** The interceptors' scope of the call, settled with it; null without interceptors. */
    final Object scope;

    Call(JobEvent event, long startNanos, Object scope) {
      this.event = event;
      this.startNanos = startNanos;
      this.scope = scope;
    }
  }
}
