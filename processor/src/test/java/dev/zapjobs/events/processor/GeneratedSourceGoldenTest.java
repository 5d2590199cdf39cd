package dev.zapjobs.events.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.zapjobs.events.processor.TestCompiler.compile;
import static dev.zapjobs.events.processor.TestCompiler.generatedSource;
import static dev.zapjobs.events.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The generated shape, pinned by golden files (see {@link Goldens} to regenerate them). */
class GeneratedSourceGoldenTest {

  private static void assertGolden(TestInfo info, Compilation compilation, String binding) {
    assertThat(compilation).succeededWithoutWarnings();
    Goldens.assertMatches(
        GeneratedSourceGoldenTest.class.getSimpleName(),
        info.getTestMethod().orElseThrow().getName(),
        binding,
        generatedSource(compilation, binding));
  }

  @Test
  void staticHandlers(TestInfo info) {
    Compilation compilation =
        compile(
            source(
                "com.example.Audit",
                "package com.example;",
                "",
                "import dev.zapjobs.events.JobEvent;",
                "import dev.zapjobs.events.JobFailed;",
                "import dev.zapjobs.events.OnJobEvent;",
                "",
                "public final class Audit {",
                "  private Audit() {}",
                "",
                "  @OnJobEvent",
                "  public static void record(JobEvent event) {}",
                "",
                "  @OnJobEvent",
                "  static void failed(JobFailed event) {}",
                "}"));
    assertGolden(info, compilation, "com.example.Audit_JobEventHandlers");
  }

  @Test
  void instanceHandlers(TestInfo info) {
    Compilation compilation =
        compile(
            source(
                "com.example.Alerts",
                "package com.example;",
                "",
                "import dev.zapjobs.events.JobFailed;",
                "import dev.zapjobs.events.JobRetrying;",
                "import dev.zapjobs.events.OnJobEvent;",
                "",
                "public class Alerts {",
                "  @OnJobEvent",
                "  public void onRetrying(JobRetrying event) {}",
                "",
                "  @OnJobEvent",
                "  public void onFailed(JobFailed event) throws java.io.IOException {}",
                "}"));
    assertGolden(info, compilation, "com.example.Alerts_JobEventHandlers");
  }

  @Test
  void asyncHandlers(TestInfo info) {
    Compilation compilation =
        compile(
            source(
                "com.example.Metrics",
                "package com.example;",
                "",
                "import dev.zapjobs.events.JobCompleted;",
                "import dev.zapjobs.events.JobStarted;",
                "import dev.zapjobs.events.OnJobEvent;",
                "import java.util.concurrent.CompletableFuture;",
                "import java.util.concurrent.CompletionStage;",
                "",
                "public class Metrics {",
                "  @OnJobEvent",
                "  public CompletionStage<Void> done(JobCompleted event) {",
                "    return CompletableFuture.completedFuture(null);",
                "  }",
                "",
                "  @OnJobEvent",
                "  public CompletableFuture<String> started(JobStarted event) {",
                "    return CompletableFuture.completedFuture(event.workerId());",
                "  }",
                "}"));
    assertGolden(info, compilation, "com.example.Metrics_JobEventHandlers");
  }

  @Test
  void packagePrivateHandlerWithoutNoArgConstructor(TestInfo info) {
    Compilation compilation =
        compile(
            source(
                "com.example.Slack",
                "package com.example;",
                "",
                "import dev.zapjobs.events.JobEnqueued;",
                "import dev.zapjobs.events.JobEvent;",
                "import dev.zapjobs.events.OnJobEvent;",
                "",
                "final class Slack {",
                "  private final String channel;",
                "",
                "  Slack(String channel) {",
                "    this.channel = channel;",
                "  }",
                "",
                "  @OnJobEvent",
                "  void on(JobEvent event) {}",
                "",
                "  @OnJobEvent",
                "  void on(JobEnqueued event) {}",
                "",
                "  String channel() {",
                "    return channel;",
                "  }",
                "}"));
    assertGolden(info, compilation, "com.example.Slack_JobEventHandlers");
  }

  @Test
  void nestedHandler(TestInfo info) {
    Compilation compilation =
        compile(
            source(
                "com.example.Outer",
                "package com.example;",
                "",
                "import dev.zapjobs.events.JobStarted;",
                "import dev.zapjobs.events.OnJobEvent;",
                "",
                "class Outer {",
                "  static class Middle {",
                "    static final class Inner {",
                "      @OnJobEvent",
                "      void started(JobStarted event) {}",
                "    }",
                "  }",
                "}"));
    assertGolden(info, compilation, "com.example.Outer_Middle_Inner_JobEventHandlers");
  }

  @Test
  void genericHandler(TestInfo info) {
    Compilation compilation =
        compile(
            source(
                "com.example.Repository",
                "package com.example;",
                "",
                "import dev.zapjobs.events.JobEvent;",
                "import dev.zapjobs.events.OnJobEvent;",
                "import java.util.ArrayList;",
                "import java.util.List;",
                "import java.util.concurrent.CompletableFuture;",
                "",
                "public class Repository<T extends Comparable<T>, E extends JobEvent> {",
                "  final List<JobEvent> seen = new ArrayList<>();",
                "",
                "  @OnJobEvent",
                "  public CompletableFuture<T> on(JobEvent event) {",
                "    seen.add(event);",
                "    return new CompletableFuture<>();",
                "  }",
                "}"));
    assertGolden(info, compilation, "com.example.Repository_JobEventHandlers");
  }
}
