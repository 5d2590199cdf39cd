package dev.zapjobs.events.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.zapjobs.events.processor.TestCompiler.apiClasspath;
import static dev.zapjobs.events.processor.TestCompiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
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
 * The processor claims {@code @Generated} only on its own bindings (so that -Xlint:processing stays
 * quiet), and leaves everyone else's {@code @Generated} to the processors that come after it.
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
            .withProcessors(new JobEventProcessor(), recorder)
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
            .withProcessors(new JobEventProcessor(), recorder)
            .withClasspath(apiClasspath())
            .withOptions("-Xlint:all", "-Werror")
            .compile(handlers());
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(recorder.seen).isEmpty();
  }

  @Test
  void staleBindingsProcessor_evenWhenItRunsFirst_claimsNothing() {
    GeneratedRecorder recorder = new GeneratedRecorder();
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new StaleBindingsProcessor(), new JobEventProcessor(), recorder)
            .withClasspath(apiClasspath())
            .compile(other());
    assertThat(compilation).succeeded();
    assertThat(recorder.seen).contains("test.Other");

    Compilation clean =
        Compiler.javac()
            .withProcessors(new StaleBindingsProcessor(), new JobEventProcessor())
            .withClasspath(apiClasspath())
            .withOptions("-Xlint:all", "-Werror")
            .compile(handlers());
    assertThat(clean).succeededWithoutWarnings();
    assertThat(clean)
        .generatedFile(
            javax.tools.StandardLocation.CLASS_OUTPUT,
            "META-INF/services/dev.zapjobs.events.runtime.spi.HandlerBinding")
        .contentsAsUtf8String()
        .isEqualTo("test.Handlers_JobEventHandlers\n");
  }
}
