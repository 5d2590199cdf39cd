package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.Outcome;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A handler's drain task: runs on the executor and calls the handler with its queued events, one at
 * a time, in queue order. At most one drain task of a handler runs at any time — it holds the
 * handler's turn ({@link #scheduled}) from submission until it lets go — so the handler sees its
 * events one by one, and the queue has one consumer.
 *
 * <p>A task delivers up to a batch, then submits itself again (other handlers get the threads in
 * between) or, the queue empty, gives the turn back. An asynchronous handler whose window of stages
 * is full makes the task stop while keeping the turn: the stage's completion resumes it.
 *
 * <p>Each submission carries a ticket ({@link #pendingTicket}) that a run must claim, so that a
 * task the executor seems to have lost can be submitted again without two runs ever overlapping.
 */
final class DrainTask implements Runnable {
  private static final int BATCH = 256;

  final Handler handler;
  final HandlerQueue queue;
  final AsyncCalls async;
  private final DrainTasks tasks;

  /** The handler's turn: true while a drain task is queued, running, or waiting for a stage. */
  final AtomicBoolean scheduled = new AtomicBoolean();

  /** The ticket of the submission not yet started, or 0. */
  final AtomicLong pendingTicket = new AtomicLong();

  /** Set by close: take no further event (a call already running finishes). Read per event. */
  volatile boolean stopped;

  /** The thread running this task while it holds the turn; else null. */
  private volatile Thread drainer;

  /**
   * For the watchdog: {@code 2k+1} while call number k runs, {@code 2k+2} after it returned.
   * Written with release stores only (no fence on the delivery path).
   */
  final AtomicLong callState = new AtomicLong();

  /** The event of the current call, for the watchdog. */
  final AtomicReference<JobEvent> current = new AtomicReference<>();

  DrainTask(Handler handler, HandlerQueue queue, DrainTasks tasks) {
    this.handler = handler;
    this.queue = queue;
    this.tasks = tasks;
    this.async = new AsyncCalls(handler, () -> tasks.submit(this));
  }

  /** Takes the turn and submits this task, if events are queued and no task is out. */
  void scheduleIfQueued() {
    if (queue.hasQueued() && !stopped && !scheduled.get() && scheduled.compareAndSet(false, true)) {
      tasks.submit(this);
    }
  }

  private static final int RELEASE = 0;
  private static final int YIELD = 1;
  private static final int AWAIT = 2;
  private static final int STOP = 3;

  @Override
  public void run() {
    long ticket = pendingTicket.get();
    if (ticket == 0 || !pendingTicket.compareAndSet(ticket, 0)) {
      return; // a copy of a task submitted again because it seemed lost; the other copy ran
    }
    tasks.started(ticket);
    drainer = Thread.currentThread();
    int next = drain();
    if (next == AWAIT) {
      return; // the window is full; a settle resumes draining (drainer already cleared)
    }
    drainer = null; // before the turn can pass to another thread
    switch (next) {
      case YIELD -> tasks.submit(this); // more may be queued: let other handlers run, keep the turn
      case STOP -> unschedule(); // closed: what is queued stays queued, counted as pending
      default -> release();
    }
  }

  private int drain() {
    for (int i = 0; i < BATCH; i++) {
      if (stopped) {
        return STOP;
      }
      Object item = queue.poll();
      if (item == null) {
        return RELEASE;
      }
      if (deliver(item)) {
        return AWAIT;
      }
    }
    return YIELD;
  }

  private void release() {
    scheduled.set(false);
    scheduleIfQueued(); // an event queued after the last poll and before the turn was given back
  }

  /**
   * Calls the handler with one queued item (an event or an envelope). Returns true if it returned a
   * stage and the window is full: the task must then stop (a settle resumes it).
   */
  private boolean deliver(Object item) {
    JobEvent e = Envelope.eventOf(item);
    handler.counters.started();
    long state = callState.get() + 1;
    current.lazySet(e);
    callState.lazySet(state);
    Object scope = handler.enter(e, item);
    // Without observers latency is sampled: one call in eight is timed, the others pay no clock.
    boolean timed = handler.timeEveryCall || (state & 0xE) == 0;
    long start = timed ? System.nanoTime() : 0;
    CompletionStage<?> stage;
    try {
      stage = handler.invoke(e);
    } catch (Throwable t) {
      long nanos = timed ? System.nanoTime() - start : -1;
      callState.lazySet(state + 1);
      handler.threw(e, t, nanos, scope);
      return false;
    }
    long nanos = timed ? System.nanoTime() - start : -1;
    callState.lazySet(state + 1);
    handler.exit(scope);
    if (stage == null) {
      handler.settled(e, Outcome.DELIVERED, null, nanos, scope);
      return false;
    }
    Thread self = Thread.currentThread();
    drainer = null; // from here the stage's completion may pass the turn to another thread
    if (async.await(e, timed ? start : System.nanoTime(), scope, stage)) {
      return true;
    }
    drainer = self; // the turn stayed here
    return false;
  }

  /** Gives up the turn without running: not submitted, or close stopped it. */
  void unschedule() {
    scheduled.set(false);
  }

  /** True if the calling thread is inside this handler's drain task or its call. */
  boolean isCallingThread() {
    return drainer == Thread.currentThread();
  }

  /** Nothing queued or held back, no task out, no call in flight. */
  boolean isIdle() {
    return !queue.hasQueued()
        && !queue.isHoldingBack()
        && !scheduled.get()
        && handler.counters.inFlight() == 0;
  }

  /** Something for the dispatcher thread to watch or retry. */
  boolean isBusy() {
    return scheduled.get() || queue.hasQueued() || queue.isHoldingBack() || async.any();
  }
}
