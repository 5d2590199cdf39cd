package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.runtime.testing.BlockedHandler;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import dev.zapjobs.events.runtime.testing.LogCapture;
import dev.zapjobs.events.runtime.testing.RecordingHandler;
import dev.zapjobs.events.runtime.testing.ThrowingHandler;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What docs/GUARANTEES.md promises about logging: failures and drops are logged at WARN with the
 * handler, event and run, rate-limited with a count of what was held back; publish after close is a
 * WARN, not an exception; build() without handlers warns; close() logs its report.
 *
 * <p>Other tests' dispatchers may still log into the same loggers, so every assertion looks only at
 * lines naming this test's handlers or run ids, or logged on the test's own thread.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoggingTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String RUNTIME_LOGGER = "dev.zapjobs.events.runtime";
  private static final String DISPATCHER_LOGGER = JobEventDispatcher.class.getName();

  static final class Loud {}

  static final class Burst {}

  static final class Slow {}

  static final class Quiet {}

  static final class Traced {}

  /**
   * Makes the publishing thread's MDC {@code traceId} current in each call, as tracing setups do.
   */
  static final class MdcInterceptor implements HandlerCallInterceptor {
    @Override
    public Object capture(JobEvent event) {
      return MDC.get("traceId");
    }

    @Override
    public Call enter(HandlerId handler, JobEvent event, Object captured) {
      MDC.put("traceId", (String) captured);
      return () -> MDC.remove("traceId");
    }
  }

  private LogCapture log;

  @BeforeEach
  void capture() {
    // Its children too: JobEventDispatcher's logger is
    // dev.zapjobs.events.runtime.JobEventDispatcher.
    log = LogCapture.of(RUNTIME_LOGGER);
  }

  @AfterEach
  void release() {
    log.close();
  }

  @Test
  void shouldLogAThrowingHandlerWithItsNameTheEventTheRunAndTheException() throws Exception {
    String thrower = "LoggingTest.Loud.onFailed(JobFailed)";
    String async = "LoggingTest.Loud.onFailedAsync(JobFailed)";
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Loud.class)
                    .on(thrower, JobFailed.class, ThrowingHandler.runtimeException())
                    .onAsync(
                        async,
                        JobFailed.class,
                        e ->
                            CompletableFuture.failedFuture(
                                new UncheckedIOException("disk full", new java.io.IOException()))))
            .build();
    String run = Events.newRunId();

    assertThatCode(() -> d.publish(Events.failed(run, 3, true))).doesNotThrowAnyException();
    assertThat(d.awaitIdle(WAIT)).isTrue();

    List<ILoggingEvent> thrown = log.containing("Handler " + thrower + " failed");
    assertThat(thrown).hasSize(1);
    ILoggingEvent line = thrown.get(0);
    assertLine(
        line,
        Level.WARN,
        RUNTIME_LOGGER,
        "Handler "
            + thrower
            + " failed (THROWN) on JobFailed of run "
            + run
            + " (job type test-job, attempt 3); the event is counted as failed and not retried."
            + " Handle the error inside the handler if it is expected");
    assertThat(LogCapture.throwableClass(line)).isEqualTo(IllegalStateException.class.getName());
    assertThat(LogCapture.throwableMessage(line)).isEqualTo("handler bug");

    List<ILoggingEvent> stage = log.containing("Handler " + async + " failed");
    assertThat(stage).hasSize(1);
    assertLine(
        stage.get(0),
        Level.WARN,
        RUNTIME_LOGGER,
        "Handler "
            + async
            + " failed (STAGE_FAILED) on JobFailed of run "
            + run
            + " (job type test-job, attempt 3); the event is counted as failed and not retried."
            + " Handle the error inside the handler if it is expected");
    // The stage's own exception, not the CompletionException wrapping it.
    assertThat(LogCapture.throwableClass(stage.get(0)))
        .isEqualTo(UncheckedIOException.class.getName());
    assertThat(LogCapture.throwableMessage(stage.get(0))).contains("disk full");
    d.close(WAIT);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void shouldLogAThrowingHandlerInsideTheCallsContext_soTheJobsTraceIsOnTheLine(boolean synchronous)
      throws Exception {
    String thrower = "LoggingTest.Traced.onFailed(JobFailed)";
    JobEventDispatcher.Builder builder =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Traced.class)
                    .on(thrower, JobFailed.class, ThrowingHandler.runtimeException()))
            .interceptor(new MdcInterceptor());
    if (synchronous) {
      builder.synchronous();
    }
    JobEventDispatcher d = builder.build();
    String run = Events.newRunId();

    MDC.put("traceId", "trace-" + run);
    try {
      d.publish(Events.failed(run, 1, true));
    } finally {
      MDC.remove("traceId");
    }
    assertThat(d.awaitIdle(WAIT)).isTrue();

    List<ILoggingEvent> lines = log.containing("Handler " + thrower + " failed (THROWN)");
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).getMDCPropertyMap()).containsEntry("traceId", "trace-" + run);
    assertThat(MDC.get("traceId")).isNull(); // synchronous: the call's context is gone after it
    d.close(WAIT);
  }

  private static final Pattern HELD =
      Pattern.compile(
          "; (\\d+) similar failures not logged in the last second\\. Handle the error inside the"
              + " handler if it is expected$");

  @Test
  void shouldRateLimitABurstOfFailuresAndLaterSayHowManyWereHeldBack() throws Exception {
    String name = "LoggingTest.Burst.on(JobEvent)";
    JobEventDispatcher d = oneHandler(Burst.class, name, ThrowingHandler.runtimeException());
    String prefix = "Handler " + name + " failed";
    int burst = 1000;
    for (int seq = 1; seq <= burst; seq++) {
      d.publish(Events.numbered(7, seq));
    }
    // Idle means every drain task has ended, so every failure has been logged or held back.
    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(d.stats().handler(name).failed(FailureKind.THROWN)).isEqualTo(burst);
    int burstLines = log.containing(prefix).size();
    assertThat(burstLines).isBetween(1, burst / 10);

    // One more failure at a time until the rate limiter lets a line through again: that line
    // says how many were held back. No clock here: awaitility keeps trying.
    int[] seq = {burst};
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              d.publish(Events.numbered(7, ++seq[0]));
              d.awaitIdle(WAIT);
              return log.containing(prefix).stream()
                  .anyMatch(e -> HELD.matcher(e.getFormattedMessage()).find());
            });
    assertThat(d.awaitIdle(WAIT)).isTrue();

    List<ILoggingEvent> lines = log.containing(prefix);
    long failed = d.stats().handler(name).failed(FailureKind.THROWN);
    assertThat(failed).isEqualTo(seq[0]);
    assertThat(lines.size()).isLessThan((int) failed / 10);
    assertThat(lines).allMatch(e -> e.getLevel() == Level.WARN);
    assertThat(lines).allMatch(e -> e.getThrowableProxy() != null);
    assertThat(lines.get(0).getFormattedMessage()).doesNotContain("not logged");
    // Every failure is either a line or counted in a later line: nothing vanishes silently.
    long held = 0;
    for (ILoggingEvent e : lines) {
      Matcher m = HELD.matcher(e.getFormattedMessage());
      if (m.find()) {
        held += Long.parseLong(m.group(1));
      }
    }
    assertThat(held + lines.size()).isEqualTo(failed);
    assertThat(held).isGreaterThanOrEqualTo(burst - burstLines);
    d.close(WAIT);
  }

  private static final Pattern DROPS =
      Pattern.compile("and (\\d+) events were dropped \\((\\w+)\\) since the last warning");

  @ParameterizedTest
  @EnumSource(OverflowPolicy.class)
  void shouldLogAFullQueueWithTheHandlerTheCapacityTheCountAndTheReason(OverflowPolicy policy)
      throws Exception {
    String name = "LoggingTest.Slow.on(JobEvent)";
    int capacity = 16;
    int published = 100;
    int dropped = published - 1 - capacity; // one is held by the blocked handler
    DropReason reason =
        policy == OverflowPolicy.DROP_NEWEST ? DropReason.QUEUE_FULL : DropReason.EVICTED;
    BlockedHandler slow = new BlockedHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(new FunctionBinding(Slow.class).on(name, JobEvent.class, slow))
            .queueCapacity(capacity)
            .overflowPolicy(policy)
            .build();
    d.publish(Events.numbered(3, 1));
    slow.awaitEntered(); // the handler holds event 1; its queue is empty
    for (int seq = 2; seq <= published; seq++) {
      d.publish(Events.numbered(3, seq));
    }
    await().atMost(WAIT).until(() -> d.stats().handler(name).dropped(reason) == dropped);

    String prefix = "Handler " + name + " is not keeping up";
    // The drops may be spread over more than one line (one a second): wait for the total.
    await()
        .atMost(WAIT)
        .until(
            () ->
                log.containing(prefix).stream()
                    .anyMatch(
                        e -> e.getFormattedMessage().contains(", " + dropped + " in total.")));
    List<ILoggingEvent> lines = log.containing(prefix);
    long sum = 0;
    for (ILoggingEvent e : lines) {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getLoggerName()).isEqualTo(RUNTIME_LOGGER);
      assertThat(e.getFormattedMessage())
          .startsWith(prefix + ": its queue of " + capacity + " events was full and ");
      Matcher m = DROPS.matcher(e.getFormattedMessage());
      assertThat(m.find()).as(e.getFormattedMessage()).isTrue();
      assertThat(m.group(2)).isEqualTo(reason.name());
      sum += Long.parseLong(m.group(1));
    }
    assertThat(sum).isEqualTo(dropped);
    assertThat(lines.get(lines.size() - 1).getFormattedMessage())
        .isEqualTo(
            prefix
                + ": its queue of "
                + capacity
                + " events was full and "
                + lastCount(lines)
                + " events were dropped ("
                + reason
                + ") since the last warning, "
                + dropped
                + " in total. Make the handler faster (or hand its work off), or raise"
                + " queueCapacity");

    slow.release();
    assertThat(d.close(WAIT).drained()).isTrue();
  }

  private static String lastCount(List<ILoggingEvent> lines) {
    Matcher m = DROPS.matcher(lines.get(lines.size() - 1).getFormattedMessage());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void shouldWarnNotThrowWhenPublishingAfterClose() {
    JobEventDispatcher d =
        oneHandler(Quiet.class, "LoggingTest.Quiet.on(JobEvent)", new RecordingHandler());
    d.close(WAIT);
    String run = Events.newRunId();

    assertThatCode(() -> d.publish(Events.started(run, 1))).doesNotThrowAnyException();
    for (int i = 0; i < 99; i++) {
      assertThatCode(() -> d.publish(Events.completed(run, 1))).doesNotThrowAnyException();
    }

    List<ILoggingEvent> lines = log.containing("of run " + run + " published after");
    assertThat(lines).hasSizeBetween(1, 10); // rate-limited, not one per refused event
    assertThat(lines.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(lines.get(0).getThreadName()).isEqualTo(Thread.currentThread().getName());
    assertThat(lines.get(0).getFormattedMessage())
        .isEqualTo(
            "Event JobStarted of run "
                + run
                + " published after the dispatcher was closed: refused. Close the dispatcher only"
                + " after the job system that publishes to it has stopped");
    assertThat(d.stats().refusedAfterClose()).isEqualTo(100);
  }

  @Test
  void shouldWarnWhenBuildFindsNoHandlersAtAll() {
    JobEventDispatcher d = JobEventDispatcher.builder().build();
    d.close(WAIT);

    List<ILoggingEvent> lines = log.onThisThread();
    List<ILoggingEvent> none =
        lines.stream()
            .filter(e -> e.getFormattedMessage().startsWith("No @OnJobEvent handlers found"))
            .toList();
    assertThat(none).hasSize(1);
    assertLine(
        none.get(0),
        Level.WARN,
        DISPATCHER_LOGGER,
        "No @OnJobEvent handlers found: there is no generated binding, so the ZapJobs"
            + " Events processor did not run on the code that declares them. Put"
            + " dev.zapjobs:zapjobs-events-processor on its annotation processor path: in Maven,"
            + " <annotationProcessorPaths> in the maven-compiler-plugin's <configuration>, with"
            + " the plugin's <version> set (3.5 or later: Maven 3.8's default, 3.1, ignores it"
            + " silently); in Gradle, annotationProcessor(\"dev.zapjobs:zapjobs-events-processor\");"
            + " with javac, -processorpath. Since JDK 23, javac runs no processor found only on"
            + " the class path.");
  }

  @Test
  void shouldNotWarnAboutMissingHandlersWhenThereIsOne() {
    JobEventDispatcher d =
        oneHandler(Quiet.class, "LoggingTest.Quiet.any(JobEvent)", new RecordingHandler());
    d.close(WAIT);

    assertThat(log.onThisThread())
        .noneMatch(e -> e.getFormattedMessage().contains("No @OnJobEvent handlers found"));
  }

  @Test
  void shouldLogOneLineOfTotalsAtInfoAndTheTableAtDebugWhenCloseDrains() {
    String name = "LoggingTest.Quiet.drained(JobEvent)";
    RecordingHandler handler = new RecordingHandler();
    JobEventDispatcher d = oneHandler(Quiet.class, name, handler);
    d.publish(Events.started(Events.newRunId(), 1));

    Logger logger = (Logger) LoggerFactory.getLogger(RUNTIME_LOGGER);
    Level level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    try {
      d.close(); // the no-argument close logs the report it does not return
    } finally {
      logger.setLevel(level);
    }

    List<ILoggingEvent> lines = closeLines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).getLevel()).isEqualTo(Level.INFO);
    assertThat(lines.get(0).getLoggerName()).isEqualTo(RUNTIME_LOGGER);
    assertThat(lines.get(0).getFormattedMessage())
        .matches(
            "ZapJobs Events dispatcher closed in \\d+ ms: 1 events published \\(0 refused after"
                + " close\\), 1 handler deliveries: 1 delivered, 0 failed, 0 dropped, 0 pending\\.")
        .doesNotContain(System.lineSeparator());
    assertThat(lines.get(1).getLevel()).isEqualTo(Level.DEBUG);
    assertThat(lines.get(1).getFormattedMessage())
        .startsWith("ZapJobs Events dispatcher's final accounting:" + System.lineSeparator())
        .contains(name);
    assertThat(handler.count()).isEqualTo(1);
  }

  @Test
  void shouldLogTheTableAndWhatToDoAtWarnWhenCloseGivesUpAtTheDeadline() throws Exception {
    String name = "LoggingTest.Slow.stuck(JobEvent)";
    BlockedHandler stuck = new BlockedHandler();
    JobEventDispatcher d = oneHandler(Slow.class, name, stuck);
    d.publish(Events.started(Events.newRunId(), 1));
    d.publish(Events.completed(Events.newRunId(), 1));
    stuck.awaitEntered();

    CloseReport report = d.close(Duration.ofMillis(100));
    stuck.release();

    assertThat(report.drained()).isFalse();
    List<ILoggingEvent> lines = closeLines();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(lines.get(0).getLoggerName()).isEqualTo(RUNTIME_LOGGER);
    assertThat(lines.get(0).getFormattedMessage())
        .matches(
            "(?s)ZapJobs Events dispatcher closed after \\d+ ms with 2 deliveries left"
                + " undelivered: 2 events published .*")
        .contains("0 delivered, 0 failed, 0 dropped, 2 pending.")
        .contains("Give close() more time, or find why those handlers are slow or stuck")
        .endsWith(System.lineSeparator() + report.stats());
  }

  @Test
  void shouldWarnAboutAStuckHandlerWithTheDefaultListener() throws Exception {
    String name = "LoggingTest.Slow.watched(JobEvent)";
    BlockedHandler stuck = new BlockedHandler();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(new FunctionBinding(Slow.class).on(name, JobEvent.class, stuck))
            .slowHandlerThreshold(Duration.ofMillis(20))
            .build();
    String run = Events.newRunId();
    d.publish(Events.started(run, 2));
    stuck.awaitEntered();

    String prefix = "Handler " + name + " has been running for ";
    await().atMost(WAIT).until(() -> !log.containing(prefix).isEmpty());
    stuck.release();
    assertThat(d.close(WAIT).drained()).isTrue();

    List<ILoggingEvent> lines = log.containing(prefix);
    assertThat(lines).hasSize(1); // once per call
    assertThat(lines.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(lines.get(0).getLoggerName()).isEqualTo(DISPATCHER_LOGGER);
    assertThat(lines.get(0).getFormattedMessage())
        .matches(
            Pattern.quote(prefix)
                + "\\d+ ms on JobStarted of run "
                + run
                + " \\(job type test-job\\) and has not returned yet\\. If it is stuck, a thread"
                + " dump shows where it waits; if such calls are expected, raise"
                + " slowHandlerThreshold");
  }

  /** Refuses its first {@code refusals} tasks, as a saturated executor would. */
  static final class RefusingExecutor extends ThreadPoolExecutor {
    private final AtomicInteger refusalsLeft;

    RefusingExecutor(int refusals) {
      super(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>());
      refusalsLeft = new AtomicInteger(refusals);
    }

    @Override
    public void execute(Runnable command) {
      if (refusalsLeft.getAndDecrement() > 0) {
        throw new RejectedExecutionException("saturated");
      }
      super.execute(command);
    }
  }

  @Test
  void shouldWarnWhenTheExecutorRefusesADrainTask() throws Exception {
    String name = "LoggingTest.Quiet.refused(JobEvent)";
    RecordingHandler handler = new RecordingHandler();
    RefusingExecutor executor = new RefusingExecutor(2);
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(new FunctionBinding(Quiet.class).on(name, JobEvent.class, handler))
            .executor(executor)
            .build();
    try {
      d.publish(Events.started(Events.newRunId(), 1));
      assertThat(d.awaitIdle(WAIT)).isTrue();
      assertThat(handler.count()).isEqualTo(1);

      List<ILoggingEvent> lines = log.containing("drain task of handler " + name + ";");
      assertThat(lines).isNotEmpty();
      assertLine(
          lines.get(0),
          Level.WARN,
          RUNTIME_LOGGER,
          "The executor refused the drain task of handler "
              + name
              + "; its events stay queued and are retried on the next tick (1 refusals so"
              + " far). Give the executor more threads or a longer queue (it needs room for one"
              + " task per handler)");
    } finally {
      d.close(WAIT);
      executor.shutdownNow();
    }
  }

  /** One captured line: its level, its logger and its whole formatted message. */
  private static void assertLine(ILoggingEvent e, Level level, String logger, String message) {
    assertThat(e.getFormattedMessage()).isEqualTo(message);
    assertThat(e.getLevel()).as(message).isEqualTo(level);
    assertThat(e.getLoggerName()).as(message).isEqualTo(logger);
  }

  /** A dispatcher with default settings and one handler method taking every event. */
  private static JobEventDispatcher oneHandler(
      Class<?> handlerClass, String name, FunctionBinding.Sync body) {
    return JobEventDispatcher.builder()
        .addBinding(new FunctionBinding(handlerClass).on(name, JobEvent.class, body))
        .build();
  }

  private List<ILoggingEvent> closeLines() {
    return log.onThisThread().stream()
        .filter(e -> e.getFormattedMessage().startsWith("ZapJobs Events dispatcher"))
        .toList();
  }
}
