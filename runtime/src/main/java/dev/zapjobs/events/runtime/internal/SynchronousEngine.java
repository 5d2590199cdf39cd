package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Test mode ({@code builder().synchronous()}): {@code publish} calls each handler on the caller's
 * thread, one after another, with the same failure isolation, interceptors, observers and counts as
 * the threaded engine — and no rings, no threads. Several publishing threads may call one handler
 * at once, so its counters add atomically. An async handler's stage is counted when it completes,
 * without ordering or timeout.
 */
final class SynchronousEngine implements Engine {
  private static final int OPEN = 0;
  private static final int CLOSED = 1;
  private static final int GAVE_UP = 2;

  /** The handler whose call runs on this thread, for close called from inside a handler. */
  private static final ThreadLocal<Handler> CALLING = new ThreadLocal<>();

  private final Handlers handlers;
  private final Interceptors interceptors;
  private final AtomicInteger state = new AtomicInteger(OPEN);
  private final LongAdder published = new LongAdder();
  private final ClosedIntake closed = new ClosedIntake();

  SynchronousEngine(EngineConfig config, List<HandlerSpec> specs) {
    this.handlers = new Handlers(specs, config.observers(), config.interceptors(), true);
    this.interceptors = config.interceptors();
  }

  @Override
  public void publish(JobEvent e) {
    if (e == null) {
      throw new NullPointerException("event");
    }
    if (state.get() != OPEN) {
      closed.refuse(e);
      return;
    }
    Object item = interceptors == null ? e : interceptors.wrap(e);
    published.increment();
    for (Handler h : handlers.ofKind(EventKinds.of(e))) {
      if (h.accepts(e)) { // a filtered-out event is neither delivered nor counted
        call(h, e, item);
      }
    }
  }

  private static void call(Handler h, JobEvent e, Object item) {
    h.counters.accepted(1);
    h.counters.started();
    Handler outer = CALLING.get(); // a handler that publishes: calls nest
    CALLING.set(h);
    try {
      Object scope = h.enter(e, item);
      long start = System.nanoTime();
      CompletionStage<?> stage;
      try {
        stage = h.invoke(e);
      } catch (Throwable t) {
        h.threw(e, t, System.nanoTime() - start, scope);
        return;
      }
      long nanos = System.nanoTime() - start;
      h.exit(scope);
      if (stage == null) {
        h.settled(e, Outcome.DELIVERED, null, nanos, scope);
        return;
      }
      AtomicBoolean once = new AtomicBoolean(); // a hostile stage may call back and then throw
      try {
        stage.whenComplete(
            (v, t) -> {
              if (once.compareAndSet(false, true)) {
                Outcome o = t == null ? Outcome.DELIVERED : Outcome.STAGE_FAILED;
                Throwable cause = t == null ? null : Handler.unwrap(t);
                h.settled(e, o, cause, System.nanoTime() - start, scope);
              }
            });
      } catch (Throwable t) {
        if (once.compareAndSet(false, true)) {
          h.settled(e, Outcome.THROWN, t, System.nanoTime() - start, scope);
        }
      }
    } finally {
      CALLING.set(outer);
    }
  }

  @Override
  public DispatcherStats stats() {
    List<HandlerStats> list = new ArrayList<>(handlers.all.length);
    for (Handler h : handlers.all) {
      list.add(h.stats(0));
    }
    return new DispatcherStats(published.sum(), closed.refused(), 0, list);
  }

  @Override
  public HandlerStats stats(HandlerId id) {
    return handlers.all[handlers.positionOf(id)].stats(0);
  }

  @Override
  public List<HandlerId> handlerIds() {
    return handlers.ids;
  }

  @Override
  public int handlerCount(JobEvent e) {
    return handlers.count(e);
  }

  /** No call in flight — but one, the caller's own, for {@code caller}. */
  private boolean isIdleBut(Handler caller) {
    for (Handler h : handlers.all) {
      if (h.counters.inFlight() > (h == caller ? 1 : 0)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return Await.idle(timeout, () -> isIdleBut(null));
  }

  /**
   * Waits for the calls in flight (stages outstanding, or calls on other publishing threads); one
   * made from inside a handler does not wait for its own call.
   */
  @Override
  public CloseReport close(Duration timeout) {
    long start = System.nanoTime();
    long deadline = start + Math.max(0, timeout.toNanos());
    Handler caller = CALLING.get();
    boolean first = state.compareAndSet(OPEN, CLOSED);
    boolean settled =
        Await.until(deadline, () -> state.get() == GAVE_UP || isIdleBut(caller))
            && state.get() != GAVE_UP;
    DispatcherStats stats = stats();
    HandlerStats callerStats = caller == null ? null : stats.handler(caller.id);
    long callerInFlight = callerStats == null ? 0 : Math.min(1, callerStats.inFlight());
    boolean drained = settled && stats.pending() == callerInFlight;
    if (!drained && first) {
      state.set(GAVE_UP); // a second close reports at once
    }
    CloseReport report =
        new CloseReport(drained, Duration.ofNanos(System.nanoTime() - start), stats);
    if (first) {
      CloseLog.log(report, caller, 0);
    }
    return report;
  }

  @Override
  public boolean isClosed() {
    return state.get() != OPEN;
  }
}
