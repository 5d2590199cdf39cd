package dev.zapjobs.events.it.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.it.support.ItEnvironment;
import dev.zapjobs.events.it.support.Jdk;
import dev.zapjobs.events.it.support.SampleEvents;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * A handler class written outside the project, compiled by plain javac with only the packaged
 * processor jar on the processor path, receives all five events.
 */
class PlainJavacIT {

  /** The outside handler. It implements a JDK interface so that the test can read what it got. */
  private static final String HANDLER_SOURCE =
      """
      package com.example.outside;

      import dev.zapjobs.events.JobCompleted;
      import dev.zapjobs.events.JobEnqueued;
      import dev.zapjobs.events.JobEvent;
      import dev.zapjobs.events.JobFailed;
      import dev.zapjobs.events.JobRetrying;
      import dev.zapjobs.events.JobStarted;
      import dev.zapjobs.events.OnJobEvent;
      import java.util.List;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.CompletionStage;
      import java.util.concurrent.CopyOnWriteArrayList;
      import java.util.function.Supplier;

      public class OutsideHandlers implements Supplier<List<String>> {
        private final List<String> received = new CopyOnWriteArrayList<>();

        @OnJobEvent void onEnqueued(JobEnqueued e) { received.add("enqueued " + e.trigger()); }
        @OnJobEvent void onStarted(JobStarted e) { received.add("started " + e.workerId()); }
        @OnJobEvent void onFailed(JobFailed e) { received.add("failed " + e.willRetry()); }
        @OnJobEvent public void onRetrying(JobRetrying e) { received.add("retrying " + e.nextAttempt()); }
        @OnJobEvent CompletionStage<Void> onCompleted(JobCompleted e) {
          received.add("completed " + e.attempt());
          return CompletableFuture.completedFuture(null);
        }
        @OnJobEvent void onAny(JobEvent e) { received.add("any " + e.getClass().getSimpleName()); }

        @Override public List<String> get() { return List.copyOf(received); }
      }
      """;

  @Test
  void handlerCompiledByPlainJavac_withOnlyTheProcessorJar_receivesAllFiveEvents()
      throws Throwable {
    Path work = ItEnvironment.freshWorkDir("plain-javac");
    Path sources = Files.createDirectories(work.resolve("src/com/example/outside"));
    Path generated = Files.createDirectories(work.resolve("generated"));
    Path classes = Files.createDirectories(work.resolve("classes"));
    Path handlerFile = Files.writeString(sources.resolve("OutsideHandlers.java"), HANDLER_SOURCE);

    // javac --release 17 -Xlint:all -Werror -processorpath PROCESSOR.jar
    //       -classpath annotations.jar:runtime.jar -s generated -d classes OutsideHandlers.java
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    List<String> options =
        List.of(
            "--release",
            "17",
            "-Xlint:all",
            "-Werror",
            "-processorpath",
            ItEnvironment.processorJar().toString(),
            "-classpath",
            Jdk.pathOf(ItEnvironment.annotationsJar(), ItEnvironment.runtimeJar()),
            "-s",
            generated.toString(),
            "-d",
            classes.toString());
    boolean compiled;
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      compiled =
          javac
              .getTask(
                  diagnostics, files, null, options, null, files.getJavaFileObjects(handlerFile))
              .call();
    }
    assertThat(compiled).as("javac succeeded:%n%s", diagnostics).isTrue();
    assertThat(diagnostics.toString()).as("javac printed nothing").isEmpty();
    assertThat(generated.resolve("com/example/outside/ZapJobs_HandlerBinding.java")).exists();
    assertThat(classes.resolve("META-INF/services/dev.zapjobs.events.runtime.spi.HandlerBinding"))
        .content()
        .contains("com.example.outside.ZapJobs_HandlerBinding");

    try (URLClassLoader outside =
        new URLClassLoader(
            "outside", new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      // Discovery exactly as the runtime does it; the parent loader also sees this module's own
      // test handlers, so keep only what the outside loader defined.
      List<HandlerBinding> bindings = new ArrayList<>();
      for (HandlerBinding b : ServiceLoader.load(HandlerBinding.class, outside)) {
        if (b.getClass().getClassLoader() == outside) {
          bindings.add(b);
        }
      }
      assertThat(bindings).hasSize(1);
      HandlerBinding binding = bindings.get(0);
      assertThat(binding.methods())
          .extracting(m -> m.handlerClass().getName())
          .containsOnly("com.example.outside.OutsideHandlers");

      // The instance comes from the generated code (its no-arg constructor); a resolver hands the
      // same one to the dispatcher so that the test can read what it received.
      @SuppressWarnings("unchecked")
      Supplier<List<String>> handler = (Supplier<List<String>>) binding.newInstance(0);
      List<JobEvent> events = SampleEvents.allFive();

      DispatcherStats stats;
      try (JobEventDispatcher dispatcher =
          JobEventDispatcher.builder()
              .addBinding(binding)
              .handlerResolver(type -> handler)
              .build()) {
        events.forEach(dispatcher::publish);
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.get().size() == 10);
        assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
        stats = dispatcher.stats();
      }

      assertThat(handler.get())
          .containsExactlyInAnyOrder(
              "enqueued API",
              "started worker-1",
              "failed true",
              "retrying 2",
              "completed 2",
              "any JobEnqueued",
              "any JobStarted",
              "any JobFailed",
              "any JobRetrying",
              "any JobCompleted");
      assertThat(handler.get().stream().filter(s -> s.startsWith("any ")))
          .as("the JobEvent handler sees the run's events in publish order")
          .containsExactly(
              "any JobEnqueued",
              "any JobStarted",
              "any JobFailed",
              "any JobRetrying",
              "any JobCompleted");
      assertThat(stats.handler("OutsideHandlers.onAny(JobEvent)").delivered()).isEqualTo(5);
      assertThat(stats.handler("OutsideHandlers.onRetrying(JobRetrying)").delivered()).isEqualTo(1);
      assertThat(stats.delivered()).isEqualTo(10);
      assertThat(stats.failed()).isZero();
    }
  }
}
