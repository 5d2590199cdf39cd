package dev.zapjobs.events.micrometer;

import static dev.zapjobs.events.micrometer.TestDispatchers.completed;
import static dev.zapjobs.events.micrometer.TestDispatchers.started;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.OnJobEvent;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ContextPropagatingInterceptorTest extends WithDispatcher {

  /** What a handler call saw of the context. */
  record Seen(String handler, String runId, String mdcRunId, String spanId, Thread thread) {
    static Seen now(String handler, JobEvent e) {
      Span span = Span.current();
      return new Seen(
          handler,
          e.runId(),
          MDC.get("runId"),
          span.getSpanContext().isValid() ? span.getSpanContext().getSpanId() : null,
          Thread.currentThread());
    }
  }

  /** Records the context of every call, in a synchronous and an asynchronous handler. */
  static final class Recorder {
    final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

    @OnJobEvent
    void onStarted(JobStarted e) {
      seen.add(Seen.now("sync", e));
    }

    @OnJobEvent
    CompletionStage<Void> onCompleted(JobCompleted e) {
      seen.add(Seen.now("async", e));
      return CompletableFuture.runAsync(
          () -> {}, CompletableFuture.delayedExecutor(2, MILLISECONDS));
    }
  }

  /** Leaves an MDC entry behind on run "leaker", and records what the others see of it. */
  static final class Leaky {
    final BlockingQueue<String> leakSeen = new LinkedBlockingQueue<>();

    @OnJobEvent
    void onStarted(JobStarted e) {
      if (e.runId().equals("leaker")) {
        MDC.put("leak", "left behind");
      } else {
        leakSeen.add(String.valueOf(MDC.get("leak")));
      }
    }
  }

  private final ContextRegistry contexts =
      new ContextRegistry()
          .registerThreadLocalAccessor(new Slf4jThreadLocalAccessor())
          .registerThreadLocalAccessor(new OpenTelemetryContextAccessor());
  private final ContextPropagatingInterceptor interceptor =
      ContextPropagatingInterceptor.create(
          ContextSnapshotFactory.builder().contextRegistry(contexts).build());
  private final SdkTracerProvider tracing = SdkTracerProvider.builder().build();
  private final Tracer tracer = tracing.get("test");

  /** The one handler thread, so that calls of different runs follow each other on it. */
  private final ExecutorService handlerThread = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopThreads() {
    closeDispatcher(); // before its executor
    handlerThread.shutdownNow();
    tracing.close();
    MDC.clear();
  }

  @Test
  void mdcAndSpanOfThePublishingThread_areCurrentInSyncAndAsyncHandlers_andGoneAfter()
      throws Exception {
    Recorder recorder = new Recorder();
    dispatcher =
        TestDispatchers.builder(recorder).executor(handlerThread).interceptor(interceptor).build();

    Span job = tracer.spanBuilder("job").startSpan();
    try (Scope scope = job.makeCurrent()) {
      MDC.put("runId", "r1");
      dispatcher.publish(started("r1"));
      dispatcher.publish(completed("r1"));
    } finally {
      MDC.remove("runId");
      job.end();
    }
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();

    List<Seen> seen = new ArrayList<>(recorder.seen);
    assertThat(seen).extracting(Seen::handler).containsExactlyInAnyOrder("sync", "async");
    for (Seen s : seen) {
      assertThat(s.thread()).isNotSameAs(Thread.currentThread());
      assertThat(s.mdcRunId()).as(s.handler()).isEqualTo("r1");
      assertThat(s.spanId()).as(s.handler()).isEqualTo(job.getSpanContext().getSpanId());
    }
    // After the calls, the handler thread has neither.
    assertThat(onHandlerThread(() -> MDC.getCopyOfContextMap())).isNullOrEmpty();
    assertThat(onHandlerThread(Context::current)).isSameAs(Context.root());
  }

  @Test
  void runsInterleavedThroughOneHandlerThread_eachSeeOnlyTheirOwnContext() throws Exception {
    Recorder recorder = new Recorder();
    dispatcher =
        TestDispatchers.builder(recorder).executor(handlerThread).interceptor(interceptor).build();
    int perPublisher = 200;
    Span spanA = tracer.spanBuilder("job A").startSpan();
    Span spanB = tracer.spanBuilder("job B").startSpan();
    CountDownLatch start = new CountDownLatch(1);
    Thread a = publisher("A", spanA, perPublisher, start);
    Thread b = publisher("B", spanB, perPublisher, start);
    Thread bare = publisher("bare", null, perPublisher, start);
    start.countDown();
    for (Thread t : List.of(a, b, bare)) {
      t.join(SECONDS.toMillis(10));
    }
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();

    List<Seen> seen = new ArrayList<>(recorder.seen);
    assertThat(seen).hasSize(3 * perPublisher * 2);
    Map<String, String> spanOf =
        Map.of("A", spanA.getSpanContext().getSpanId(), "B", spanB.getSpanContext().getSpanId());
    for (Seen s : seen) {
      String run = s.runId().substring(0, s.runId().indexOf('-'));
      if (run.equals("bare")) {
        assertThat(s.mdcRunId()).as("MDC in %s", s).isNull();
        assertThat(s.spanId()).as("span in %s", s).isNull();
      } else {
        assertThat(s.mdcRunId()).as("MDC in %s", s).isEqualTo(s.runId());
        assertThat(s.spanId()).as("span in %s", s).isEqualTo(spanOf.get(run));
      }
    }
  }

  @Test
  void synchronousMode_leavesThePublishersOwnContextInPlace() {
    Recorder recorder = new Recorder();
    dispatcher = TestDispatchers.builder(recorder).synchronous().interceptor(interceptor).build();
    Span job = tracer.spanBuilder("job").startSpan();
    try (Scope scope = job.makeCurrent()) {
      MDC.put("runId", "r1");
      dispatcher.publish(started("r1"));

      assertThat(recorder.seen.poll()).extracting(Seen::mdcRunId).isEqualTo("r1");
      // The call restored what the publishing thread had, rather than clearing it.
      assertThat(MDC.get("runId")).isEqualTo("r1");
      assertThat(Span.current().getSpanContext()).isEqualTo(job.getSpanContext());
    } finally {
      job.end();
    }
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void nothingCurrentAtPublish_carriesNothing() {
    assertThat(interceptor.capture(started("r"))).isNull();
    MDC.put("runId", "r");
    assertThat(interceptor.capture(started("r"))).isNotNull();
  }

  @Test
  void clearMissing_clearsWhatAHandlerLeftBehind_forAnEventPublishedWithNoContext()
      throws Exception {
    Leaky leaky = new Leaky();
    ContextPropagatingInterceptor strict =
        ContextPropagatingInterceptor.create(
            ContextSnapshotFactory.builder().contextRegistry(contexts).clearMissing(true).build());
    dispatcher = TestDispatchers.builder(leaky).executor(handlerThread).interceptor(strict).build();

    dispatcher.publish(started("leaker"));
    dispatcher.publish(started("next"));
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();

    assertThat(leaky.leakSeen).containsExactly("null");
  }

  @Test
  void theGlobalRegistry_carriesWhatTheApplicationRegisteredThere() throws Exception {
    ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
    try {
      Recorder recorder = new Recorder();
      dispatcher =
          TestDispatchers.builder(recorder)
              .executor(handlerThread)
              .interceptor(ContextPropagatingInterceptor.create())
              .build();
      MDC.put("runId", "g1");
      dispatcher.publish(started("g1"));
      assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(recorder.seen.poll()).extracting(Seen::mdcRunId).isEqualTo("g1");
    } finally {
      ContextRegistry.getInstance().removeThreadLocalAccessor(Slf4jThreadLocalAccessor.KEY);
    }
  }

  /** A thread that publishes {@code count} sync and async events of runs "name-i". */
  private Thread publisher(String name, Span span, int count, CountDownLatch start) {
    Thread t =
        new Thread(
            () -> {
              try {
                start.await();
              } catch (InterruptedException e) {
                return;
              }
              for (int i = 0; i < count; i++) {
                String runId = name + "-" + i;
                Scope scope = span == null ? Scope.noop() : span.makeCurrent();
                try (scope) {
                  if (span != null) {
                    MDC.put("runId", runId);
                  }
                  dispatcher.publish(started(runId));
                  dispatcher.publish(completed(runId));
                } finally {
                  MDC.clear();
                }
              }
            },
            "publisher-" + name);
    t.start();
    return t;
  }

  private <T> T onHandlerThread(java.util.concurrent.Callable<T> read) throws Exception {
    return handlerThread.submit(read).get(10, SECONDS);
  }
}
