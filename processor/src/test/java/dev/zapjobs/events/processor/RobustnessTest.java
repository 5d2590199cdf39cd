package dev.zapjobs.events.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.zapjobs.events.processor.TestCompiler.compile;
import static dev.zapjobs.events.processor.TestCompiler.compileWithOptions;
import static dev.zapjobs.events.processor.TestCompiler.generatedSource;
import static dev.zapjobs.events.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** Broken user code, options, determinism: the processor behaves like a good citizen of javac. */
class RobustnessTest {
  private static final JavaFileObject ALERTS =
      source(
          "test.Alerts",
          "package test;",
          "import dev.zapjobs.events.*;",
          "class Alerts {",
          "  @OnJobEvent void onFailed(JobFailed e) {}",
          "  @OnJobEvent static void audit(JobEvent e) {}",
          "}");
  private static final JavaFileObject METRICS =
      source(
          "test.Metrics",
          "package test;",
          "import dev.zapjobs.events.*;",
          "import java.util.concurrent.*;",
          "class Metrics {",
          "  @OnJobEvent CompletionStage<Void> done(JobCompleted e) { return null; }",
          "  static class Nested {",
          "    @OnJobEvent void started(JobStarted e) {}",
          "  }",
          "}");

  private static void assertNoProcessorMessage(Compilation compilation) {
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      assertThat(d.getMessage(null)).doesNotContain("[ZJE-");
      assertThat(d.getMessage(null)).doesNotContain("\tat ");
    }
  }

  @Test
  void unknownParameterType_showsOnlyJavacsError() {
    JavaFileObject file =
        source(
            "test.Typo",
            "package test;",
            "import dev.zapjobs.events.*;",
            "class Typo {",
            "  @OnJobEvent private void on(JobFaild e) {}",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(file)
        .onLineContaining("JobFaild e");
    assertNoProcessorMessage(compilation);
  }

  @Test
  void unknownTypesElsewhere_showOnlyJavacsErrors_andTheGoodClassIsStillChecked() {
    JavaFileObject broken =
        source(
            "test.Broken",
            "package test;",
            "import dev.zapjobs.events.*;",
            "class Broken extends MissingBase {",
            "  @OnJobEvent Missing<String> on(JobEvent e) throws MissingException { return null; }",
            "}");
    Compilation compilation = compile(broken, ALERTS);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("cannot find symbol");
    assertNoProcessorMessage(compilation);
  }

  @Test
  void syntaxError_showsOnlyJavacsError() {
    JavaFileObject file =
        source(
            "test.Syntax",
            "package test;",
            "import dev.zapjobs.events.*;",
            "class Syntax {",
            "  @OnJobEvent void on(JobEvent e) { int x = ; }",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertNoProcessorMessage(compilation);
  }

  @Test
  void typeGeneratedInALaterRound_isWaitedFor() {
    // Another processor, asked first, generates test.Later in round 1; the handler mentions it.
    JavaFileObject file =
        source(
            "test.Waiting",
            "package test;",
            "import dev.zapjobs.events.*;",
            "class Waiting {",
            "  @OnJobEvent Later on(JobEvent e) { return null; }",
            "}");
    Compilation compilation =
        com.google.testing.compile.Compiler.javac()
            .withProcessors(
                new LaterTypeProcessor(), new JobEventProcessor(), new OnJobEventClaimer())
            .withClasspath(TestCompiler.apiClasspath())
            .withOptions("-Xlint:all,-processing", "-Werror")
            .compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(generatedSource(compilation, TestCompiler.BINDING))
        .contains("return ((Waiting) handler).on(event);");
  }

  @Test
  void verboseOption_printsOneNotePerHandlerClass() {
    Compilation compilation =
        compileWithOptions(List.of("-Azapjobs.events.verbose=true"), ALERTS, METRICS);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .hadNoteContaining(
            Message.HANDLER_CLASS.format(
                "Alerts", 2, TestCompiler.BINDING, "audit(JobEvent) static, onFailed(JobFailed)"))
        .inFile(ALERTS)
        .onLineContaining("class Alerts");
    assertThat(compilation)
        .hadNoteContaining(
            Message.HANDLER_CLASS.format(
                "Metrics", 1, TestCompiler.BINDING, "done(JobCompleted) async"))
        .inFile(METRICS)
        .onLineContaining("class Metrics");
    assertThat(compilation).hadNoteContaining("Metrics.Nested: 1 @OnJobEvent method(s)");
  }

  @Test
  void withoutVerboseOption_printsNoNote() {
    Compilation compilation = compile(ALERTS);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.notes()).isEmpty();
  }

  @Test
  void sameSourcesInAnyOrder_giveByteIdenticalFiles() {
    Map<String, String> first = generated(compile(ALERTS, METRICS));
    Map<String, String> second = generated(compile(METRICS, ALERTS));
    assertThat(first).hasSize(2);
    assertThat(second).isEqualTo(first);
    assertThat(first.get(TestCompiler.SERVICES)).isEqualTo(TestCompiler.BINDING + "\n");
  }

  /** Every generated source and the services file, by name. */
  private static Map<String, String> generated(Compilation compilation) {
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, String> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        files.put(
            file.getName().replaceFirst(".*?/(test/|META-INF/)", "$1"), TestCompiler.content(file));
      }
    }
    compilation
        .generatedFile(StandardLocation.CLASS_OUTPUT, TestCompiler.SERVICES)
        .ifPresent(f -> files.put(TestCompiler.SERVICES, TestCompiler.content(f)));
    return files;
  }
}
