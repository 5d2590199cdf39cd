package dev.zapjobs.events.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.zapjobs.events.processor.TestCompiler.apiClasspath;
import static dev.zapjobs.events.processor.TestCompiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@link OnJobEventClaimer} claims {@code @Generated} only on our own bindings (so that
 * -Xlint:processing stays quiet), and leaves everyone else's {@code @Generated} to the processors
 * that come after it; {@link JobEventProcessor} claims nothing.
 */
class ClaimingTest {

  /** Runs after ours and records every element it is shown with {@code @Generated}. */
  static final class GeneratedRecorder extends AbstractProcessor {
    final Set<String> seen = new TreeSet<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("javax.annotation.processing.Generated");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      for (TypeElement a : annotations) {
        for (Element e : round.getElementsAnnotatedWith(a)) {
          seen.add(((TypeElement) e).getQualifiedName().toString());
        }
      }
      return false;
    }
  }

  private static JavaFileObject handlers() {
    return source(
        "test.Handlers",
        "package test;",
        "import dev.zapjobs.events.JobEvent;",
        "import dev.zapjobs.events.OnJobEvent;",
        "class Handlers {",
        "  @OnJobEvent void on(JobEvent e) {}",
        "}");
  }

  /** A class with someone else's {@code @Generated}. */
  private static JavaFileObject other() {
    return source(
        "test.Other",
        "package test;",
        "@javax.annotation.processing.Generated(\"some.other.Tool\")",
        "class Other {}");
  }

  @Test
  void someoneElsesGenerated_isLeftToOtherProcessors() {
    GeneratedRecorder recorder = new GeneratedRecorder();
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new JobEventProcessor(), new OnJobEventClaimer(), recorder)
            .withClasspath(apiClasspath())
            .compile(handlers(), other());
    assertThat(compilation).succeeded();
    assertThat(recorder.seen).contains("test.Other");
  }

  @Test
  void ourOwnGenerated_isClaimed() {
    GeneratedRecorder recorder = new GeneratedRecorder();
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new JobEventProcessor(), new OnJobEventClaimer(), recorder)
            .withClasspath(apiClasspath())
            .withOptions("-Xlint:all", "-Werror")
            .compile(handlers());
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(recorder.seen).isEmpty();
  }

  @Test
  void jobEventProcessor_claimsNothing_soOthersSeeEveryAnnotation() {
    GeneratedRecorder recorder = new GeneratedRecorder();
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new JobEventProcessor(), recorder)
            .withClasspath(apiClasspath())
            .compile(other());
    assertThat(compilation).succeeded();
    assertThat(recorder.seen).contains("test.Other");
  }

  /**
   * javac skips a {@code "*"} processor in a round whose annotations were all claimed before its
   * turn: the jar must list JobEventProcessor first.
   */
  @Test
  void theJarRegistersJobEventProcessorBeforeTheClaimer() throws IOException {
    List<String> processors = new ArrayList<>();
    try (InputStream in =
        JobEventProcessor.class.getResourceAsStream(
            "/META-INF/services/javax.annotation.processing.Processor")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          processors.add(line.trim());
        }
      }
    }
    assertThat(processors)
        .containsExactly(JobEventProcessor.class.getName(), OnJobEventClaimer.class.getName());
  }

  /** What goes wrong in the other order: the claimer takes the round, and no binding is written. */
  @Test
  void inTheOtherOrder_aCompileWhoseOnlyAnnotationIsOnJobEvent_getsNoBinding() {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new OnJobEventClaimer(), new JobEventProcessor())
            .withClasspath(apiClasspath())
            .compile(handlers());
    assertThat(compilation).succeeded();
    assertThat(compilation.generatedSourceFile(TestCompiler.BINDING)).isEmpty();

    Compilation right =
        Compiler.javac()
            .withProcessors(TestCompiler.processors())
            .withClasspath(apiClasspath())
            .compile(handlers());
    assertThat(right.generatedSourceFile(TestCompiler.BINDING)).isPresent();
  }
}
