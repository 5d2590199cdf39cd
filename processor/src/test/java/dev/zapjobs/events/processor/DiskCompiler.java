package dev.zapjobs.events.processor;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles real files in a real directory with {@code javax.tools}, as a build tool does: sources
 * under {@code src/}, classes and resources under {@code classes/} (also on the class path, as
 * Maven and IDEs put it), generated sources under {@code generated/}.
 */
final class DiskCompiler {
  final Path root;
  final Path src;
  final Path classes;
  final Path generated;

  DiskCompiler(Path root) {
    this.root = root;
    this.src = root.resolve("src");
    this.classes = root.resolve("classes");
    this.generated = root.resolve("generated");
  }

  /** Writes {@code test/<name>.java}. */
  Path write(String qualifiedName, String... lines) {
    Path file = src.resolve(qualifiedName.replace('.', '/') + ".java");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The result of one compile. */
  record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    List<String> errors() {
      return diagnostics.stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .map(d -> d.getMessage(Locale.ROOT))
          .collect(Collectors.toList());
    }
  }

  /** Compiles {@code files} with the processor, {@code -Xlint:all -Werror}. */
  Result compile(List<Path> files) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Files.createDirectories(classes);
      Files.createDirectories(generated);
      List<File> classpath = new ArrayList<>(TestCompiler.apiClasspath());
      classpath.add(classes.toFile());
      List<String> options =
          List.of(
              "-Xlint:all,-processing",
              "-Werror",
              "-classpath",
              classpath.stream().map(File::getPath).collect(Collectors.joining(File.pathSeparator)),
              "-d",
              classes.toString(),
              "-s",
              generated.toString(),
              "-implicit:none");
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files));
      // Both processors, as javac finds them in the jar.
      task.setProcessors(List.of(new JobEventProcessor(), new StaleBindingsProcessor()));
      return new Result(task.call(), diagnostics.getDiagnostics());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The services file's lines, or an empty list if there is none. */
  List<String> services() {
    Path file = classes.resolve(TestCompiler.SERVICES);
    try {
      return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean generatedSource(String qualifiedName) {
    return Files.exists(generated.resolve(qualifiedName.replace('.', '/') + ".java"));
  }
}
