package dev.zapjobs.events.micrometer;

import static dev.zapjobs.events.micrometer.TestDispatchers.completed;
import static dev.zapjobs.events.micrometer.TestDispatchers.started;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.OnJobEvent;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Metrics, MDC propagation and tracing registered together, as an application (or the Spring Boot
 * starter) wires them: they neither disturb each other nor leave anything on the handler thread.
 */
class FullWiringTest extends WithDispatcher {

  /** Records the MDC and the current span inside a synchronous and an asynchronous handler. */
  static final class Handlers {
    final Map<String, String> mdcInside = new ConcurrentHashMap<>();
    final Map<String, String> spanInside = new ConcurrentHashMap<>();

    @OnJobEvent
    void onStarted(JobStarted e) {
      record("onStarted", e);
    }

    @OnJobEvent
    CompletionStage<Void> onCompleted(JobCompleted e) {
      record("onCompleted", e);
      return CompletableFuture.runAsync(
          () -> {}, CompletableFuture.delayedExecutor(5, MILLISECONDS));
    }

    private void record(String method, JobEvent e) {
      mdcInside.put(method, String.valueOf(MDC.get("runId")));
      spanInside.put(method, Span.current().getSpanContext().getSpanId());
    }
  }

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracing =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final ExecutorService handlerThread = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopThreads() {
    closeDispatcher(); // before its executor
    handlerThread.shutdownNow();
    tracing.close();
    MDC.clear();
  }

  @Test
  void metricsMdcAndTracingTogether_eachDoesItsPart_andTheHandlerThreadEndsClean()
      throws Exception {
    ObservationRegistry observations = Tracing.observationsTracedBy(tracing);
    ContextRegistry contexts =
        new ContextRegistry()
            .registerThreadLocalAccessor(new Slf4jThreadLocalAccessor())
            .registerThreadLocalAccessor(new ObservationThreadLocalAccessor(observations));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Handlers handlers = new Handlers();

    dispatcher =
        JobEventMetrics.monitor(
            meters,
            TestDispatchers.builder(handlers)
                .executor(handlerThread)
                .interceptor(
                    ContextPropagatingInterceptor.create(
                        ContextSnapshotFactory.builder().contextRegistry(contexts).build()))
                .interceptor(new ObservationInterceptor(observations)));

    Observation job = Observation.start("job", observations);
    try (Observation.Scope scope = job.openScope()) {
      MDC.put("runId", "r1");
      dispatcher.publish(started("r1"));
      dispatcher.publish(completed("r1"));
    } finally {
      MDC.clear();
    }
    job.stop();
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
    await().until(() -> exporter.getFinishedSpanItems().size() == 3);

    SpanData jobSpan = Tracing.span(exporter, "job");
    for (String method : List.of("onStarted", "onCompleted")) {
      SpanData handlerSpan = Tracing.span(exporter, method);
      assertThat(handlerSpan.getParentSpanId()).as(method).isEqualTo(jobSpan.getSpanId());
      assertThat(handlers.spanInside.get(method)).as(method).isEqualTo(handlerSpan.getSpanId());
      assertThat(handlers.mdcInside.get(method)).as(method).isEqualTo("r1");
    }
    await()
        .untilAsserted(
            () ->
                assertThat(
                        meters.find(JobEventMetrics.CALLS).timers().stream()
                            .mapToLong(Timer::count)
                            .sum())
                    .isEqualTo(2));

    assertThat(handlerThread.submit(() -> MDC.getCopyOfContextMap()).get(10, SECONDS))
        .isNullOrEmpty();
    assertThat(handlerThread.submit(Context::current).get(10, SECONDS)).isSameAs(Context.root());
    assertThat(handlerThread.submit(observations::getCurrentObservation).get(10, SECONDS)).isNull();
  }

  @Test
  void aSpanStartedWithTheOpenTelemetryApi_isTheParentOfTheCallsSpan_whenItsContextIsCarried()
      throws Exception {
    ObservationRegistry observations = Tracing.observationsTracedBy(tracing);
    ContextRegistry contexts =
        new ContextRegistry().registerThreadLocalAccessor(new OpenTelemetryContextAccessor());
    Handlers handlers = new Handlers();
    dispatcher =
        carrying(contexts, handlers).interceptor(new ObservationInterceptor(observations)).build();

    io.opentelemetry.api.trace.Span job = tracing.get("job system").spanBuilder("job").startSpan();
    try (io.opentelemetry.context.Scope scope = job.makeCurrent()) {
      dispatcher.publish(started("r2"));
    } finally {
      job.end();
    }
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
    await().until(() -> exporter.getFinishedSpanItems().size() == 2);

    SpanData handlerSpan = Tracing.span(exporter, "onStarted");
    assertThat(handlerSpan.getParentSpanId()).isEqualTo(job.getSpanContext().getSpanId());
    assertThat(handlers.spanInside.get("onStarted")).isEqualTo(handlerSpan.getSpanId());
  }

  @Test
  void theJobsObservationAlone_carriedToTheHandler_makesTheJobsSpanCurrentThere() throws Exception {
    ObservationRegistry observations = Tracing.observationsTracedBy(tracing);
    ContextRegistry contexts =
        new ContextRegistry()
            .registerThreadLocalAccessor(new ObservationThreadLocalAccessor(observations));
    Handlers handlers = new Handlers();
    dispatcher = carrying(contexts, handlers).build();

    Tracing.publishInsideJob(observations, dispatcher, started("r3"), completed("r3"));
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
    await().until(() -> exporter.getFinishedSpanItems().size() == 1);

    String jobSpanId = Tracing.span(exporter, "job").getSpanId();
    assertThat(handlers.spanInside).containsEntry("onStarted", jobSpanId);
    assertThat(handlers.spanInside).containsEntry("onCompleted", jobSpanId);
    assertThat(handlerThread.submit(Context::current).get(10, SECONDS)).isSameAs(Context.root());
  }

  /** A builder for {@code handlers} on the one handler thread, carrying {@code contexts}. */
  private JobEventDispatcher.Builder carrying(ContextRegistry contexts, Handlers handlers) {
    return TestDispatchers.builder(handlers)
        .executor(handlerThread)
        .interceptor(
            ContextPropagatingInterceptor.create(
                ContextSnapshotFactory.builder().contextRegistry(contexts).build()));
  }
}
