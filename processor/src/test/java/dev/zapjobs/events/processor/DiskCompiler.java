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
 * Maven and IDEs put it), generated sources under {@code generated/}. Both processors run, in the
 * jar's order.
 */
final class DiskCompiler {
  final Path root;
  final Path src;
  final Path classes;
  final Path generated;
  private final List<Path> classpath = new ArrayList<>();
  private final List<String> options = new ArrayList<>();

  DiskCompiler(Path root) {
    this.root = root;
    this.src = root.resolve("src");
    this.classes = root.resolve("classes");
    this.generated = root.resolve("generated");
  }

  /** Puts {@code other}'s output on this compile's class path (tests against their main code). */
  DiskCompiler readingOutputOf(DiskCompiler other) {
    classpath.add(other.classes);
    return this;
  }

  /** Adds javac options, for example {@code -sourcepath}. */
  DiskCompiler withOptions(String... extra) {
    options.addAll(List.of(extra));
    return this;
  }

  /** Writes {@code <name>.java} under {@code src/}; a name without dots goes to the top. */
  Path write(String qualifiedName, String... lines) {
    return writeFile(qualifiedName.replace('.', '/') + ".java", lines);
  }

  /** Writes {@code src/<relativePath>}. */
  Path writeFile(String relativePath, String... lines) {
    Path file = src.resolve(relativePath);
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
      return messages(Diagnostic.Kind.ERROR);
    }

    List<String> warnings() {
      return messages(Diagnostic.Kind.WARNING, Diagnostic.Kind.MANDATORY_WARNING);
    }

    @Override
    public String toString() {
      return diagnostics.stream()
          .map(d -> d.getKind() + ": " + d.getMessage(Locale.ROOT))
          .collect(Collectors.joining("\n"));
    }

    private List<String> messages(Diagnostic.Kind... kinds) {
      return diagnostics.stream()
          .filter(d -> List.of(kinds).contains(d.getKind()))
          .map(d -> d.getMessage(Locale.ROOT))
          .collect(Collectors.toList());
    }
  }

  /**
   * Compiles {@code files} with both processors, {@code -Xlint:all,-processing -Werror} (a partial
   * recompile that generates a class already in the output draws javac's "already exists" under
   * {@code -Xlint:processing}, as it does for every processor).
   */
  Result compile(List<Path> files) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Files.createDirectories(classes);
      Files.createDirectories(generated);
      List<File> path = new ArrayList<>(TestCompiler.apiClasspath());
      path.add(classes.toFile());
      classpath.forEach(p -> path.add(p.toFile()));
      List<String> all = new ArrayList<>();
      all.addAll(
          List.of(
              "-Xlint:all,-processing",
              "-Werror",
              "-classpath",
              path.stream().map(File::getPath).collect(Collectors.joining(File.pathSeparator)),
              "-d",
              classes.toString(),
              "-s",
              generated.toString(),
              "-implicit:none"));
      all.addAll(options);
      JavaCompiler.CompilationTask task =
          javac.getTask(null, fm, diagnostics, all, null, fm.getJavaFileObjectsFromPaths(files));
      task.setProcessors(TestCompiler.processors());
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

  /** The generated source of {@code qualifiedName}, or null if there is none. */
  String generatedSource(String qualifiedName) {
    Path file = generated.resolve(qualifiedName.replace('.', '/') + ".java");
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
