package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.SlowHandlerListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The dispatcher's machinery.
 *
 * <pre>
 * job thread --publish--> intake ring (bounded, lock-free, shared)          no lock, no allocation,
 *                                                                           no wake-up per event
 * dispatcher thread, every tick (default 1 ms) or continuously while busy:
 *     intake --> each subscribed handler's own bounded queue (overflow policy, counted)
 *            --> at most one drain task per handler submitted to the executor
 * executor thread: drain task --> handler method, one event at a time, failures caught and counted
 * </pre>
 *
 * <p>The dispatcher thread parks between ticks. After {@code IDLE_TICKS} ticks without an event it
 * sets {@link #sleeping} and parks until woken — with a timeout only while something needs watching
 * (a drain task out, an async call, a warning held back) — and the first publisher to see that flag
 * wakes it: one wake-up per quiet period, not per event, and none while idle.
 */
public final class Engine {
  private static final int DISTRIBUTE_BATCH = 1024;
  private static final int IDLE_TICKS = 64;
  private static final long DEEP_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long STOP_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** Holds events, or {@link Envelope}s when an interceptor captured something at publish. */
  private final BoundedRing<Object> intake;

  private final Subscriber[] all;
  private final Subscriber[][] byKind;
  private final Map<HandlerId, Subscriber> byId = new HashMap<>();
  private final List<HandlerId> ids;
  final Observers observers;
  final Interceptors interceptors;
  private final LongAdder[] intakeDropped = new LongAdder[EventKinds.COUNT];
  private final LongAdder refusedAfterClose = new LongAdder();
  private final LongAdder directPublished = new LongAdder();
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private final boolean synchronous;
  private final long tickNanos;
  private final long watchNanos;
  private final long slowNanos;
  private final SlowHandlerListener slowListener;
  private final AtomicLong rejectedSubmissions = new AtomicLong();
  private final RateLimitedLog intakeLog = new RateLimitedLog(1, TimeUnit.SECONDS);
  private final RateLimitedLog closedLog = new RateLimitedLog(1, TimeUnit.SECONDS);
  private final RateLimitedLog rejectLog = new RateLimitedLog(1, TimeUnit.SECONDS);

  /** Numbers every drain-task submission (its ticket); the highest one that has started. */
  private final AtomicLong submissions = new AtomicLong();

  private final AtomicLong highestStarted = new AtomicLong();

  /** Watches a supplied executor for drain tasks it accepted but dropped; null otherwise. */
  private final LostDrainTasks lostTasks;

  /** Intake position up to which every taken event has been handed to the subscribers. */
  private volatile long fannedOut;

  private volatile boolean closed;
  private volatile boolean running = true;

  /**
   * Set when close gives up at its deadline: from then on no drain task takes another event,
   * whichever executor runs it (a call that was already starting may still run); see {@link
   * #halt()}.
   */
  private volatile boolean halted;

  /** The handler that called the first close from inside its own call, or null. */
  private volatile Subscriber closingHandler;

  /** Set by close once everything accepted has settled: the dispatcher thread stops when idle. */
  private volatile boolean stopWhenIdle;

  private final AtomicBoolean sleeping = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Thread dispatcherThread;

  /** Builds and starts the engine. */
  public Engine(
      int intakeCapacity,
      ExecutorService executor,
      boolean ownsExecutor,
      boolean synchronous,
      Duration tick,
      Duration slowThreshold,
      SlowHandlerListener slowListener,
      Observers observers,
      Interceptors interceptors,
      List<SubscriberSpec> specs) {
    this.intake = synchronous ? null : new BoundedRing<>(intakeCapacity);
    this.executor = executor;
    this.ownsExecutor = ownsExecutor;
    this.synchronous = synchronous;
    this.tickNanos = tick.toNanos();
    this.slowNanos = slowThreshold.toNanos();
    this.slowListener = slowListener;
    this.observers = observers;
    this.interceptors = interceptors;
    for (int k = 0; k < EventKinds.COUNT; k++) {
      intakeDropped[k] = new LongAdder();
    }
    all = new Subscriber[specs.size()];
    List<HandlerId> idList = new ArrayList<>(all.length);
    long minTimeout = slowNanos;
    for (int i = 0; i < all.length; i++) {
      all[i] = new Subscriber(specs.get(i), this, synchronous);
      minTimeout = Math.min(minTimeout, all[i].asyncTimeoutNanos);
      byId.put(all[i].id, all[i]);
      idList.add(all[i].id);
    }
    ids = List.copyOf(idList);
    // Check the watchdog and async timeouts often enough to report within ~10% of a threshold.
    this.watchNanos =
        Math.max(tickNanos, Math.min(TimeUnit.MILLISECONDS.toNanos(100), minTimeout / 10));
    byKind = new Subscriber[EventKinds.COUNT][];
    for (int k = 0; k < EventKinds.COUNT; k++) {
      List<Subscriber> list = new ArrayList<>();
      for (Subscriber s : all) {
        if ((s.mask & (1 << k)) != 0) {
          list.add(s);
        }
      }
      byKind[k] = list.toArray(new Subscriber[0]);
    }
    // The default executor never drops a task it accepted; a supplied one might.
    this.lostTasks =
        synchronous || ownsExecutor ? null : new LostDrainTasks(all, executor, slowNanos);
    if (synchronous) {
      dispatcherThread = null;
    } else {
      dispatcherThread = new Thread(this::dispatchLoop, "zapjobs-events-dispatcher");
      dispatcherThread.setDaemon(true);
      dispatcherThread.start();
    }
  }

  // ---------------------------------------------------------------- publish (job threads)

  /** Hands an event over. Never blocks; never throws for a handler's sake. */
  public void publish(JobEvent e) {
    if (e == null) {
      throw new NullPointerException("event");
    }
    if (closed) {
      refusedAfterClose.increment();
      long held = closedLog.tryAcquire();
      if (held >= 0) {
        Log.get()
            .warn(
                "Event {} of run {} published after the dispatcher was closed: refused{}. Close"
                    + " the dispatcher only after the job system that publishes to it has stopped",
                e.getClass().getSimpleName(),
                e.runId(),
                held > 0 ? " (" + held + " more since the last warning)" : "");
      }
      return;
    }
    // Without interceptors the rings carry the event itself: publishing allocates nothing.
    Object item = interceptors == null ? e : interceptors.wrap(e);
    if (synchronous) {
      directPublished.increment();
      for (Subscriber s : byKind[EventKinds.of(e)]) {
        s.deliverDirect(item);
      }
      return;
    }
    if (!intake.offer(item)) {
      // Counted here; logged by the dispatcher thread (watch), so that a job thread that meets a
      // full intake pays for one striped counter increment, never for a log line.
      int kind = EventKinds.of(e);
      intakeDropped[kind].increment();
      if (observers != null) {
        for (Subscriber s : byKind[kind]) {
          observers.dropped(s.id, e, DropReason.INTAKE_FULL);
        }
      }
      return;
    }
    if (sleeping.get() && sleeping.compareAndSet(true, false)) {
      LockSupport.unpark(dispatcherThread);
    }
  }

  /** How many handler methods {@code e} is delivered to. */
  public int handlerCount(JobEvent e) {
    return byKind[EventKinds.of(e)].length;
  }

  /** Every handler's id, in a stable order. */
  public List<HandlerId> handlerIds() {
    return ids;
  }

  // ---------------------------------------------------------------- dispatcher thread

  private void dispatchLoop() {
    int idleTicks = 0;
    long lastWatch = System.nanoTime();
    while (running) {
      int moved;
      try {
        moved = distribute();
        scheduleDrains();
        long now = System.nanoTime();
        if (now - lastWatch >= watchNanos) {
          lastWatch = now;
          watch(now);
        }
      } catch (Throwable t) { // never let the dispatcher thread die; nothing here should throw
        Log.get().error("ZapJobs Events dispatcher loop failed; continuing", t);
        moved = 0;
      }
      if (moved == DISTRIBUTE_BATCH) {
        idleTicks = 0;
        continue; // busy: keep going without parking
      }
      if (stopWhenIdle && moved == 0 && isIdleBut(closingHandler)) {
        return; // closing, and all that was handed over (also by racing publishers) has settled
      }
      idleTicks = moved > 0 ? 0 : idleTicks + 1;
      // A SlowHandlerListener, or a handler run here by a caller-runs executor, may leave the
      // interrupt flag set: park would then return at once, and an idle thread would spin.
      Thread.interrupted();
      if (idleTicks < IDLE_TICKS || stopWhenIdle) {
        LockSupport.parkNanos(this, tickNanos);
      } else {
        sleeping.set(true);
        if (intake.isEmpty() && running) {
          if (anyBusy()) {
            LockSupport.parkNanos(this, watchNanos); // a timeout or a stuck call to watch for
          } else if (unloggedDrops()) {
            LockSupport.parkNanos(this, DEEP_SLEEP_NANOS); // the rate limit held a warning back
          } else {
            LockSupport.park(this); // nothing to do until the next publish (or close) wakes it
          }
        }
        sleeping.set(false);
      }
    }
    // Stopped by a close that gave up at its deadline: a last pass for the events publishers
    // handed over meanwhile, so that they are counted in the handlers' queues (pending), not
    // left in the intake.
    try {
      while (distribute() == DISTRIBUTE_BATCH) {
        // keep going until the intake is empty
      }
      scheduleDrains(); // (nothing is submitted for a handler that close stopped)
    } catch (Throwable t) {
      Log.get().error("ZapJobs Events dispatcher failed on its last pass", t);
    }
  }

  /** The dispatcher thread's batch buffer: events taken from intake, not yet handed out. */
  private final Object[] batch = new Object[DISTRIBUTE_BATCH];

  /** The kind of each event in {@link #batch}. Dispatcher thread only. */
  private final byte[] kinds = new byte[DISTRIBUTE_BATCH];

  /** The events of {@link #batch} that one subscriber takes, when it takes only some kinds. */
  private final Object[] picked = new Object[DISTRIBUTE_BATCH];

  /**
   * Takes a batch from intake and hands it out subscriber by subscriber (each handler's events stay
   * in intake order): a handler that takes every event gets the batch in one bulk offer.
   */
  private int distribute() {
    int n = intake.drainSingleConsumer(batch);
    if (n == 0) {
      return 0;
    }
    int present = 0;
    for (int i = 0; i < n; i++) {
      int k = EventKinds.of(Envelope.eventOf(batch[i]));
      kinds[i] = (byte) k;
      present |= 1 << k;
    }
    for (Subscriber s : all) {
      if ((s.mask & present) == 0) {
        continue;
      }
      if ((s.mask & present) == present) {
        s.enqueueAll(batch, n);
      } else {
        int m = 0;
        for (int i = 0; i < n; i++) {
          if ((s.mask & (1 << kinds[i])) != 0) {
            picked[m++] = batch[i];
          }
        }
        s.enqueueAll(picked, m);
        Arrays.fill(picked, 0, m, null);
      }
    }
    Arrays.fill(batch, 0, n, null);
    fannedOut = intake.consumed();
    return n;
  }

  private void scheduleDrains() {
    for (Subscriber s : all) {
      s.flushHeldBack();
      if (s.hasQueued()
          && !s.stopped
          && !s.scheduled.get()
          && s.scheduled.compareAndSet(false, true)) {
        submit(s);
      }
    }
  }

  /**
   * Submits a handler's drain task, under a new ticket; called by whoever holds the handler's turn
   * ({@code scheduled}). If the executor refuses, the next tick tries again.
   */
  void submit(Subscriber s) {
    if (s.stopped) {
      s.unschedule(); // closed: what is queued stays queued, counted as pending
      return;
    }
    long ticket = submissions.incrementAndGet();
    s.pendingTicket.set(ticket);
    execute(s, ticket);
  }

  /**
   * Submits a drain task again that seems lost, if it still has not started. Dispatcher thread.
   *
   * @return false if it started meanwhile
   */
  boolean resubmit(Subscriber s, long ticket) {
    long again = submissions.incrementAndGet();
    if (!s.pendingTicket.compareAndSet(ticket, again)) {
      return false;
    }
    execute(s, again);
    return true;
  }

  /** A drain task claimed its ticket and runs. */
  void drainStarted(long ticket) {
    if (lostTasks != null && ticket > highestStarted.get()) {
      highestStarted.accumulateAndGet(ticket, Math::max);
    }
  }

  private void execute(Subscriber s, long ticket) {
    try {
      executor.execute(s);
    } catch (RuntimeException rejected) { // RejectedExecutionException, or a broken executor
      if (s.pendingTicket.compareAndSet(ticket, 0)) {
        s.unschedule();
      } // else an earlier copy of the task claimed the ticket and runs: it holds the turn
      long refusals = rejectedSubmissions.incrementAndGet();
      long held = rejectLog.tryAcquire();
      if (held < 0) {
        return;
      }
      if (executor.isShutdown()) {
        Log.get()
            .warn(
                "The executor was shut down while the dispatcher is still open, so handler {}"
                    + " cannot be given its queued events: they stay pending ({} refusals so far)."
                    + " Close the dispatcher before shutting down the executor it was given",
                s.name,
                refusals);
      } else {
        Log.get()
            .warn(
                "The executor refused the drain task of handler {}; its events stay queued and are"
                    + " retried on the next tick ({} refusals so far). Give the executor more"
                    + " threads or a longer queue (it needs room for one task per handler)",
                s.name,
                refusals);
      }
    }
  }

  /**
   * Something to watch or retry: a drain task out, events queued without one (refused), or an event
   * held back for a slot being freed.
   */
  private boolean anyBusy() {
    for (Subscriber s : all) {
      if (s.scheduled.get() || s.hasQueued() || s.isHoldingBack()) {
        return true;
      }
    }
    return false;
  }

  private void watch(long now) {
    logIntakeDrops();
    if (lostTasks != null) {
      lostTasks.check(now, highestStarted.get(), this);
    }
    for (Subscriber s : all) {
      s.logDrops();
      if (s.awaiting.get() != null) {
        s.checkTimeout(now);
      }
      long state = s.callState.get();
      if ((state & 1) == 0) {
        continue; // not inside a call
      }
      if (state != s.watchedState) {
        s.watchedState = state; // a new call: start timing it from now
        s.watchedSinceNanos = now;
        continue;
      }
      long running = now - s.watchedSinceNanos;
      if (running > slowNanos && s.reportedState != state) {
        s.reportedState = state;
        JobEvent e = s.current.get();
        try {
          slowListener.onSlowHandler(s.name, e, Duration.ofNanos(running));
        } catch (Throwable t) {
          Log.get()
              .warn(
                  "The SlowHandlerListener {} threw; fix it (it must not throw)",
                  slowListener.getClass().getName(),
                  t);
        }
      }
    }
  }

  /** Intake drops counted since the last log line; dispatcher thread only. */
  private long intakeDropsLogged;

  /** True if some drops have not been logged yet (the rate limit held the warning back). */
  private boolean unloggedDrops() {
    if (intakeDropTotal() != intakeDropsLogged) {
      return true;
    }
    for (Subscriber s : all) {
      if (s.hasUnloggedDrops()) {
        return true;
      }
    }
    return false;
  }

  private long intakeDropTotal() {
    long total = 0;
    for (LongAdder a : intakeDropped) {
      total += a.sum();
    }
    return total;
  }

  private void logIntakeDrops() {
    long total = intakeDropTotal();
    if (total != intakeDropsLogged && intakeLog.tryAcquire() >= 0) {
      Log.get()
          .warn(
              "Intake of {} events is full: {} events refused at publish since the last warning ({}"
                  + " in total), counted as INTAKE_FULL for every handler that subscribes to them."
                  + " Raise intakeCapacity to absorb bursts (the dispatcher thread falls behind when"
                  + " many handlers have full queues)",
              intake.capacity(),
              total - intakeDropsLogged,
              total);
      intakeDropsLogged = total;
    }
  }

  // ---------------------------------------------------------------- idle, stats, close

  /** True when every accepted event has been settled (delivered, failed or dropped). */
  public boolean isIdle() {
    return isIdleBut(null);
  }

  /**
   * {@link #isIdle()}, except that {@code caller} — a handler that called close from inside its own
   * call — counts as idle once nothing but that call is left to wait for.
   */
  private boolean isIdleBut(Subscriber caller) {
    if (!synchronous && fannedOut != intake.produced()) {
      return false;
    }
    for (Subscriber s : all) {
      if (s == caller ? !s.isIdleButForTheCaller() : !s.isIdle()) {
        return false;
      }
    }
    return true;
  }

  /** Waits until {@link #isIdle()} or the timeout passes. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    boolean idle = awaitUntil(System.nanoTime() + Math.max(0, timeout.toNanos()), this::isIdle);
    if (!idle && Thread.interrupted()) {
      throw new InterruptedException();
    }
    return idle;
  }

  /** A snapshot of the accounting. */
  public DispatcherStats stats() {
    long[] dropped = new long[EventKinds.COUNT];
    long droppedTotal = 0;
    for (int k = 0; k < EventKinds.COUNT; k++) {
      dropped[k] = intakeDropped[k].sum();
      droppedTotal += dropped[k];
    }
    List<HandlerStats> handlers = new ArrayList<>(all.length);
    for (Subscriber s : all) {
      handlers.add(s.stats(intakeDropsFor(s, dropped)));
    }
    long backlog = synchronous ? 0 : Math.max(0, intake.produced() - fannedOut);
    long accepted = synchronous ? directPublished.sum() : intake.produced();
    return new DispatcherStats(accepted + droppedTotal, refusedAfterClose.sum(), backlog, handlers);
  }

  /** A snapshot of one handler's accounting, without building the others'. */
  public HandlerStats stats(HandlerId id) {
    Subscriber s = byId.get(id);
    if (s == null) {
      throw new NoSuchElementException("no handler " + id + "; handlers: " + ids);
    }
    long[] dropped = new long[EventKinds.COUNT];
    for (int k = 0; k < EventKinds.COUNT; k++) {
      if ((s.mask & (1 << k)) != 0) {
        dropped[k] = intakeDropped[k].sum();
      }
    }
    return s.stats(intakeDropsFor(s, dropped));
  }

  private static long intakeDropsFor(Subscriber s, long[] droppedByKind) {
    long d = 0;
    for (int k = 0; k < EventKinds.COUNT; k++) {
      if ((s.mask & (1 << k)) != 0) {
        d += droppedByKind[k];
      }
    }
    return d;
  }

  /**
   * Stops intake, waits up to {@code timeout} for the accepted events to settle, stops the
   * dispatcher thread and (if it owns it) the executor, and reports. If the events do not settle in
   * time, no handler is given another event after this returns.
   *
   * <p>Called from inside a handler (its call, or an observer or interceptor running in its drain
   * task), close does not wait for that call, which cannot end before close returns, and stops that
   * handler: the events queued behind the call stay queued, counted as pending.
   */
  public CloseReport close(Duration timeout) {
    long start = System.nanoTime();
    long deadline = start + Math.max(0, timeout.toNanos());
    Subscriber caller = callingHandler();
    if (caller != null) {
      caller.stopped = true; // after its current call, it takes no further event
    }
    boolean first = closing.compareAndSet(false, true);
    if (first) {
      closingHandler = caller;
    }
    closed = true;
    // (a close that already gave up leaves nothing to wait for: halted)
    boolean settled = awaitUntil(deadline, () -> halted || isIdleBut(caller)) && !halted;
    if (first) {
      if (settled && dispatcherThread != null) {
        // Publishers that passed the closed check just before it was set may have handed over
        // events since: the dispatcher thread fans them out, watches them settle, then stops.
        stopWhenIdle = true;
        LockSupport.unpark(dispatcherThread);
        settled = joinDispatcherThread(deadline);
      }
      if (!settled) {
        halt(); // before the snapshot: no drain task takes another event after it
      }
      running = false;
      LockSupport.unpark(dispatcherThread);
      joinDispatcherThread(Math.max(deadline, System.nanoTime() + STOP_GRACE_NANOS));
    }
    // Snapshot before stopping the executor: shutdownNow() interrupts a stuck handler, which then
    // fails its event, so a later snapshot would not say what was left at the deadline.
    DispatcherStats atDeadline = stats();
    HandlerStats callerStats = caller == null ? null : atDeadline.handler(caller.id);
    long callerInFlight = callerStats == null ? 0 : Math.min(1, callerStats.inFlight());
    boolean drained = settled && atDeadline.pending() == callerInFlight;
    if (!drained && first) {
      // e.g. a publisher paused between its closed check and its hand-off until the dispatcher
      // thread had stopped, or the calling handler's own queue: nothing more is delivered
      halt();
    }
    long took = System.nanoTime() - start;
    if (first && ownsExecutor) {
      stopExecutor(drained, caller != null);
    }
    CloseReport report = new CloseReport(drained, Duration.ofNanos(took), atDeadline);
    if (first) {
      CloseLog.log(report, caller, callerStats == null ? 0 : callerStats.queued());
    }
    return report;
  }

  /** No drain task takes another event from now on (a call already starting may still run). */
  private void halt() {
    halted = true;
    for (Subscriber s : all) {
      s.stopped = true;
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
  private Subscriber callingHandler() {
    for (Subscriber s : all) {
      if (s.isCallingThread()) {
        return s;
      }
    }
    return null;
  }

  private boolean awaitUntil(long deadline, BooleanSupplier idle) {
    while (!idle.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      LockSupport.parkNanos(this, Math.min(left, TimeUnit.MICROSECONDS.toNanos(200)));
      if (Thread.currentThread().isInterrupted()) {
        return idle.getAsBoolean(); // closing from an interrupted thread: no waiting
      }
    }
    return true;
  }

  /**
   * Waits until the dispatcher thread has ended or {@code until} (System.nanoTime) passes; true if
   * it ended (or there is nothing to wait for: synchronous mode, or the caller is that thread, a
   * SlowHandlerListener calling close, which it leaves as soon as the caller returns). The thread
   * only outlives the wait if a supplied executor runs drain tasks on it (CallerRunsPolicy) and a
   * handler is stuck. An interrupted caller does not wait.
   */
  private boolean joinDispatcherThread(long until) {
    if (dispatcherThread == null || dispatcherThread == Thread.currentThread()) {
      return true; // none to wait for, or the caller is it: it stops after the caller returns
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

  /** True once close has begun. */
  public boolean isClosed() {
    return closed;
  }
}
