package dev.zapjobs.events.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import java.io.File;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * A named module that provides {@code HandlerBinding} must provide every binding generated for it:
 * ServiceLoader reads only {@code provides} clauses there, so a binding left out would silently
 * never be called.
 */
class ModuleProvidesTest {

  private static final String SERVICE = KnownTypes.HANDLER_BINDING;

  /** Writes module {@code com.example.app} with handlers in packages {@code a} and {@code b}. */
  private static List<Path> writeModule(Path src, String... moduleBody) throws IOException {
    List<Path> files = new ArrayList<>();
    List<String> info = new ArrayList<>();
    info.add("module com.example.app {");
    info.add("  requires dev.zapjobs.events.runtime;");
    info.addAll(List.of(moduleBody));
    info.add("}");
    files.add(write(src.resolve("module-info.java"), info));
    for (String pkg : List.of("a", "b")) {
      files.add(
          write(
              src.resolve("com/example/app/" + pkg + "/Handler.java"),
              List.of(
                  "package com.example.app." + pkg + ";",
                  "import dev.zapjobs.events.*;",
                  "public final class Handler {",
                  "  @OnJobEvent void on(JobEvent e) {}",
                  "}")));
    }
    return files;
  }

  private static Path write(Path file, List<String> lines) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static List<Diagnostic<? extends JavaFileObject>> compile(Path dir, List<Path> files)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Path out = Files.createDirectories(dir.resolve("classes"));
      Path generated = Files.createDirectories(dir.resolve("generated"));
      String modulePath =
          List.of(
                  TestCompiler.locationOf(JobEvent.class),
                  TestCompiler.locationOf(HandlerBinding.class),
                  TestCompiler.locationOf(Logger.class))
              .stream()
              .map(File::getPath)
              .collect(Collectors.joining(File.pathSeparator));
      List<String> options =
          List.of(
              "-Xlint:all,-processing",
              "-Werror",
              "--module-path",
              modulePath,
              "-d",
              out.toString(),
              "-s",
              generated.toString());
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files));
      task.setProcessors(TestCompiler.processors());
      task.call();
      return diagnostics.getDiagnostics();
    }
  }

  private static List<String> errors(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
    return diagnostics.stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getMessage(Locale.ROOT))
        .toList();
  }

  @Test
  void providesClauseMissingABinding_isAnError_onTheClause(@TempDir Path dir) throws IOException {
    List<Path> files =
        writeModule(
            dir.resolve("src"),
            "  provides " + SERVICE + " with",
            "      com.example.app.a." + KnownTypes.BINDING_NAME + "; // the provides clause");
    List<Diagnostic<? extends JavaFileObject>> diagnostics = compile(dir, files);

    String missing = "com.example.app.b." + KnownTypes.BINDING_NAME;
    assertThat(errors(diagnostics))
        .containsExactly(
            Message.PROVIDES.format(
                "com.example.app",
                missing,
                "com.example.app.b",
                "com.example.app.a." + KnownTypes.BINDING_NAME + ", " + missing));
    Diagnostic<? extends JavaFileObject> error =
        diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).findFirst().get();
    assertThat(error.getSource().getName()).endsWith("module-info.java");
    assertThat(
            Files.readAllLines(dir.resolve("src/module-info.java"))
                .get((int) error.getLineNumber() - 1))
        .contains("provides " + SERVICE);
  }

  @Test
  void providesClauseWithEveryBinding_compiles(@TempDir Path dir) throws IOException {
    List<Path> files =
        writeModule(
            dir.resolve("src"),
            "  provides " + SERVICE + " with",
            "      com.example.app.a." + KnownTypes.BINDING_NAME + ",",
            "      com.example.app.b." + KnownTypes.BINDING_NAME + ";");
    assertThat(compile(dir, files)).isEmpty();
    // The module does not read java.compiler: the binding goes without @Generated.
    assertThat(
            Files.readString(
                dir.resolve("generated/com/example/app/a/" + KnownTypes.BINDING_NAME + ".java")))
        .doesNotContain("@Generated")
        .contains("@IndexedHandlers(\"Handler\")");
  }

  @Test
  void moduleWithoutAnyProvidesClause_isLeftAlone(@TempDir Path dir) throws IOException {
    // It may pass its bindings to addBinding(...); the dispatcher says what to add if not.
    assertThat(compile(dir, writeModule(dir.resolve("src")))).isEmpty();
  }
}
