package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.HandlerStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The production engine: wires the parts, one per thread role, and answers for them.
 *
 * <pre>
 * job thread        {@link Intake}: publish ──> intake ring ({@link MpscRing})       no lock, no
 *                                                                            allocation, no wake-up
 * dispatcher thread {@link DispatcherLoop}, every tick or continuously while busy:
 *                     {@link FanOut}: intake ──> each handler's {@link HandlerQueue} (its bulkhead)
 *                     schedules a {@link DrainTask} per handler with queued events
 *                     {@link Watchdog} on the watch period; waits as {@link TickThenSleep} says
 * executor thread   {@link DrainTask}: queue ──> the handler method, one event at a time
 * closing thread    {@link Shutdown}: the close protocol, through the {@link Lifecycle}
 * </pre>
 */
final class ThreadedEngine implements Engine, Shutdown.Engine {
  private final Lifecycle lifecycle = new Lifecycle();
  private final Handlers handlers;
  private final DrainTask[] tasks;
  private final Intake intake;
  private final FanOut fanOut;
  private final DispatcherLoop loop;
  private final Shutdown shutdown;

  ThreadedEngine(EngineConfig config, List<HandlerSpec> specs) {
    handlers = new Handlers(specs, config.observers(), config.interceptors(), false);
    // The default executor never drops a task it accepted; a supplied one might.
    boolean watchLostTasks = !config.ownsExecutor();
    DrainTasks drainTasks = new DrainTasks(config.executor(), watchLostTasks);
    tasks = new DrainTask[handlers.all.length];
    HandlerQueue[] queues = new HandlerQueue[tasks.length];
    long slowNanos = config.slowThreshold().toNanos();
    long minTimeout = slowNanos;
    for (int i = 0; i < tasks.length; i++) {
      queues[i] = new HandlerQueue(handlers.all[i]);
      tasks[i] = new DrainTask(handlers.all[i], queues[i], drainTasks);
      minTimeout = Math.min(minTimeout, handlers.all[i].asyncTimeoutNanos);
    }
    long tickNanos = config.tick().toNanos();
    // Check the watchdog and async timeouts often enough to report within ~10% of a threshold.
    long watchNanos =
        Math.max(tickNanos, Math.min(TimeUnit.MILLISECONDS.toNanos(100), minTimeout / 10));
    MpscRing<Object> ring = new MpscRing<>(config.intakeCapacity());
    Sleeper sleeper = new Sleeper();
    intake =
        new Intake(lifecycle, ring, handlers, config.observers(), config.interceptors(), sleeper);
    fanOut = new FanOut(ring, queues);
    LostDrainTasks lostTasks =
        watchLostTasks ? new LostDrainTasks(tasks, config.executor(), drainTasks, slowNanos) : null;
    Watchdog watchdog = new Watchdog(tasks, intake, lostTasks, slowNanos, config.slowListener());
    TickThenSleep wait = new TickThenSleep(tickNanos, watchNanos, sleeper);
    loop =
        new DispatcherLoop(
            lifecycle, ring, fanOut, tasks, watchdog, wait, watchNanos, this::settledButCloser);
    sleeper.setThread(loop.thread);
    shutdown =
        new Shutdown(lifecycle, this, tasks, loop.thread, config.executor(), config.ownsExecutor());
    loop.thread.start();
  }

  @Override
  public void publish(JobEvent e) {
    intake.publish(e);
  }

  @Override
  public int handlerCount(JobEvent e) {
    return handlers.count(e);
  }

  @Override
  public List<HandlerId> handlerIds() {
    return handlers.ids;
  }

  /** For the dispatcher thread, when closing: settled, but the call that closed. */
  private boolean settledButCloser() {
    return isIdleBut(shutdown.closingHandler());
  }

  /** True when every accepted event has been settled (delivered, failed or dropped). */
  private boolean isIdle() {
    return isIdleBut(null);
  }

  @Override
  public boolean isIdleBut(DrainTask caller) {
    if (!fanOut.caughtUp()) {
      return false;
    }
    for (DrainTask t : tasks) {
      boolean idle =
          t == caller
              // the caller's own call cannot end before close returns; its queue stays queued
              ? t.handler.window == 1 || t.handler.counters.inFlight() <= 1
              : t.isIdle();
      if (!idle) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return Await.idle(timeout, this::isIdle);
  }

  @Override
  public DispatcherStats stats() {
    long[] refused = intake.refusedFullByKind();
    long refusedTotal = 0;
    for (long r : refused) {
      refusedTotal += r;
    }
    List<HandlerStats> list = new ArrayList<>(tasks.length);
    for (Handler h : handlers.all) {
      list.add(h.stats(Intake.refusedFor(h, refused)));
    }
    long backlog = fanOut.backlog();
    long accepted = fanOut.accepted();
    return new DispatcherStats(accepted + refusedTotal, intake.refusedAfterClose(), backlog, list);
  }

  @Override
  public HandlerStats stats(HandlerId id) {
    Handler h = handlers.all[handlers.positionOf(id)];
    return h.stats(Intake.refusedFor(h, intake.refusedFullByKind()));
  }

  @Override
  public CloseReport close(Duration timeout) {
    return shutdown.close(timeout);
  }

  @Override
  public boolean isClosed() {
    return !lifecycle.isOpen();
  }
}
