package dev.zapjobs.events.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** Compiles test sources with the processor, against the real API and runtime. */
final class TestCompiler {
  static final String SERVICES = "META-INF/services/" + HandlerBinding.class.getName();

  /** The binding of package {@code test}. */
  static final String BINDING = binding("test");

  private TestCompiler() {}

  /** The qualified name of the (first) binding of {@code packageName}. */
  static String binding(String packageName) {
    return packageName + "." + KnownTypes.BINDING_NAME;
  }

  /** Both processors, in the order of the jar's registration. */
  static List<Processor> processors() {
    return List.of(new JobEventProcessor(), new OnJobEventClaimer());
  }

  /** The API jar (or classes dir) and the runtime jar: exactly what a user compiles against. */
  static List<File> apiClasspath() {
    return List.of(locationOf(JobEvent.class), locationOf(HandlerBinding.class));
  }

  static File locationOf(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Compiles with the processor under {@code -Xlint:all -Werror}. */
  static Compilation compile(JavaFileObject... sources) {
    return compiler(new JobEventProcessor()).compile(sources);
  }

  static Compilation compileWithOptions(List<String> extraOptions, JavaFileObject... sources) {
    return compiler(new JobEventProcessor())
        .withOptions(
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("-Xlint:all", "-Werror"), extraOptions.stream())
                .toList())
        .compile(sources);
  }

  static Compiler compiler(JobEventProcessor processor) {
    return Compiler.javac()
        .withProcessors(processor, new OnJobEventClaimer())
        .withClasspath(apiClasspath())
        .withOptions("-Xlint:all", "-Werror");
  }

  /** A source file from its lines. */
  static JavaFileObject source(String qualifiedName, String... lines) {
    return JavaFileObjects.forSourceLines(qualifiedName, lines);
  }

  /** The generated source of {@code qualifiedName} as text. */
  static String generatedSource(Compilation compilation, String qualifiedName) {
    JavaFileObject file =
        compilation
            .generatedSourceFile(qualifiedName)
            .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName));
    return content(file);
  }

  /** The generated ServiceLoader file as text, or null if none was written. */
  static String servicesFile(Compilation compilation) {
    return compilation
        .generatedFile(StandardLocation.CLASS_OUTPUT, SERVICES)
        .map(TestCompiler::content)
        .orElse(null);
  }

  static String content(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(JavaFileObject file) {
    return content(file).getBytes(StandardCharsets.UTF_8);
  }
}
