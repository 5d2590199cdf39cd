package dev.zapjobs.events.micrometer;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;

/** Micrometer Tracing over the OpenTelemetry SDK, as the tests set it up and read it. */
final class Tracing {
  private Tracing() {}

  /** An observation registry whose observations become spans of {@code provider}. */
  static ObservationRegistry observationsTracedBy(SdkTracerProvider provider) {
    OtelTracer tracer =
        new OtelTracer(provider.get("test"), new OtelCurrentTraceContext(), e -> {});
    ObservationRegistry observations = ObservationRegistry.create();
    observations
        .observationConfig()
        .observationHandler(new DefaultTracingObservationHandler(tracer));
    return observations;
  }

  /** Publishes {@code events} inside a started and scoped observation "job", then stops it. */
  static Observation publishInsideJob(
      ObservationRegistry observations, JobEventDispatcher dispatcher, JobEvent... events) {
    Observation job = Observation.start("job", observations);
    try (Observation.Scope scope = job.openScope()) {
      for (JobEvent e : events) {
        dispatcher.publish(e);
      }
    }
    job.stop();
    return job;
  }

  /** The finished span named {@code name}, or of the handler method {@code name}. */
  static SpanData span(InMemorySpanExporter exporter, String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name) || s.getName().contains("." + name + "("))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name));
  }
}
