package dev.zapjobs.events.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.zapjobs.events.processor.TestCompiler.compile;
import static dev.zapjobs.events.processor.TestCompiler.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Runs what the processor generated: the binding calls the right method with the event. */
class GeneratedBindingRunTest {
  static final JobRun RUN = JobRun.of("run-1", "report");
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final JobError ERROR = JobError.of(new IllegalStateException("boom"));
  static final List<JobEvent> ALL_FIVE =
      List.of(
          new JobEnqueued(RUN, NOW, null, JobEnqueued.Trigger.API, "test"),
          new JobStarted(RUN, NOW, "worker-1"),
          new JobCompleted(RUN, NOW, Duration.ofMillis(5), "{}", 1, 0),
          JobFailed.builder(RUN)
              .timestamp(NOW)
              .duration(Duration.ofMillis(5))
              .error(ERROR)
              .retryAt(NOW.plusSeconds(1))
              .build(),
          JobRetrying.builder(RUN)
              .timestamp(NOW)
              .maxAttempts(3)
              .delay(Duration.ofSeconds(1))
              .lastError(ERROR)
              .build());

  /** The handler records every call as "method:EventType"; reading goes through Supplier. */
  private static final JavaFileObject RECORDING_HANDLER =
      source(
          "test.RecordingHandler",
          "package test;",
          "import dev.zapjobs.events.*;",
          "import java.util.*;",
          "import java.util.concurrent.*;",
          "final class RecordingHandler implements java.util.function.Supplier<List<String>> {",
          "  static final List<String> STATIC_CALLS = new ArrayList<>();",
          "  final List<String> calls = new ArrayList<>();",
          "  @Override public List<String> get() { return calls; }",
          "  @OnJobEvent void all(JobEvent e) { calls.add(\"all:\" + e.getClass().getSimpleName()); }",
          "  @OnJobEvent void failed(JobFailed e) throws Exception {",
          "    calls.add(\"failed:\" + e.error().message());",
          "    if (e.deadLettered()) throw new java.io.IOException(\"dead\");",
          "  }",
          "  @OnJobEvent CompletionStage<String> done(JobCompleted e) {",
          "    calls.add(\"done:\" + e.output());",
          "    return CompletableFuture.completedFuture(\"async \" + e.jobTypeId());",
          "  }",
          "  @OnJobEvent static void audit(JobStarted e) {",
          "    STATIC_CALLS.add(\"audit:\" + e.workerId());",
          "  }",
          "}");

  @Test
  void bindingInvokesEveryMethod_withTheRightEvent() throws Throwable {
    HandlerBinding binding = load(compile(RECORDING_HANDLER), "test.RecordingHandler");

    assertThat(binding.handlerClass().getName()).isEqualTo("test.RecordingHandler");
    assertThat(binding.needsInstance()).isTrue();
    assertThat(binding.methodCount()).isEqualTo(4);
    assertThat(
            List.of(
                binding.methodName(0),
                binding.methodName(1),
                binding.methodName(2),
                binding.methodName(3)))
        .containsExactly(
            "RecordingHandler.all(JobEvent)",
            "RecordingHandler.audit(JobStarted)",
            "RecordingHandler.done(JobCompleted)",
            "RecordingHandler.failed(JobFailed)");
    assertThat(
            List.of(
                binding.eventType(0),
                binding.eventType(1),
                binding.eventType(2),
                binding.eventType(3)))
        .containsExactly(JobEvent.class, JobStarted.class, JobCompleted.class, JobFailed.class);

    Object handler = binding.newInstance();
    assertThat(handler.getClass()).isSameAs(binding.handlerClass());
    for (JobEvent event : ALL_FIVE) {
      for (int i = 0; i < binding.methodCount(); i++) {
        if (binding.eventType(i).isInstance(event)) {
          Object instance = binding.eventType(i) == JobStarted.class ? null : handler;
          CompletionStage<?> stage = binding.invoke(instance, i, event);
          if (event instanceof JobCompleted) {
            assertThat(stage == null || stage.toCompletableFuture().join().equals("async report"))
                .isTrue();
          }
        }
      }
    }
    @SuppressWarnings("unchecked")
    List<String> calls = ((Supplier<List<String>>) handler).get();
    assertThat(calls)
        .containsExactly(
            "all:JobEnqueued",
            "all:JobStarted",
            "all:JobCompleted",
            "done:{}",
            "all:JobFailed",
            "failed:boom",
            "all:JobRetrying");
  }

  @Test
  void asyncMethod_returnsTheHandlersStage_voidMethodReturnsNull() throws Throwable {
    HandlerBinding binding = load(compile(RECORDING_HANDLER), "test.RecordingHandler");
    Object handler = binding.newInstance();
    CompletionStage<?> stage = binding.invoke(handler, 2, ALL_FIVE.get(2));
    assertThat(stage.toCompletableFuture().join()).isEqualTo("async report");
    assertThat(binding.invoke(handler, 0, ALL_FIVE.get(0))).isNull();
  }

  @Test
  void handlersCheckedException_reachesTheCaller_unwrapped() throws Throwable {
    HandlerBinding binding = load(compile(RECORDING_HANDLER), "test.RecordingHandler");
    JobFailed deadLettered =
        JobFailed.builder(RUN).timestamp(NOW).error(ERROR).deadLettered(true).build();
    assertThatThrownBy(() -> binding.invoke(binding.newInstance(), 3, deadLettered))
        .isInstanceOf(IOException.class)
        .hasMessage("dead");
  }

  @Test
  void unknownMethodNumber_isAnIndexOutOfBoundsException() {
    HandlerBinding binding = load(compile(RECORDING_HANDLER), "test.RecordingHandler");
    assertThatThrownBy(() -> binding.methodName(4)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> binding.invoke(null, -1, ALL_FIVE.get(0)))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void staticOnlyHandler_needsNoInstance() throws Throwable {
    HandlerBinding binding =
        load(
            compile(
                source(
                    "test.Static",
                    "package test;",
                    "import dev.zapjobs.events.*;",
                    "final class Static {",
                    "  static int count;",
                    "  private Static() {}",
                    "  @OnJobEvent static void on(JobEvent e) { count++; }",
                    "}")),
            "test.Static");
    assertThat(binding.needsInstance()).isFalse();
    assertThat(binding.newInstance()).isNull();
    assertThat(binding.invoke(null, 0, ALL_FIVE.get(1))).isNull();
  }

  @Test
  void throwingConstructor_isWrapped_runtimeExceptionsPassThrough() {
    HandlerBinding binding =
        load(
            compile(
                source(
                    "test.Fragile",
                    "package test;",
                    "import dev.zapjobs.events.*;",
                    "final class Fragile {",
                    "  Fragile() throws Exception { throw new Exception(\"no config\"); }",
                    "  @OnJobEvent void on(JobEvent e) {}",
                    "}")),
            "test.Fragile");
    assertThatThrownBy(binding::newInstance)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the constructor of Fragile threw")
        .hasRootCauseMessage("no config");
  }

  /** Loads the compiled classes in memory and instantiates the binding of {@code handler}. */
  static HandlerBinding load(Compilation compilation, String handler) {
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() == JavaFileObject.Kind.CLASS) {
        String name =
            file.getName().replaceFirst("^/?CLASS_OUTPUT/", "").replaceFirst("\\.class$", "");
        try (InputStream in = file.openInputStream()) {
          classes.put(name.replace('/', '.'), in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    ClassLoader loader = new InMemoryClassLoader(classes);
    try {
      return (HandlerBinding)
          loader.loadClass(handler + "_JobEventHandlers").getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(
          "cannot load the binding of " + handler + " from " + classes.keySet(), e);
    }
  }

  /** Defines classes from bytes, parent first for the API and runtime. */
  static final class InMemoryClassLoader extends ClassLoader {
    private final Map<String, byte[]> classes;

    InMemoryClassLoader(Map<String, byte[]> classes) {
      super(GeneratedBindingRunTest.class.getClassLoader());
      this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] bytes = classes.get(name);
      if (bytes == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
