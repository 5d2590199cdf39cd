package dev.zapjobs.events.test;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.runtime.JobEventObserver;
import dev.zapjobs.events.runtime.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * A JUnit 5 extension that gives each test a dispatcher over the handlers under test — and only
 * those, even when the test class path holds others.
 *
 * <pre>{@code
 * class AlertsTest {
 *   final FakeSlack slack = new FakeSlack();
 *   final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
 *
 *   @RegisterExtension
 *   final JobEventsExtension events = JobEventsExtension.forHandlers(new Alerts(slack));
 *
 *   @Test
 *   void alertsOnceWhenARunFailsForGood() {
 *     events.publish(JobRuns.failingForGood(JobRun.of("run-1", "nightly-report"), clock));
 *
 *     assertEquals(List.of("nightly-report failed for good: simulated failure"), slack.posts());
 *     assertThat(events.stats()).handler(Alerts.class, "onFailed").delivered(3);
 *     assertThatEvents(events.received(Alerts.class))
 *         .are("Failed#1(retry)", "Failed#2(retry)", "Failed#3(dead)");
 *   }
 * }
 * }</pre>
 *
 * <p><b>Synchronous by default.</b> Each handler runs on the test's thread, inside {@link
 * #publish}, with the dispatcher's own failure isolation and accounting: when {@code publish}
 * returns, every handler has run. {@link #asynchronous()} gives the real, threaded dispatcher
 * instead; then {@link #awaitIdle()} waits until every event has settled.
 *
 * <p><b>A fresh dispatcher per test.</b> It is built before each test (so a handler class without a
 * generated binding fails at once, with the fix in the message) and closed after it. Then the test
 * fails if a handler call failed — threw, or returned a failed or timed-out stage — unless {@link
 * #allowHandlerFailures()} says failures are expected, or if events were still pending.
 *
 * <p><b>What each handler got.</b> {@link #received(Class)} lists the events a handler class was
 * called with, and {@link #calls()} every settled call with its outcome, as the dispatcher's
 * observer reported them; {@link #stats()} is the dispatcher's accounting, for {@link
 * JobEventAssertions#assertThat(DispatcherStats)}.
 *
 * <p><b>Bindings.</b> The dispatcher finds the handlers under test through the bindings the ZapJobs
 * Events annotation processor generates when it compiles them. For handler classes in test sources
 * the processor must therefore run in the test compile too: in Maven, {@code
 * <annotationProcessorPaths>} in the {@code maven-compiler-plugin}'s {@code <configuration>}
 * applies to both {@code compile} and {@code testCompile}; in Gradle, add the processor to {@code
 * testAnnotationProcessor} as well as {@code annotationProcessor}.
 *
 * <p>Register it on an instance field ({@code @RegisterExtension final JobEventsExtension events =
 * ...}): each test then gets new handler instances too. On a static field the handler instances are
 * shared by the tests of the class, and each test still gets its own dispatcher.
 */
public final class JobEventsExtension implements BeforeEachCallback, AfterEachCallback {
  /** How long {@link #awaitIdle()} and the closing after each test wait by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final List<Object> instances = new ArrayList<>();
  private final Set<Class<?>> classes = new LinkedHashSet<>();
  private final List<Consumer<JobEventDispatcher.Builder>> customizers = new ArrayList<>();
  private final RecordingPublisher published = RecordingPublisher.forwardingTo(this::dispatch);
  private boolean asynchronous;
  private boolean allowFailures;
  private Duration timeout = DEFAULT_TIMEOUT;
  private JobEventDispatcher dispatcher;
  private final List<HandlerCall> calls = new CopyOnWriteArrayList<>();

  private JobEventsExtension() {}

  /**
   * An extension that delivers to the {@code @OnJobEvent} methods of these handler instances (and
   * the static ones of their classes). A subclass instance, such as a Mockito spy, stands for its
   * handler class.
   *
   * @throws IllegalArgumentException if two instances are of one class, or a {@code Class} is
   *     passed (use {@link #forHandlerClasses})
   */
  public static JobEventsExtension forHandlers(Object... handlers) {
    return new JobEventsExtension().andHandlers(handlers);
  }

  /**
   * An extension that delivers to the {@code @OnJobEvent} methods of these classes: their static
   * methods, and their instance methods on an instance made with the class's no-arg constructor.
   */
  public static JobEventsExtension forHandlerClasses(Class<?>... handlerClasses) {
    return new JobEventsExtension().andHandlerClasses(handlerClasses);
  }

  /** Adds more handler instances under test (see {@link #forHandlers}). */
  public JobEventsExtension andHandlers(Object... handlers) {
    Objects.requireNonNull(handlers, "handlers");
    for (Object h : handlers) {
      Objects.requireNonNull(h, "handler");
      if (h instanceof Class<?> c) {
        throw new IllegalArgumentException(
            "forHandlers takes handler instances, not classes; for "
                + c.getName()
                + " use forHandlerClasses("
                + c.getSimpleName()
                + ".class) or pass an instance");
      }
      for (Object other : instances) {
        if (other.getClass() == h.getClass()) {
          throw new IllegalArgumentException(
              "two handler instances of " + h.getClass().getName() + "; pass one per class");
        }
      }
      instances.add(h);
    }
    return this;
  }

  /** Adds more handler classes under test (see {@link #forHandlerClasses}). */
  public JobEventsExtension andHandlerClasses(Class<?>... handlerClasses) {
    for (Class<?> c : Objects.requireNonNull(handlerClasses, "handlerClasses")) {
      classes.add(Objects.requireNonNull(c, "handlerClass"));
    }
    return this;
  }

  /**
   * Uses the real, asynchronous dispatcher (its own threads, queues and tick) instead of the
   * synchronous one: for tests of timing-independent behaviour under real delivery. Call {@link
   * #awaitIdle()} before asserting on what the handlers did.
   */
  public JobEventsExtension asynchronous() {
    this.asynchronous = true;
    return this;
  }

  /**
   * Does not fail the test when a handler call fails: for tests of failure isolation and of the
   * failure accounting itself.
   */
  public JobEventsExtension allowHandlerFailures() {
    this.allowFailures = true;
    return this;
  }

  /** How long {@link #awaitIdle()} and the closing after each test wait; default 10 s. */
  public JobEventsExtension timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /**
   * Sets more of the dispatcher's options (async timeout, queue capacity, overflow policy, an
   * observer, ...) on each dispatcher the extension builds. The extension sets the handler filter,
   * the handler resolver and the mode afterwards, so those three are its own.
   */
  public JobEventsExtension configure(Consumer<JobEventDispatcher.Builder> customizer) {
    customizers.add(Objects.requireNonNull(customizer, "customizer"));
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    close();
    published.clear();
    dispatcher();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (dispatcher == null) {
      return;
    }
    CloseReport report = dispatcher.close(timeout);
    dispatcher = null;
    if (context.getExecutionException().isPresent()) {
      return; // the test failed already: that failure is the one to read
    }
    if (!report.drained()) {
      throw new AssertionFailedError(
          report.stats().pending()
              + " deliveries were still pending "
              + timeout.toMillis()
              + " ms after the test ended (an async handler's stage that never completes?):\n"
              + report.stats());
    }
    if (!allowFailures && report.stats().failed() > 0) {
      List<HandlerCall> failed = calls.stream().filter(HandlerCall::failed).toList();
      throw new AssertionFailedError(
          failuresMessage(report.stats(), failed),
          failed.isEmpty() ? null : failed.get(0).failure());
    }
  }

  /**
   * The dispatcher of the current test, to hand to the code under test as its publisher; built on
   * first use if the test has none yet. Publishing through {@link #publisher()} instead also
   * records what was published.
   */
  public JobEventDispatcher dispatcher() {
    if (dispatcher == null) {
      dispatcher = build();
    }
    return dispatcher;
  }

  /**
   * A publisher that records each event (see {@link #published()}) and hands it to the current
   * test's dispatcher. The same object for the extension's whole life, so it can be given to a job
   * system built in a field initializer.
   */
  public JobEventPublisher publisher() {
    return published;
  }

  /** Publishes an event to the handlers under test (and records it). */
  public void publish(JobEvent event) {
    published.publish(event);
  }

  /** Publishes events in order, for example a whole run from {@link JobRuns}. */
  public void publish(List<? extends JobEvent> events) {
    Objects.requireNonNull(events, "events");
    for (JobEvent e : events) {
      published.publish(e);
    }
  }

  /** What was published through this extension in the current test, in order. */
  public List<JobEvent> published() {
    return published.events();
  }

  /**
   * Every handler call of the current test that has settled, in the order they settled: the handler
   * method, the event, and how the call ended (with what it threw, if it failed).
   */
  public List<HandlerCall> calls() {
    return List.copyOf(calls);
  }

  /**
   * The events the handler methods of {@code handlerClass} were called with in the current test
   * (delivered or failed), in the order the calls settled. With the synchronous dispatcher, and for
   * one handler method, that is publish order.
   */
  public List<JobEvent> received(Class<?> handlerClass) {
    Objects.requireNonNull(handlerClass, "handlerClass");
    return calls.stream()
        .filter(c -> c.handler().handlerClass() == handlerClass)
        .map(HandlerCall::event)
        .toList();
  }

  /** The events handler method {@code method} of {@code handlerClass} was called with. */
  public List<JobEvent> received(Class<?> handlerClass, String method) {
    Objects.requireNonNull(handlerClass, "handlerClass");
    Objects.requireNonNull(method, "method");
    return calls.stream()
        .filter(c -> c.handler().handlerClass() == handlerClass)
        .filter(c -> c.handler().method().equals(method))
        .map(HandlerCall::event)
        .toList();
  }

  /** The current test's dispatcher's accounting, per handler and in total. */
  public DispatcherStats stats() {
    return dispatcher().stats();
  }

  /**
   * Waits until every event published so far has settled (delivered, failed or dropped, async
   * stages included).
   *
   * @throws AssertionFailedError if that takes longer than the timeout (the message shows what is
   *     still pending)
   */
  public void awaitIdle() {
    try {
      if (!dispatcher().awaitIdle(timeout)) {
        throw new AssertionFailedError(
            "The handlers did not settle within " + timeout.toMillis() + " ms:\n" + stats());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError("interrupted while waiting for the handlers to settle", e);
    }
  }

  /** Closes the current test's dispatcher, if any; the next use builds a new one. */
  public void close() {
    if (dispatcher != null) {
      dispatcher.close(timeout);
      dispatcher = null;
    }
  }

  private void dispatch(JobEvent event) {
    dispatcher().publish(event);
  }

  private JobEventDispatcher build() {
    if (instances.isEmpty() && classes.isEmpty()) {
      throw new IllegalStateException(
          "no handlers under test: use JobEventsExtension.forHandlers(new YourHandler(...)) or"
              + " forHandlerClasses(YourHandler.class)");
    }
    Set<Class<?>> bound = new HashSet<>();
    JobEventDispatcher.Builder builder = JobEventDispatcher.builder();
    customizers.forEach(c -> c.accept(builder));
    calls.clear();
    builder
        .observer(
            new JobEventObserver() {
              @Override
              public void onSettled(
                  HandlerId handler, JobEvent event, Outcome outcome, long nanos, Throwable t) {
                calls.add(new HandlerCall(handler, event, outcome, t));
              }
            })
        .handlerFilter(
            type -> {
              boolean wanted = classes.contains(type) || instanceOf(type) != null;
              if (wanted) {
                bound.add(type);
              }
              return wanted;
            })
        .handlerResolver(this::instanceOf);
    if (!asynchronous) {
      builder.synchronous();
    }
    JobEventDispatcher built;
    try {
      built = builder.build();
    } catch (IllegalStateException e) {
      throw withInstanceHint(e);
    }
    List<String> missing = new ArrayList<>();
    for (Class<?> c : classes) {
      if (!bound.contains(c)) {
        missing.add(c.getName());
      }
    }
    for (Object h : instances) {
      if (bound.stream().noneMatch(type -> type.isInstance(h))) {
        missing.add(h.getClass().getName());
      }
    }
    if (!missing.isEmpty()) {
      built.close(Duration.ZERO);
      throw new IllegalStateException(missingBindings(missing));
    }
    return built;
  }

  /**
   * The dispatcher's message when a class passed to {@link #forHandlerClasses} cannot be created,
   * with the kit's own fix: the test has no container, so it passes the instance.
   */
  private IllegalStateException withInstanceHint(IllegalStateException e) {
    String message = String.valueOf(e.getMessage());
    for (Class<?> c : classes) {
      if (instanceOf(c) == null && message.contains("handler class " + c.getName())) {
        return new IllegalStateException(
            message
                + " In a test, pass the handler instance instead:"
                + " JobEventsExtension.forHandlers(new "
                + c.getSimpleName()
                + "(...)) rather than forHandlerClasses("
                + c.getSimpleName()
                + ".class).",
            e);
      }
    }
    return e;
  }

  private Object instanceOf(Class<?> type) {
    for (Object h : instances) {
      if (type.isInstance(h)) {
        return h;
      }
    }
    return null;
  }

  static String missingBindings(List<String> classNames) {
    return "No generated binding found for "
        + (classNames.size() == 1 ? "handler class " : "handler classes ")
        + String.join(", ", classNames)
        + ", so no dispatcher can call it. The ZapJobs Events annotation processor writes the"
        + " binding when it compiles a class with @OnJobEvent methods. Check that the class has"
        + " @OnJobEvent methods, and that zapjobs-events-processor is on the annotation processor"
        + " path of the compile that declares it — for a handler in test sources, the test"
        + " compile: in Maven, <annotationProcessorPaths> in the maven-compiler-plugin's"
        + " <configuration> (not inside one <execution>) applies to compile and testCompile; in"
        + " Gradle, add it to testAnnotationProcessor as well as annotationProcessor.";
  }

  private static String failuresMessage(DispatcherStats stats, List<HandlerCall> failed) {
    StringBuilder sb = new StringBuilder("Handler calls failed during the test:");
    for (HandlerStats h : stats.handlers()) {
      if (h.failed() > 0) {
        sb.append("\n  ").append(h.name()).append(": ").append(HandlerStatsAssert.summary(h));
      }
    }
    int shown = Math.min(failed.size(), 10);
    for (HandlerCall call : failed.subList(0, shown)) {
      sb.append("\n    ").append(call);
    }
    if (failed.size() > shown) {
      sb.append("\n    and ").append(failed.size() - shown).append(" more");
    }
    return sb.append(
            "\nThe first failure is the cause of this error. If the test expects failures, build"
                + " the extension with .allowHandlerFailures().")
        .toString();
  }
}
