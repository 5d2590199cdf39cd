package dev.zapjobs.events.spring.boot;

import dev.zapjobs.events.runtime.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code zapjobs.events.*} properties: one for every knob of {@code
 * JobEventDispatcher.builder()}, plus how handler instances are found and how the dispatcher is
 * shut down and watched. The table with defaults is in {@code docs/SPRING-BOOT.md}; IDEs complete
 * them from the configuration metadata in this jar.
 */
@ConfigurationProperties(prefix = "zapjobs.events")
public class ZapJobsEventsProperties {

  /** Whether to auto-configure the dispatcher. */
  private boolean enabled = true;

  /**
   * Threads of the dispatcher's own handler pool (executor=pool). Default: the number of
   * processors, at least 2. Keep at least one more than the handlers you expect to be stuck at
   * once.
   */
  private Integer threads;

  /** Capacity of each handler's queue (rounded up to a power of two). */
  private int queueCapacity = 8192;

  /** Capacity of the shared intake ring (rounded up to a power of two). */
  private int intakeCapacity = 65536;

  /** What a full handler queue does with an arriving event, for every handler class. */
  private OverflowPolicy overflowPolicy = OverflowPolicy.DROP_NEWEST;

  /**
   * Overflow policy per handler class, keyed by the class's name (nested classes with a dot or a
   * dollar sign), for example {@code zapjobs.events.overflow-policies.com.acme.Audit=drop-oldest}.
   */
  private Map<String, OverflowPolicy> overflowPolicies = new LinkedHashMap<>();

  /**
   * How long an asynchronous handler's stage may take before it counts as timed out and the handler
   * moves on.
   */
  private Duration asyncTimeout = Duration.ofSeconds(60);

  /**
   * Async timeout per handler class, keyed by the class's name: a duration such as 500ms, 5s or
   * PT5S.
   */
  private Map<String, String> asyncTimeouts = new LinkedHashMap<>();

  /** How long a handler may run on one event before it is reported, while it still runs. */
  private Duration slowHandlerThreshold = Duration.ofSeconds(5);

  /**
   * The dispatcher thread's tick: the longest an event waits before it is handed to the handlers'
   * queues while events are sparse.
   */
  private Duration deliveryInterval = Duration.ofMillis(1);

  /**
   * How long shutdown waits for pending events to be delivered before it gives up and reports what
   * was left. Keep it below spring.lifecycle.timeout-per-shutdown-phase.
   */
  private Duration closeTimeout = Duration.ofSeconds(10);

  /**
   * Test mode: handlers run on the publishing thread, inside publish, with failures still caught
   * and counted. For tests, not production.
   */
  private boolean synchronous = false;

  /** Where handler methods run. */
  private Executor executor = Executor.AUTO;

  /**
   * The SmartLifecycle phase in which the dispatcher drains and closes on shutdown. Default:
   * Integer.MAX_VALUE / 2 - 1024, after the web server and Spring's executors and schedulers have
   * stopped, so jobs finish publishing first (Integer.MAX_VALUE / 2 + 1024 with
   * executor=application, which must drain before Boot's executor pauses).
   */
  private Integer shutdownPhase;

  /** Which handler classes are bound, and where their instances come from. */
  private final Handlers handlers = new Handlers();

  /** The health indicator. */
  private final Health health = new Health();

  /** Micrometer meters of every handler call, drop and queue (with zapjobs-events-micrometer). */
  private final Toggle metrics = new Toggle();

  /** The job thread's context carried into the handler calls (with context-propagation). */
  private final ContextPropagation contextPropagation = new ContextPropagation();

  /** Each handler call as a Micrometer Observation (with an ObservationRegistry bean). */
  private final Toggle observations = new Toggle();

  /** A part that is on unless turned off. */
  public static class Toggle {

    /** Whether this part is on. */
    private boolean enabled = true;

    /** Whether this part is on. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Turns this part on or off. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** The job thread's context carried into the handler calls. */
  public static class ContextPropagation extends Toggle {

    /** Whether the SLF4J MDC is carried too. */
    private boolean mdc = true;

    /** Whether the SLF4J MDC is carried too. */
    public boolean isMdc() {
      return mdc;
    }

    /** Sets whether the SLF4J MDC is carried too. */
    public void setMdc(boolean mdc) {
      this.mdc = mdc;
    }
  }

  /** Where handler methods run. */
  public enum Executor {
    /**
     * Virtual threads if spring.threads.virtual.enabled is true and Java is 21 or newer, otherwise
     * the dispatcher's own pool.
     */
    AUTO,
    /** The dispatcher's own bounded pool of named daemon threads (see threads). */
    POOL,
    /** A new virtual thread per drain task (Java 21+). */
    VIRTUAL,
    /** Spring Boot's applicationTaskExecutor bean (the one behind @Async). */
    APPLICATION
  }

  /** What to do with a handler class that has no bean in the application context. */
  public enum HandlerFallback {
    /**
     * Create it through the bean factory: constructor
     * injection, @Autowired, @Value, @PostConstruct, proxies; destroyed after the dispatcher
     * closes. Logged at INFO.
     */
    CREATE,
    /** Use its no-arg constructor (through generated code), as without Spring. */
    CONSTRUCTOR,
    /** Do not bind it; a warning names it. */
    SKIP,
    /** Fail start-up, naming the class and the fix. */
    FAIL
  }

  /** Which handler classes are bound, and where their instances come from. */
  public static class Handlers {

    /**
     * Bind only handler classes in these packages (and their subpackages) or with these class
     * names. Empty: every handler class found.
     */
    private List<String> include = new ArrayList<>();

    /**
     * Never bind handler classes in these packages (and their subpackages) or with these class
     * names. Wins over include.
     */
    private List<String> exclude = new ArrayList<>();

    /** What to do with a handler class that has no bean in the application context. */
    private HandlerFallback fallback = HandlerFallback.CREATE;

    /** The value of {@code zapjobs.events.handlers.include}. */
    public List<String> getInclude() {
      return include;
    }

    /** Sets {@code zapjobs.events.handlers.include}. */
    public void setInclude(List<String> include) {
      this.include = include;
    }

    /** The value of {@code zapjobs.events.handlers.exclude}. */
    public List<String> getExclude() {
      return exclude;
    }

    /** Sets {@code zapjobs.events.handlers.exclude}. */
    public void setExclude(List<String> exclude) {
      this.exclude = exclude;
    }

    /** The value of {@code zapjobs.events.handlers.fallback}. */
    public HandlerFallback getFallback() {
      return fallback;
    }

    /** Sets {@code zapjobs.events.handlers.fallback}. */
    public void setFallback(HandlerFallback fallback) {
      this.fallback = fallback;
    }
  }

  /** The health indicator. */
  public static class Health {

    /**
     * Drops are counted over this window: from the newest earlier health check that is at least
     * this old (or from start-up) to now.
     */
    private Duration dropWindow = Duration.ofMinutes(1);

    /** Health status while a handler dropped events within the drop window. */
    private String dropsStatus = "DOWN";

    /** Health status while a handler has been running on one event past slow-handler-threshold. */
    private String stuckStatus = "DOWN";

    /** The value of {@code zapjobs.events.health.drop-window}. */
    public Duration getDropWindow() {
      return dropWindow;
    }

    /** Sets {@code zapjobs.events.health.drop-window}. */
    public void setDropWindow(Duration dropWindow) {
      this.dropWindow = dropWindow;
    }

    /** The value of {@code zapjobs.events.health.drops-status}. */
    public String getDropsStatus() {
      return dropsStatus;
    }

    /** Sets {@code zapjobs.events.health.drops-status}. */
    public void setDropsStatus(String dropsStatus) {
      this.dropsStatus = dropsStatus;
    }

    /** The value of {@code zapjobs.events.health.stuck-status}. */
    public String getStuckStatus() {
      return stuckStatus;
    }

    /** Sets {@code zapjobs.events.health.stuck-status}. */
    public void setStuckStatus(String stuckStatus) {
      this.stuckStatus = stuckStatus;
    }
  }

  /** The value of {@code zapjobs.events.enabled}. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Sets {@code zapjobs.events.enabled}. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** The value of {@code zapjobs.events.threads}. */
  public Integer getThreads() {
    return threads;
  }

  /** Sets {@code zapjobs.events.threads}. */
  public void setThreads(Integer threads) {
    this.threads = threads;
  }

  /** The value of {@code zapjobs.events.queue-capacity}. */
  public int getQueueCapacity() {
    return queueCapacity;
  }

  /** Sets {@code zapjobs.events.queue-capacity}. */
  public void setQueueCapacity(int queueCapacity) {
    this.queueCapacity = queueCapacity;
  }

  /** The value of {@code zapjobs.events.intake-capacity}. */
  public int getIntakeCapacity() {
    return intakeCapacity;
  }

  /** Sets {@code zapjobs.events.intake-capacity}. */
  public void setIntakeCapacity(int intakeCapacity) {
    this.intakeCapacity = intakeCapacity;
  }

  /** The value of {@code zapjobs.events.overflow-policy}. */
  public OverflowPolicy getOverflowPolicy() {
    return overflowPolicy;
  }

  /** Sets {@code zapjobs.events.overflow-policy}. */
  public void setOverflowPolicy(OverflowPolicy overflowPolicy) {
    this.overflowPolicy = overflowPolicy;
  }

  /** The value of {@code zapjobs.events.overflow-policies}. */
  public Map<String, OverflowPolicy> getOverflowPolicies() {
    return overflowPolicies;
  }

  /** Sets {@code zapjobs.events.overflow-policies}. */
  public void setOverflowPolicies(Map<String, OverflowPolicy> overflowPolicies) {
    this.overflowPolicies = overflowPolicies;
  }

  /** The value of {@code zapjobs.events.async-timeout}. */
  public Duration getAsyncTimeout() {
    return asyncTimeout;
  }

  /** Sets {@code zapjobs.events.async-timeout}. */
  public void setAsyncTimeout(Duration asyncTimeout) {
    this.asyncTimeout = asyncTimeout;
  }

  // Strings, not Durations: Spring Boot keeps dots in map keys only for java.lang and enum values
  /** The value of {@code zapjobs.events.async-timeouts}. */
  public Map<String, String> getAsyncTimeouts() {
    return asyncTimeouts;
  }

  /** Sets {@code zapjobs.events.async-timeouts}. */
  public void setAsyncTimeouts(Map<String, String> asyncTimeouts) {
    this.asyncTimeouts = asyncTimeouts;
  }

  /** The value of {@code zapjobs.events.slow-handler-threshold}. */
  public Duration getSlowHandlerThreshold() {
    return slowHandlerThreshold;
  }

  /** Sets {@code zapjobs.events.slow-handler-threshold}. */
  public void setSlowHandlerThreshold(Duration slowHandlerThreshold) {
    this.slowHandlerThreshold = slowHandlerThreshold;
  }

  /** The value of {@code zapjobs.events.delivery-interval}. */
  public Duration getDeliveryInterval() {
    return deliveryInterval;
  }

  /** Sets {@code zapjobs.events.delivery-interval}. */
  public void setDeliveryInterval(Duration deliveryInterval) {
    this.deliveryInterval = deliveryInterval;
  }

  /** The value of {@code zapjobs.events.close-timeout}. */
  public Duration getCloseTimeout() {
    return closeTimeout;
  }

  /** Sets {@code zapjobs.events.close-timeout}. */
  public void setCloseTimeout(Duration closeTimeout) {
    this.closeTimeout = closeTimeout;
  }

  /** The value of {@code zapjobs.events.synchronous}. */
  public boolean isSynchronous() {
    return synchronous;
  }

  /** Sets {@code zapjobs.events.synchronous}. */
  public void setSynchronous(boolean synchronous) {
    this.synchronous = synchronous;
  }

  /** The value of {@code zapjobs.events.executor}. */
  public Executor getExecutor() {
    return executor;
  }

  /** Sets {@code zapjobs.events.executor}. */
  public void setExecutor(Executor executor) {
    this.executor = executor;
  }

  /** The value of {@code zapjobs.events.shutdown-phase}. */
  public Integer getShutdownPhase() {
    return shutdownPhase;
  }

  /** Sets {@code zapjobs.events.shutdown-phase}. */
  public void setShutdownPhase(Integer shutdownPhase) {
    this.shutdownPhase = shutdownPhase;
  }

  /** The value of {@code zapjobs.events.handlers}. */
  public Handlers getHandlers() {
    return handlers;
  }

  /** The value of {@code zapjobs.events.health}. */
  public Health getHealth() {
    return health;
  }

  /** The value of {@code zapjobs.events.metrics}. */
  public Toggle getMetrics() {
    return metrics;
  }

  /** The value of {@code zapjobs.events.context-propagation}. */
  public ContextPropagation getContextPropagation() {
    return contextPropagation;
  }

  /** The value of {@code zapjobs.events.observations}. */
  public Toggle getObservations() {
    return observations;
  }
}
