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
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import dev.zapjobs.events.runtime.spi.HandlerMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Runs what the processor generated: the binding describes and calls the right methods. */
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
  void bindingDescribesEveryMethod_andInvokesIt_withTheRightEvent() throws Throwable {
    HandlerBinding binding = load(compile(RECORDING_HANDLER));
    List<HandlerMethod> methods = binding.methods();

    assertThat(methods)
        .extracting(HandlerMethod::toString)
        .containsExactly(
            "RecordingHandler.all(JobEvent)",
            "RecordingHandler.audit(JobStarted)",
            "RecordingHandler.done(JobCompleted)",
            "RecordingHandler.failed(JobFailed)");
    assertThat(methods)
        .extracting(HandlerMethod::name)
        .containsExactly("all", "audit", "done", "failed");
    assertThat(methods)
        .extracting(HandlerMethod::isStatic)
        .containsExactly(false, true, false, false);
    assertThat(methods)
        .extracting(HandlerMethod::isAsync)
        .containsExactly(false, false, true, false);
    assertThat(methods).allSatisfy(m -> assertThat(m.jobTypes()).isEmpty());
    Class<?> type = methods.get(0).handlerClass();
    assertThat(type.getName()).isEqualTo("test.RecordingHandler");

    Object handler = binding.newInstance(0);
    assertThat(handler.getClass()).isSameAs(type);
    for (JobEvent event : ALL_FIVE) {
      for (int i = 0; i < methods.size(); i++) {
        HandlerMethod m = methods.get(i);
        if (m.eventType().isInstance(event)) {
          CompletionStage<?> stage = binding.invoke(m.isStatic() ? null : handler, i, event);
          assertThat(stage == null).isEqualTo(!m.isAsync());
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
    HandlerBinding binding = load(compile(RECORDING_HANDLER));
    Object handler = binding.newInstance(2);
    CompletionStage<?> stage = binding.invoke(handler, 2, ALL_FIVE.get(2));
    assertThat(stage.toCompletableFuture().join()).isEqualTo("async report");
    assertThat(binding.invoke(handler, 0, ALL_FIVE.get(0))).isNull();
  }

  @Test
  void handlersCheckedException_reachesTheCaller_unwrapped() throws Throwable {
    HandlerBinding binding = load(compile(RECORDING_HANDLER));
    JobFailed deadLettered =
        JobFailed.builder(RUN).timestamp(NOW).error(ERROR).deadLettered(true).build();
    assertThatThrownBy(() -> binding.invoke(binding.newInstance(3), 3, deadLettered))
        .isInstanceOf(IOException.class)
        .hasMessage("dead");
  }

  @Test
  void unknownMethodNumber_isAnIndexOutOfBoundsException() {
    HandlerBinding binding = load(compile(RECORDING_HANDLER));
    assertThatThrownBy(() -> binding.invoke(null, 4, ALL_FIVE.get(0)))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("no handler method 4 in test (4 methods)");
    assertThatThrownBy(() -> binding.invoke(null, -1, ALL_FIVE.get(0)))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void staticOnlyHandler_getsNoInstance() throws Throwable {
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
                    "}")));
    assertThat(binding.methods().get(0).isStatic()).isTrue();
    assertThat(binding.newInstance(0)).isNull();
    assertThat(binding.invoke(null, 0, ALL_FIVE.get(1))).isNull();
  }

  @Test
  void throwingConstructor_reachesTheBuilder_whichNamesTheClass() {
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
                    "}")));
    assertThatThrownBy(() -> binding.newInstance(0))
        .isInstanceOf(Exception.class)
        .hasMessage("no config");
    assertThatThrownBy(() -> JobEventDispatcher.builder().addBinding(binding).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("The no-arg constructor of handler class test.Fragile failed")
        .hasRootCauseMessage("no config");
  }

  private static final JavaFileObject FILTERED_HANDLER =
      source(
          "test.Billing",
          "package test;",
          "import dev.zapjobs.events.*;",
          "import java.util.*;",
          "public final class Billing {",
          "  public static final List<String> SEEN =",
          "      Collections.synchronizedList(new ArrayList<>());",
          "  @OnJobEvent(jobTypes = {\"send-invoice\", \"charge-card\"})",
          "  static void invoices(JobEvent e) { SEEN.add(\"invoices:\" + e.jobTypeId()); }",
          "  @OnJobEvent(queues = \"billing\")",
          "  static void billingQueue(JobFailed e) { SEEN.add(\"billingQueue:\" + e.queue()); }",
          "  @OnJobEvent(jobTypes = \"refund\", queues = \"billing\")",
          "  static void refunds(JobEvent e) { SEEN.add(\"refunds:\" + e.jobTypeId()); }",
          "  @OnJobEvent static void all(JobEvent e) { SEEN.add(\"all:\" + e.jobTypeId()); }",
          "}");

  /** A failed run of {@code jobType} on {@code queue}. */
  private static JobFailed failed(String jobType, String queue) {
    JobRun run = JobRun.of("run-" + jobType + "-" + queue, jobType).withQueue(queue);
    return JobFailed.builder(run).timestamp(NOW).error(ERROR).build();
  }

  @Test
  void filters_reachTheDispatcher_filteredEventsAreNeitherDeliveredNorCounted() throws Exception {
    HandlerBinding binding = load(compile(FILTERED_HANDLER));
    assertThat(binding.methods())
        .extracting(HandlerMethod::name, HandlerMethod::jobTypes, HandlerMethod::queues)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("all", Set.of(), Set.of()),
            org.assertj.core.groups.Tuple.tuple("billingQueue", Set.of(), Set.of("billing")),
            org.assertj.core.groups.Tuple.tuple(
                "invoices", Set.of("send-invoice", "charge-card"), Set.of()),
            org.assertj.core.groups.Tuple.tuple("refunds", Set.of("refund"), Set.of("billing")));
    @SuppressWarnings("unchecked")
    List<String> seen =
        (List<String>) binding.methods().get(0).handlerClass().getDeclaredField("SEEN").get(null);

    try (JobEventDispatcher d = JobEventDispatcher.builder().addBinding(binding).build()) {
      d.publish(failed("send-invoice", "default"));
      d.publish(failed("refund", "billing"));
      d.publish(failed("refund", "default"));
      d.publish(failed("cleanup", "billing"));
      assertThat(d.awaitIdle(Duration.ofSeconds(10))).isTrue();

      assertThat(seen)
          .containsExactlyInAnyOrder(
              "all:send-invoice",
              "invoices:send-invoice",
              "all:refund",
              "billingQueue:billing",
              "refunds:refund",
              "all:refund",
              "all:cleanup",
              "billingQueue:billing");
      Map<String, Long> published = new HashMap<>();
      for (HandlerStats h : d.stats().handlers()) {
        published.put(h.name(), h.published());
        assertThat(h.published()).as(h.name()).isEqualTo(h.delivered());
      }
      assertThat(published)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "Billing.all(JobEvent)", 4L,
                  "Billing.billingQueue(JobFailed)", 2L,
                  "Billing.invoices(JobEvent)", 1L,
                  "Billing.refunds(JobEvent)", 1L));
    }
  }

  /**
   * A handler class deleted while the binding compiled with it stays in the output: the builder
   * names the cause and the fix instead of throwing a raw {@code NoClassDefFoundError}.
   */
  @Test
  void deletedHandlerClass_makesBuildFail_withAMessageNamingTheFix() {
    Compilation compilation =
        compile(
            RECORDING_HANDLER,
            source(
                "test.Gone",
                "package test;",
                "import dev.zapjobs.events.*;",
                "final class Gone {",
                "  @OnJobEvent void on(JobEvent e) {}",
                "}"));
    HandlerBinding binding = load(compilation, Set.of("test.Gone"));

    assertThatThrownBy(() -> JobEventDispatcher.builder().addBinding(binding).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("The handler binding test." + KnownTypes.BINDING_NAME)
        .hasMessageContaining("test/Gone")
        .hasMessageContaining("a handler class was deleted or renamed")
        .hasMessageContaining("Rebuild the module that declares the handlers from clean")
        .hasCauseInstanceOf(NoClassDefFoundError.class);
  }

  /**
   * A package of 450 handler classes: one binding, split into helper methods of 200 handler methods
   * each (so a larger package only has more of them), each far below the 8,000 bytes of bytecode
   * above which HotSpot would not compile it; every handler is reached.
   */
  @Test
  void largePackage_everyGeneratedMethodIsSmall_andEveryHandlerIsCalled() throws Throwable {
    int classes = 450;
    List<JavaFileObject> sources = new ArrayList<>();
    for (int i = 0; i < classes; i++) {
      sources.add(
          source(
              "test.H" + i,
              "package test;",
              "import dev.zapjobs.events.*;",
              "public final class H" + i + " {",
              "  @OnJobEvent" + (i % 10 == 0 ? "(jobTypes = \"other\")" : ""),
              "  "
                  + (i % 3 == 0 ? "static " : "")
                  + "void on(JobEvent e) { Counter.hit("
                  + i
                  + "); }",
              "}"));
    }
    sources.add(
        source(
            "test.Counter",
            "package test;",
            "public final class Counter {",
            "  public static final int[] HITS = new int[" + classes + "];",
            "  static void hit(int i) { HITS[i]++; }",
            "}"));
    Compilation compilation = compile(sources.toArray(new JavaFileObject[0]));
    assertThat(compilation).succeededWithoutWarnings();

    Map<String, Integer> sizes = bytecodeSizes(compilation, TestCompiler.BINDING);
    assertThat(sizes)
        .containsKeys("methods", "newInstance", "invoke", "methods0To199", "invoke400To449");
    assertThat(sizes).allSatisfy((method, size) -> assertThat(size).as(method).isLessThan(8000));

    HandlerBinding binding = load(compilation);
    assertThat(binding.methods()).hasSize(classes);
    try (JobEventDispatcher d =
        JobEventDispatcher.builder().addBinding(binding).synchronous().build()) {
      d.publish(ALL_FIVE.get(1)); // job type "report": the handlers limited to "other" skip it
    }
    int[] hits =
        (int[])
            binding
                .methods()
                .get(0)
                .handlerClass()
                .getClassLoader()
                .loadClass("test.Counter")
                .getField("HITS")
                .get(null);
    for (int i = 0; i < classes; i++) {
      assertThat(hits[i]).as("H%d", i).isEqualTo(i % 10 == 0 ? 0 : 1);
    }
  }

  /**
   * The bytecode length of each method of the compiled class {@code className}, from {@code javap
   * -c -p}: the offset of its last instruction plus that instruction (at most a few bytes).
   */
  private static Map<String, Integer> bytecodeSizes(Compilation compilation, String className)
      throws IOException {
    JavaFileObject file =
        compilation
            .generatedFile(
                javax.tools.StandardLocation.CLASS_OUTPUT, className.replace('.', '/') + ".class")
            .orElseThrow();
    java.nio.file.Path classFile = java.nio.file.Files.createTempFile("binding", ".class");
    try (InputStream in = file.openInputStream()) {
      java.nio.file.Files.write(classFile, in.readAllBytes());
    }
    java.io.StringWriter out = new java.io.StringWriter();
    java.util.spi.ToolProvider.findFirst("javap")
        .orElseThrow()
        .run(
            new java.io.PrintWriter(out),
            new java.io.PrintWriter(out),
            "-c",
            "-p",
            classFile.toString());
    java.nio.file.Files.delete(classFile);
    Map<String, Integer> sizes = new HashMap<>();
    String method = null;
    java.util.regex.Pattern declaration =
        java.util.regex.Pattern.compile("^  \\S.*?\\b(\\w+)\\(.*\\)( throws .*)?;$");
    java.util.regex.Pattern instruction = java.util.regex.Pattern.compile("^\\s+(\\d+): ");
    for (String line : out.toString().split("\\R")) {
      java.util.regex.Matcher d = declaration.matcher(line);
      java.util.regex.Matcher i = instruction.matcher(line);
      if (d.matches()) {
        method = d.group(1);
      } else if (method != null && i.find()) {
        sizes.merge(method, Integer.parseInt(i.group(1)) + 5, Math::max);
      }
    }
    return sizes;
  }

  /** Loads the compiled classes in memory and instantiates the binding of package {@code test}. */
  static HandlerBinding load(Compilation compilation) {
    return load(compilation, Set.of());
  }

  /** Like {@link #load(Compilation)}, as if the classes named in {@code deleted} were gone. */
  static HandlerBinding load(Compilation compilation, Set<String> deleted) {
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
    classes.keySet().removeAll(deleted);
    return instantiate(new InMemoryClassLoader(classes), TestCompiler.BINDING);
  }

  static HandlerBinding instantiate(ClassLoader loader, String binding) {
    try {
      return (HandlerBinding) loader.loadClass(binding).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot load " + binding, e);
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
