package dev.zapjobs.events.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs after {@code package}: plain {@code javac}, with only the packaged (shaded) processor jar on
 * {@code -processorpath}, compiles a handler written outside the project; the result is found by
 * {@link ServiceLoader} and receives all five events.
 */
class ProcessorJarIT {

  static Path processorJar() {
    Path jar = Path.of(System.getProperty("processor.jar", "target/missing.jar"));
    assertThat(jar).as("the packaged processor jar (run `mvn verify`)").exists();
    return jar;
  }

  @Test
  void jarIsSelfContained_withJavaPoetRelocated_andDeclaresItsGradleCategory() throws IOException {
    try (JarFile jar = new JarFile(processorJar().toFile())) {
      List<String> names = Collections.list(jar.entries()).stream().map(e -> e.getName()).toList();
      assertThat(names).noneMatch(n -> n.startsWith("com/palantir/"));
      assertThat(names)
          .contains(
              "dev/zapjobs/events/processor/shaded/javapoet/JavaFile.class",
              "META-INF/services/javax.annotation.processing.Processor",
              "META-INF/gradle/incremental.annotation.processors");
      String gradle =
          new String(
              jar.getInputStream(jar.getEntry("META-INF/gradle/incremental.annotation.processors"))
                  .readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(gradle.trim().lines())
          .containsExactly(
              "dev.zapjobs.events.processor.JobEventProcessor,aggregating",
              "dev.zapjobs.events.processor.OnJobEventClaimer,isolating");
    }
  }

  @Test
  void plainJavac_withOnlyTheProcessorJar_buildsAHandlerThatReceivesAllFiveEvents(@TempDir Path dir)
      throws Throwable {
    Path source = dir.resolve("src/com/acme/Audit.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        String.join(
            "\n",
            "package com.acme;",
            "",
            "import dev.zapjobs.events.*;",
            "import java.util.*;",
            "import java.util.function.Supplier;",
            "",
            "public final class Audit implements Supplier<List<String>> {",
            "  private final List<String> seen = new ArrayList<>();",
            "",
            "  @Override",
            "  public List<String> get() {",
            "    return seen;",
            "  }",
            "",
            "  @OnJobEvent",
            "  void on(JobEvent event) {",
            "    seen.add(event.getClass().getSimpleName());",
            "  }",
            "}",
            ""));
    Path classes = dir.resolve("classes");
    String classpath =
        List.of(
                TestCompiler.locationOf(JobEvent.class),
                TestCompiler.locationOf(HandlerBinding.class))
            .stream()
            .map(File::getPath)
            .collect(Collectors.joining(File.pathSeparator));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args =
        new ArrayList<>(
            List.of(
                "--release",
                "17",
                "-Xlint:all",
                "-Werror",
                "-processorpath",
                processorJar().toString(),
                "-classpath",
                classpath,
                "-d",
                classes.toString(),
                source.toString()));
    int exit =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args.toArray(new String[0]));
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(classes.resolve("com/acme/" + KnownTypes.BINDING_NAME + ".class")).exists();
    assertThat(classes.resolve(TestCompiler.SERVICES)).hasContent(TestCompiler.binding("com.acme"));

    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ProcessorJarIT.class.getClassLoader())) {
      List<HandlerBinding> bindings = new ArrayList<>();
      ServiceLoader.load(HandlerBinding.class, loader).forEach(bindings::add);
      assertThat(bindings).hasSize(1);
      HandlerBinding binding = bindings.get(0);
      Object handler = binding.newInstance(0);
      for (JobEvent event : GeneratedBindingRunTest.ALL_FIVE) {
        assertThat(binding.invoke(handler, 0, event)).isNull();
      }
      @SuppressWarnings("unchecked")
      List<String> seen = ((Supplier<List<String>>) handler).get();
      assertThat(seen)
          .containsExactly("JobEnqueued", "JobStarted", "JobCompleted", "JobFailed", "JobRetrying");
    }
  }
}
