package dev.zapjobs.events.micrometer;

import static dev.zapjobs.events.micrometer.TestDispatchers.completed;
import static dev.zapjobs.events.micrometer.TestDispatchers.failed;
import static dev.zapjobs.events.micrometer.TestDispatchers.started;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.OnJobEvent;
import dev.zapjobs.events.runtime.HandlerId;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ObservationInterceptorTest extends WithDispatcher {
  static final String NAME = DefaultJobEventHandlerObservationConvention.NAME;

  /**
   * A synchronous, an asynchronous and a throwing handler; each records the observation and the
   * OpenTelemetry span current inside it.
   */
  static final class Handlers {
    final ObservationRegistry registry;
    final Map<String, Observation> observationInside = new ConcurrentHashMap<>();
    final Map<String, String> spanInside = new ConcurrentHashMap<>();

    Handlers(ObservationRegistry registry) {
      this.registry = registry;
    }

    @OnJobEvent
    void onStarted(JobStarted e) {
      record("onStarted");
    }

    @OnJobEvent
    CompletionStage<Void> onCompleted(JobCompleted e) {
      record("onCompleted");
      return CompletableFuture.runAsync(
          () -> {}, CompletableFuture.delayedExecutor(5, MILLISECONDS));
    }

    @OnJobEvent
    void onFailed(JobFailed e) {
      record("onFailed");
      throw new IllegalStateException("handler failed");
    }

    private void record(String method) {
      Observation current = registry.getCurrentObservation();
      if (current != null) {
        observationInside.put(method, current);
      }
      spanInside.put(method, Span.current().getSpanContext().getSpanId());
    }
  }

  @Test
  void eachCall_isAnObservation_childOfTheJobsObservation_stoppedWithItsOutcome() throws Exception {
    TestObservationRegistry observations = TestObservationRegistry.create();
    Handlers handlers = new Handlers(observations);
    dispatcher =
        TestDispatchers.builder(handlers)
            .interceptor(new ObservationInterceptor(observations))
            .build();

    Observation job =
        Tracing.publishInsideJob(
            observations, dispatcher, started("r1"), completed("r1"), failed("r1"));
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
    await()
        .untilAsserted(
            () ->
                assertThat(observations)
                    .hasNumberOfObservationsWithNameEqualTo(NAME, 3)
                    .forAllObservationsWithNameEqualTo(
                        NAME,
                        o ->
                            o.hasParentObservationEqualTo(job)
                                .hasLowCardinalityKeyValueWithKey("handler")
                                .hasLowCardinalityKeyValueWithKey("event")
                                .hasLowCardinalityKeyValueWithKey("outcome")));

    Map<String, JobEventHandlerContext> byMethod =
        handlers.observationInside.entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey, e -> (JobEventHandlerContext) e.getValue().getContext()));
    assertThat(byMethod).containsOnlyKeys("onStarted", "onCompleted", "onFailed");

    JobEventHandlerContext onStarted = byMethod.get("onStarted");
    assertThat(onStarted.getHandler())
        .isEqualTo(HandlerId.of(Handlers.class, "onStarted", JobStarted.class));
    assertThat(onStarted.getContextualName())
        .isEqualTo("ObservationInterceptorTest.Handlers.onStarted(JobStarted)");
    assertThat(onStarted.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("DELIVERED");
    assertThat(onStarted.getLowCardinalityKeyValue("handler").getValue())
        .isEqualTo(onStarted.getHandler().toString());
    assertThat(onStarted.getHighCardinalityKeyValue("zapjobs.run.id"))
        .isEqualTo(KeyValue.of("zapjobs.run.id", "r1"));
    assertThat(onStarted.getError()).isNull();

    assertThat(byMethod.get("onCompleted").getLowCardinalityKeyValue("outcome").getValue())
        .isEqualTo("DELIVERED");

    JobEventHandlerContext onFailed = byMethod.get("onFailed");
    assertThat(onFailed.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("THROWN");
    assertThat(onFailed.getError())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("handler failed");
  }

  @Test
  void withATracingBridge_eachCallIsAChildSpanOfTheJobsSpan_currentInsideTheHandler()
      throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build()) {
      ObservationRegistry observations = Tracing.observationsTracedBy(provider);
      Handlers handlers = new Handlers(observations);
      dispatcher =
          TestDispatchers.builder(handlers)
              .interceptor(new ObservationInterceptor(observations))
              .build();

      Tracing.publishInsideJob(
          observations, dispatcher, started("r1"), completed("r1"), failed("r1"));
      assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
      await().until(() -> exporter.getFinishedSpanItems().size() == 4);

      SpanData jobSpan = Tracing.span(exporter, "job");
      for (String method : List.of("onStarted", "onCompleted", "onFailed")) {
        SpanData handlerSpan = Tracing.span(exporter, method);
        assertThat(handlerSpan.getTraceId()).as(method).isEqualTo(jobSpan.getTraceId());
        assertThat(handlerSpan.getParentSpanId()).as(method).isEqualTo(jobSpan.getSpanId());
        assertThat(handlers.spanInside.get(method)).as(method).isEqualTo(handlerSpan.getSpanId());
      }
      SpanData failedSpan = Tracing.span(exporter, "onFailed");
      assertThat(failedSpan.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }
  }

  @Test
  void withNothingCurrentAtPublish_theCallsObservationHasNoParent() throws Exception {
    TestObservationRegistry observations = TestObservationRegistry.create();
    dispatcher =
        TestDispatchers.builder(new Handlers(observations))
            .interceptor(new ObservationInterceptor(observations))
            .build();
    dispatcher.publish(started("r2"));
    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
    await()
        .untilAsserted(
            () ->
                assertThat(observations)
                    .hasSingleObservationThat()
                    .hasNameEqualTo(NAME)
                    .hasBeenStopped()
                    .doesNotHaveParentObservation());
  }

  @Test
  void aNoopRegistry_observesNothing() {
    ObservationInterceptor noop = new ObservationInterceptor(ObservationRegistry.NOOP);
    assertThat(noop.capture(started("r"))).isNull();
    HandlerId id = HandlerId.of(Handlers.class, "onStarted", JobStarted.class);
    try (var call = noop.enter(id, started("r"), null)) {
      assertThat(ObservationRegistry.NOOP.getCurrentObservation()).isNull();
    }
  }
}
