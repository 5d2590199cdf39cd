package dev.zapjobs.events.runtime;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.runtime.internal.DaemonThreadFactory;
import dev.zapjobs.events.runtime.internal.Engine;
import dev.zapjobs.events.runtime.internal.Interceptors;
import dev.zapjobs.events.runtime.internal.Observers;
import dev.zapjobs.events.runtime.internal.SubscriberSpec;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.slf4j.LoggerFactory;

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
    static final Logger LOG = LoggerFactory.getLogger(JobEventDispatcher.class);
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
   * this number. Zero if no handler takes events of its type.
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
    private Predicate<? super Class<?>> handlerFilter = type -> true;
    private ExecutorService executor;
    private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private int queueCapacity = 8192;
    private int intakeCapacity = 65_536;
    private OverflowPolicy policy = OverflowPolicy.DROP_NEWEST;
    private final Map<Class<?>, OverflowPolicy> policies = new HashMap<>();
    private Duration tick = Duration.ofMillis(1);
    private Duration asyncTimeout = Duration.ofSeconds(60);
    private final Map<Class<?>, Duration> asyncTimeouts = new HashMap<>();
    private Duration slowThreshold = Duration.ofSeconds(5);
    private SlowHandlerListener slowListener = Builder::logSlow;
    private final List<JobEventObserver> observers = new ArrayList<>();
    private final List<HandlerCallInterceptor> interceptors = new ArrayList<>();
    private boolean synchronous;

    private Builder() {}

    /**
     * Adds generated bindings explicitly (for example {@code new Alerts_JobEventHandlers()}): the
     * route for module-path applications and fully static setups. If no binding is added, {@link
     * #build()} discovers them with {@link ServiceLoader}.
     */
    public Builder addBinding(HandlerBinding... bindings) {
      for (HandlerBinding b : Objects.requireNonNull(bindings, "bindings")) {
        this.bindings.add(Objects.requireNonNull(b, "binding"));
      }
      return this;
    }

    /**
     * Also adds every binding registered for {@link ServiceLoader} (the processor registers each
     * generated class in {@code META-INF/services}), found through the thread context class loader.
     * Implied when no binding is added explicitly.
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
     * Where handler instances come from, e.g. {@code injector::getInstance} or {@code
     * applicationContext::getBean}. Without one (or when it returns null), the class's accessible
     * no-arg constructor is used, through generated code.
     */
    public Builder handlerResolver(HandlerResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Binds only the handler classes for which {@code filter} returns true (for example to leave
     * out the handlers of a shared jar). A class filtered out is not bound at all: no instance is
     * asked of the {@link HandlerResolver} or made, and it receives no event. Applies to discovered
     * and explicitly added bindings alike. Default: every handler class.
     */
    public Builder handlerFilter(Predicate<? super Class<?>> filter) {
      this.handlerFilter = Objects.requireNonNull(filter, "filter");
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
     *     (the message names the class and the fix) — or a registered binding cannot be loaded
     */
    public JobEventDispatcher build() {
      Map<Class<?>, HandlerBinding> unique = new LinkedHashMap<>();
      for (HandlerBinding b : bindings) {
        unique.putIfAbsent(b.handlerClass(), b);
      }
      if (discover || bindings.isEmpty()) {
        for (HandlerBinding b : discover()) {
          unique.putIfAbsent(b.handlerClass(), b);
        }
      }
      boolean found = !unique.isEmpty();
      unique.keySet().removeIf(type -> !accepts(type));
      List<HandlerBinding> ordered = new ArrayList<>(unique.values());
      ordered.sort(Comparator.comparing(b -> b.handlerClass().getName()));
      if (!found) {
        Logs.LOG.warn(
            "No @OnJobEvent handlers found: is the ZapJobs Events processor on the annotation"
                + " processor path of the code that declares them?");
      }

      List<SubscriberSpec> specs = new ArrayList<>();
      Set<HandlerId> ids = new HashSet<>();
      Set<String> names = new HashSet<>();
      for (HandlerBinding b : ordered) {
        Object instance = b.needsInstance() ? instantiate(b) : null;
        OverflowPolicy p = policies.getOrDefault(b.handlerClass(), policy);
        Duration timeout = asyncTimeouts.getOrDefault(b.handlerClass(), asyncTimeout);
        for (int m = 0; m < b.methodCount(); m++) {
          HandlerId id = HandlerId.of(b.handlerClass(), methodName(b, m), b.eventType(m));
          if (!ids.add(id)) {
            throw new IllegalStateException(
                "Two handler methods of binding "
                    + b.getClass().getName()
                    + " have the id "
                    + id
                    + ": a binding must not list one method twice. Rebuild the module that"
                    + " declares "
                    + b.handlerClass().getName());
          }
          String name = id.displayName();
          for (int n = 2; !names.add(name); n++) {
            name = id.displayName() + " #" + n;
          }
          specs.add(new SubscriberSpec(id, name, b, m, instance, p, queueCapacity, timeout));
        }
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
      return new JobEventDispatcher(
          new Engine(
              intakeCapacity,
              exec,
              owns,
              synchronous,
              tick,
              slowThreshold,
              slowListener,
              Observers.of(observers),
              Interceptors.of(interceptors),
              specs));
    }

    /**
     * The bare method name of method {@code m}, taken from the binding's readable name {@code
     * Simple.method(EventType)}.
     */
    private static String methodName(HandlerBinding b, int m) {
      String readable = b.methodName(m);
      int paren = readable.indexOf('(');
      String head = paren < 0 ? readable : readable.substring(0, paren);
      String method = head.substring(head.lastIndexOf('.') + 1).strip();
      return method.isEmpty() ? readable : method;
    }

    private List<HandlerBinding> discover() {
      ClassLoader loader =
          discoveryLoader != null
              ? discoveryLoader
              : Thread.currentThread().getContextClassLoader();
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
        throw new IllegalStateException(
            "Could not load a generated ZapJobs Events binding listed in META-INF/services/"
                + HandlerBinding.class.getName()
                + ": "
                + e.getMessage()
                + ". Rebuild the module that declares the handler (a stale services file can"
                + " name a class that no longer exists).",
            e);
      }
      return found;
    }

    private boolean accepts(Class<?> type) {
      try {
        return handlerFilter.test(type);
      } catch (RuntimeException | Error e) {
        throw new IllegalStateException(
            "The handler filter failed on handler class " + type.getName() + ": " + e, e);
      }
    }

    private Object instantiate(HandlerBinding b) {
      Class<?> type = b.handlerClass();
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
          instance = b.newInstance();
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
