package dev.zapjobs.events.runtime;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.runtime.internal.DaemonThreadFactory;
import dev.zapjobs.events.runtime.internal.Engine;
import dev.zapjobs.events.runtime.internal.EngineConfig;
import dev.zapjobs.events.runtime.internal.EventFilter;
import dev.zapjobs.events.runtime.internal.HandlerSpec;
import dev.zapjobs.events.runtime.internal.Interceptors;
import dev.zapjobs.events.runtime.internal.Log;
import dev.zapjobs.events.runtime.internal.Observers;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import dev.zapjobs.events.runtime.spi.HandlerMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * Delivers job lifecycle events to {@code @OnJobEvent} handler methods, on background threads,
 * without ever blocking or failing the job that publishes them.
 *
 * <pre>{@code
 * JobEventDispatcher dispatcher = JobEventDispatcher.builder()
 *     .handlerResolver(injector::getInstance)   // optional: handler instances from your DI container
 *     .build();                                 // finds every generated binding with ServiceLoader
 * jobRunner.setEventPublisher(dispatcher);      // a JobEventPublisher
 * ...
 * dispatcher.close(Duration.ofSeconds(5));      // drain what is pending, then report
 * }</pre>
 *
 * <p>{@link #publish} puts the event in a bounded lock-free intake ring and returns; it takes no
 * lock, allocates nothing and wakes no thread per event while events keep coming (after about 64
 * idle ticks the dispatcher thread sleeps, and the first publish after that wakes it once). A
 * dispatcher thread moves events, every tick ({@link Builder#deliveryInterval}, default 1 ms) or
 * continuously while busy, into each subscribed handler's own bounded queue; drain tasks on the
 * executor call the handlers.
 *
 * <p>Guarantees: per handler, the events of one run (indeed all events) arrive in publish order; a
 * slow or stuck handler fills only its own queue; failures and drops are counted per handler and
 * logged, never thrown to the publisher; each call is counted the moment it settles, so in every
 * {@link #stats()} snapshot, per handler, {@code published == delivered + failed + dropped +
 * pending}. Each promise, with its limits, is in {@code docs/GUARANTEES.md}.
 *
 * <p>Extension points: a {@link JobEventObserver} is told about every settled call and every drop
 * (metrics, tracing, forwarding); a {@link HandlerCallInterceptor} carries context such as the MDC
 * from the publishing thread into the handler calls. Handlers are identified by {@link HandlerId}.
 */
public final class JobEventDispatcher implements JobEventPublisher, AutoCloseable {
  /** Made on first use, so that building a dispatcher does not initialize the logging backend. */
  private static final class Logs {
    static final Logger LOG = Log.of(JobEventDispatcher.class);
  }

  /** The default {@link #close()} deadline. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final Engine engine;

  private JobEventDispatcher(Engine engine) {
    this.engine = engine;
  }

  /** Starts configuring a dispatcher. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Hands an event over for delivery and returns at once. Never blocks, and never throws because of
   * a handler. If the intake is full the event is dropped and counted ({@link
   * DropReason#INTAKE_FULL}); after {@link #close} it is refused and counted ({@link
   * DispatcherStats#refusedAfterClose()}).
   *
   * @throws NullPointerException if {@code event} is null
   */
  @Override
  public void publish(JobEvent event) {
    engine.publish(event);
  }

  /** A snapshot of the accounting, per handler and in total; exact as {@link HandlerStats} says. */
  public DispatcherStats stats() {
    return engine.stats();
  }

  /**
   * A snapshot of one handler's accounting: the same numbers as {@code stats().handler(id)},
   * without building the others' — cheap enough for a metrics gauge read on every scrape.
   *
   * @throws NoSuchElementException if the dispatcher has no handler with this id (the message lists
   *     the ids it has)
   */
  public HandlerStats stats(HandlerId id) {
    return engine.stats(Objects.requireNonNull(id, "id"));
  }

  /**
   * The ids of every handler method this dispatcher delivers to, in a stable order (by handler
   * class name, then as the generated binding lists its methods) — the order of {@link
   * DispatcherStats#handlers()}.
   */
  public List<HandlerId> handlerIds() {
    return engine.handlerIds();
  }

  /**
   * How many handler methods {@code event} is delivered to: each of them settles it once or drops
   * it once, as a {@link JobEventObserver} sees. A consumer that must know when every handler is
   * done with an event (to acknowledge it upstream, say) counts the observer's reports for it up to
   * this number. A handler method whose {@code jobTypes} or {@code queues} filter rejects {@code
   * event} is not among them. Zero if no handler takes it.
   *
   * @throws NullPointerException if {@code event} is null
   */
  public int handlerCount(JobEvent event) {
    return engine.handlerCount(Objects.requireNonNull(event, "event"));
  }

  /**
   * Waits until every event accepted so far is settled — delivered, failed or dropped, including
   * outstanding async stages — or the timeout passes.
   *
   * @return true if idle, false on timeout
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return engine.awaitIdle(Objects.requireNonNull(timeout, "timeout"));
  }

  /**
   * Stops intake (later publishes are refused and counted), delivers what is pending within {@code
   * timeout}, stops the dispatcher's threads (a default executor is shut down; a supplied one is
   * left alone) and reports what was delivered and what was left. If the deadline passes, drain
   * tasks take no further event (a call that was already starting may still run): what is still
   * queued stays undelivered and counted as pending, and a default executor is shut down with
   * interrupts, so a stuck handler call may end with an exception, counted as a failure. Stopping
   * the dispatcher thread may add a few tens of milliseconds to {@code timeout}; a caller that is
   * interrupted does not wait. Calling it again returns a fresh report at once if the first call
   * gave up, and otherwise waits no longer than {@code timeout}.
   */
  public CloseReport close(Duration timeout) {
    return engine.close(Objects.requireNonNull(timeout, "timeout"));
  }

  /** {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}; the report is logged. */
  @Override
  public void close() {
    close(DEFAULT_CLOSE_TIMEOUT);
  }

  /** True once {@link #close} has been called. */
  public boolean isClosed() {
    return engine.isClosed();
  }

  /** Configures and builds a {@link JobEventDispatcher}. Not thread-safe; use it once. */
  public static final class Builder {
    private final List<HandlerBinding> bindings = new ArrayList<>();
    private boolean discover;
    private ClassLoader discoveryLoader;
    private HandlerResolver resolver;
    private ExecutorService executor;
    private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int queueCapacity = 8192;
    private int intakeCapacity = 65_536;
    private OverflowPolicy policy = OverflowPolicy.DROP_NEWEST;
    private final Map<Class<?>, OverflowPolicy> policies = new HashMap<>();
    private Duration tick = Duration.ofMillis(1);
    private Duration asyncTimeout = Duration.ofSeconds(60);
    private final Map<Class<?>, Duration> asyncTimeouts = new HashMap<>();
    private final Map<Class<?>, Integer> asyncWindows = new HashMap<>();
    private Duration slowThreshold = Duration.ofSeconds(5);
    private SlowHandlerListener slowListener = new LoggingSlowHandlerListener();
    private final List<JobEventObserver> observers = new ArrayList<>();
    private final List<HandlerCallInterceptor> interceptors = new ArrayList<>();
    private boolean synchronous;
    private Predicate<? super Class<?>> handlerFilter; // null: every handler class

    private Builder() {}

    /**
     * Adds generated bindings explicitly (for example {@code new
     * com.acme.alerts.ZapJobs_HandlerBinding()}, which binds every handler class of package {@code
     * com.acme.alerts}): the route for module-path applications and fully static setups. If no
     * binding is added, {@link #build()} discovers them with {@link ServiceLoader}. A handler class
     * listed by several bindings is bound once, by the first.
     */
    public Builder addBinding(HandlerBinding... bindings) {
      for (HandlerBinding b : Objects.requireNonNull(bindings, "bindings")) {
        this.bindings.add(Objects.requireNonNull(b, "binding"));
      }
      return this;
    }

    /**
     * Also adds every binding registered for {@link ServiceLoader} (the processor registers the
     * binding it generates for each package in {@code META-INF/services}), found through the thread
     * context class loader. Implied when no binding is added explicitly.
     */
    public Builder discoverHandlers() {
      this.discover = true;
      return this;
    }

    /** Like {@link #discoverHandlers()}, searching {@code loader}. */
    public Builder discoverHandlers(ClassLoader loader) {
      this.discover = true;
      this.discoveryLoader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /**
     * Delivers only to the handler classes that {@code filter} accepts, among those added with
     * {@link #addBinding} or discovered; the others are neither instantiated nor subscribed. For
     * tests that exercise some handlers only, and for applications whose class path holds handler
     * classes they do not want. {@link #build()} asks it once per handler class. Default: every
     * handler class; setting it again replaces it.
     */
    public Builder handlerFilter(Predicate<? super Class<?>> filter) {
      this.handlerFilter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /**
     * Where handler instances come from, e.g. {@code injector::getInstance} or {@code
     * applicationContext::getBean}. Without one (or when it returns null), the class's accessible
     * no-arg constructor is used, through generated code.
     */
    public Builder handlerResolver(HandlerResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Runs handlers on this executor instead of the default one (for example {@code
     * Executors.newVirtualThreadPerTaskExecutor()} on Java 21+). It is never shut down by the
     * dispatcher. At most one task per handler is queued on it at any time; if it refuses a task,
     * the events stay queued and the task is offered again on the next tick. It must run tasks on
     * its own threads: an executor that runs them on the calling thread (a "direct" executor) would
     * run handlers on the dispatcher's thread and undo the bulkheads.
     */
    public Builder executor(ExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Threads of the default executor (bounded, named {@code zapjobs-events-handler-N}, daemon).
     * Default: the number of processors, at least 2. A stuck handler holds one thread; give at
     * least one more thread than the handlers you expect to be stuck at once.
     */
    public Builder threads(int threads) {
      this.threads = positive(threads, "threads");
      return this;
    }

    /** Capacity of each handler's queue (rounded up to a power of two). Default 8192. */
    public Builder queueCapacity(int capacity) {
      this.queueCapacity = atLeastTwo(capacity, "queueCapacity");
      return this;
    }

    /** Capacity of the shared intake ring (rounded up to a power of two). Default 65536. */
    public Builder intakeCapacity(int capacity) {
      this.intakeCapacity = atLeastTwo(capacity, "intakeCapacity");
      return this;
    }

    /** What a full handler queue does. Default {@link OverflowPolicy#DROP_NEWEST}. */
    public Builder overflowPolicy(OverflowPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The overflow policy of every handler method of {@code handlerClass}. */
    public Builder overflowPolicy(Class<?> handlerClass, OverflowPolicy policy) {
      policies.put(
          Objects.requireNonNull(handlerClass, "handlerClass"),
          Objects.requireNonNull(policy, "policy"));
      return this;
    }

    /**
     * The dispatcher thread's tick: the longest an event waits before it is handed to the handlers'
     * queues while events are sparse (under load they move continuously). Default 1 ms. After about
     * 64 ticks without events the dispatcher thread sleeps, and the next {@code publish} wakes it
     * (one wake-up per quiet period).
     */
    public Builder deliveryInterval(Duration interval) {
      this.tick = positive(interval, "deliveryInterval");
      return this;
    }

    /**
     * How long an asynchronous handler's stage may take before it counts as a failure ({@link
     * FailureKind#TIMED_OUT}) and the handler moves on to its next event. Default 60 s.
     */
    public Builder asyncTimeout(Duration timeout) {
      this.asyncTimeout = positive(timeout, "asyncTimeout");
      return this;
    }

    /** The async timeout of every handler method of {@code handlerClass}. */
    public Builder asyncTimeout(Class<?> handlerClass, Duration timeout) {
      asyncTimeouts.put(
          Objects.requireNonNull(handlerClass, "handlerClass"), positive(timeout, "asyncTimeout"));
      return this;
    }

    /**
     * How many calls of each asynchronous handler method of {@code handlerClass} may have their
     * stages outstanding at once (default 1: the next event waits for the stage). Calls are still
     * made one at a time, in publish order, and each is counted when its own stage settles; but
     * with a window above 1 the next call is made before the previous stage has completed, so the
     * handler itself must keep whatever order its effects need (a Kafka producer does, per
     * partition). The window is bounded like the queue: when it is full, the next event waits.
     */
    public Builder asyncWindow(Class<?> handlerClass, int calls) {
      asyncWindows.put(
          Objects.requireNonNull(handlerClass, "handlerClass"), positive(calls, "asyncWindow"));
      return this;
    }

    /**
     * How long a handler may run on one event before it is reported, while it still runs. Default 5
     * s.
     */
    public Builder slowHandlerThreshold(Duration threshold) {
      this.slowThreshold = positive(threshold, "slowHandlerThreshold");
      return this;
    }

    /** Who is told about slow handlers. Default: a warning in the log. */
    public Builder slowHandlerListener(SlowHandlerListener listener) {
      this.slowListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Adds an observer, told about every settled handler call (with its exact duration) and every
     * dropped delivery, after they are counted. May be called several times: observers are called
     * in the order they were added. With none, the dispatcher does no work for them. See {@link
     * JobEventObserver}.
     */
    public Builder observer(JobEventObserver observer) {
      observers.add(Objects.requireNonNull(observer, "observer"));
      return this;
    }

    /**
     * Adds an interceptor, which carries context (MDC, a trace) from the publishing thread to each
     * handler call and can wrap the calls. May be called several times: interceptors capture and
     * enter in the order they were added, and close and settle in reverse. With none, {@code
     * publish} captures nothing and allocates nothing. See {@link HandlerCallInterceptor}.
     */
    public Builder interceptor(HandlerCallInterceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /**
     * Test mode: handlers run on the publishing thread, inside {@code publish}, one after another.
     * Failures are still caught and counted; no threads are started. Async handlers' stages are
     * counted when they complete, without ordering or timeout. For unit tests, not production.
     */
    public Builder synchronous() {
      this.synchronous = true;
      return this;
    }

    /**
     * Builds and starts the dispatcher.
     *
     * @throws IllegalStateException if a handler instance cannot be obtained — the resolver or the
     *     constructor failed, with an exception or an error such as {@code NoClassDefFoundError}
     *     (the message names the class and the fix) — the handler filter threw, or a registered
     *     binding cannot be loaded
     */
    public JobEventDispatcher build() {
      List<HandlerBinding> all = new ArrayList<>(bindings);
      ClassLoader loader =
          discoveryLoader != null
              ? discoveryLoader
              : Thread.currentThread().getContextClassLoader();
      boolean discovering = discover || bindings.isEmpty();
      if (discovering) {
        all.addAll(discover(loader));
      }
      List<HandlerTable.Entry> entries = HandlerTable.of(all);
      if (entries.isEmpty()) {
        Logs.LOG.warn(
            discovering && all.isEmpty()
                ? Discovery.noHandlersFound(loader)
                : Discovery.PROCESSOR_PATH);
      }

      // Start-up code, run once per handler method, mostly in the interpreter: plain loops, no
      // lambdas (each spins a class on first use), no lookups that are known to miss.
      Map<Class<?>, Boolean> accepted = new IdentityHashMap<>();
      Map<Class<?>, Object> instances = new IdentityHashMap<>();
      Map<List<Set<String>>, EventFilter> filters = new HashMap<>();
      List<HandlerSpec> specs = new ArrayList<>(entries.size());
      Set<HandlerId> ids = new HashSet<>();
      Set<String> names = new HashSet<>();
      for (HandlerTable.Entry e : entries) {
        HandlerMethod m = e.handler();
        Class<?> type = m.handlerClass();
        if (handlerFilter != null) { // asked once per handler class
          Boolean keep = accepted.get(type);
          if (keep == null) {
            try {
              keep = handlerFilter.test(type);
            } catch (RuntimeException | LinkageError failure) {
              throw new IllegalStateException(
                  "The handler filter failed on handler class " + type.getName() + ": " + failure,
                  failure);
            }
            accepted.put(type, keep);
          }
          if (!keep) {
            continue;
          }
        }
        Object instance = null;
        if (!m.isStatic()) { // one instance per class, shared by its methods
          instance = instances.get(type);
          if (instance == null) {
            instance = instantiate(e);
            instances.put(type, instance);
          }
        }
        HandlerId id = HandlerId.of(type, m.name(), m.eventType());
        if (!ids.add(id)) {
          throw new IllegalStateException(
              "Two handler methods of binding "
                  + e.binding().getClass().getName()
                  + " have the id "
                  + id
                  + ": a binding must not list one method twice. Rebuild the module that"
                  + " declares "
                  + type.getName());
        }
        // The binding's own text: the same as id.displayName() for generated code, but made of
        // string constants, so it stays readable when a shrinker renames the classes.
        String readable = e.binding().displayName(m);
        String name = readable;
        for (int n = 2; !names.add(name); n++) {
          name = readable + " #" + n;
        }
        EventFilter filter = null;
        if (!m.jobTypes().isEmpty() || !m.queues().isEmpty()) {
          List<Set<String>> key = List.of(m.jobTypes(), m.queues());
          filter = filters.get(key); // one instance per distinct filter: it counts intake drops
          if (filter == null) {
            filter = new EventFilter(m.jobTypes(), m.queues());
            filters.put(key, filter);
          }
        }
        OverflowPolicy p = policies.isEmpty() ? policy : policies.getOrDefault(type, policy);
        Duration timeout =
            asyncTimeouts.isEmpty() ? asyncTimeout : asyncTimeouts.getOrDefault(type, asyncTimeout);
        int window = asyncWindows.isEmpty() ? 1 : asyncWindows.getOrDefault(type, 1);
        specs.add(
            new HandlerSpec(
                id,
                name,
                e.binding(),
                e.method(),
                m,
                filter,
                instance,
                p,
                queueCapacity,
                timeout,
                window));
      }

      ExecutorService exec = executor;
      boolean owns = false;
      if (exec == null && !synchronous) {
        ThreadPoolExecutor pool =
            new ThreadPoolExecutor(
                threads,
                threads,
                30,
                TimeUnit.SECONDS,
                // at most one drain task per handler is ever queued
                new ArrayBlockingQueue<>(Math.max(16, specs.size() * 2)),
                new DaemonThreadFactory("zapjobs-events-handler"));
        pool.allowCoreThreadTimeOut(true);
        exec = pool;
        owns = true;
      }
      EngineConfig config =
          new EngineConfig(
              intakeCapacity,
              exec,
              owns,
              synchronous,
              tick,
              slowThreshold,
              slowListener,
              Observers.of(observers),
              Interceptors.of(interceptors));
      return new JobEventDispatcher(Engine.start(config, specs));
    }

    private static List<HandlerBinding> discover(ClassLoader loader) {
      List<HandlerBinding> found = new ArrayList<>();
      try {
        ServiceLoader<HandlerBinding> sl =
            loader == null
                ? ServiceLoader.load(HandlerBinding.class)
                : ServiceLoader.load(HandlerBinding.class, loader);
        for (HandlerBinding b : sl) {
          found.add(b);
        }
      } catch (ServiceConfigurationError e) {
        throw new IllegalStateException(Discovery.bindingNotLoadable(e), e);
      }
      return found;
    }

    private Object instantiate(HandlerTable.Entry entry) {
      Class<?> type = entry.handler().handlerClass();
      Object instance = null;
      if (resolver != null) {
        try {
          instance = resolver.resolve(type);
        } catch (VirtualMachineError fatal) {
          throw fatal; // out of memory and the like: nothing the message could help with
        } catch (Throwable e) { // also Errors: NoClassDefFoundError, ExceptionInInitializerError
          throw new IllegalStateException(
              "The HandlerResolver failed to provide an instance of handler class "
                  + type.getName()
                  + ": "
                  + e
                  + (e instanceof LinkageError
                      ? ". A class it needs could not be loaded or initialized: check that its"
                          + " dependencies are on the class path and that its static"
                          + " initializers do not fail"
                      : ""),
              e);
        }
        if (instance != null && !type.isInstance(instance)) {
          throw new IllegalStateException(
              "The HandlerResolver returned a "
                  + instance.getClass().getName()
                  + " for handler class "
                  + type.getName()
                  + "; it must return an instance of that class");
        }
      }
      if (instance == null) {
        try {
          instance = entry.binding().newInstance(entry.method());
        } catch (VirtualMachineError fatal) {
          throw fatal;
        } catch (Throwable e) {
          throw new IllegalStateException(
              "The no-arg constructor of handler class "
                  + type.getName()
                  + " failed: "
                  + e
                  + ". Fix the constructor, or set a HandlerResolver that supplies the instance",
              e);
        }
      }
      if (instance == null) {
        throw new IllegalStateException(
            "Cannot create handler class "
                + type.getName()
                + ": it has @OnJobEvent instance methods but no accessible no-arg constructor"
                + (resolver == null
                    ? ", and no HandlerResolver is set. Set one, e.g."
                        + " builder.handlerResolver(injector::getInstance), or give the class a"
                        + " public or package-private no-arg constructor."
                    : ", and the HandlerResolver returned null for it. Make your container provide"
                        + " it, or give the class a public or package-private no-arg"
                        + " constructor."));
      }
      return instance;
    }

    /**
     * The default: a warning in the log. A class rather than a method reference, which would spin a
     * class at run time on every start-up.
     */
    private static final class LoggingSlowHandlerListener implements SlowHandlerListener {
      @Override
      public void onSlowHandler(String handler, JobEvent event, Duration runningFor) {
        logSlow(handler, event, runningFor);
      }
    }

    private static void logSlow(String handler, JobEvent event, Duration runningFor) {
      Logs.LOG.warn(
          "Handler {} has been running for {} ms on {} of run {} (job type {}) and has not"
              + " returned yet. If it is stuck, a thread dump shows where it waits; if such calls"
              + " are expected, raise slowHandlerThreshold",
          handler,
          runningFor.toMillis(),
          event == null ? "?" : event.getClass().getSimpleName(),
          event == null ? "?" : event.runId(),
          event == null ? "?" : event.jobTypeId());
    }

    private static int positive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be >= 1, was " + value);
      }
      return value;
    }

    private static int atLeastTwo(int value, String name) {
      if (value < 2 || value > (1 << 30)) {
        throw new IllegalArgumentException(name + " must be between 2 and 2^30, was " + value);
      }
      return value;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
