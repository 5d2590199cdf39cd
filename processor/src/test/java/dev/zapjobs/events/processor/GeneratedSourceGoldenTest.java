package dev.zapjobs.events.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.zapjobs.events.processor.TestCompiler.compile;
import static dev.zapjobs.events.processor.TestCompiler.compiler;
import static dev.zapjobs.events.processor.TestCompiler.generatedSource;
import static dev.zapjobs.events.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The generated shape, pinned by golden files (see {@link Goldens} to regenerate them): one binding
 * per package, with a table of the package's handler methods and one {@code invoke} switch.
 */
class GeneratedSourceGoldenTest {
  private static final String BINDING = "com.example." + KnownTypes.BINDING_NAME;

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
    assertGolden(info, compilation, BINDING);
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
    assertGolden(info, compilation, BINDING);
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
    assertGolden(info, compilation, BINDING);
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
    assertGolden(info, compilation, BINDING);
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
    assertGolden(info, compilation, BINDING);
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
    assertGolden(info, compilation, BINDING);
  }

  @Test
  void severalHandlerClassesInOnePackage_shareOneBinding(TestInfo info) {
    Compilation compilation =
        compile(
            source(
                "com.example.Alerts",
                "package com.example;",
                "",
                "import dev.zapjobs.events.JobFailed;",
                "import dev.zapjobs.events.OnJobEvent;",
                "",
                "final class Alerts {",
                "  @OnJobEvent",
                "  void onFailed(JobFailed event) {}",
                "}"),
            source(
                "com.example.Audit",
                "package com.example;",
                "",
                "import dev.zapjobs.events.JobEvent;",
                "import dev.zapjobs.events.OnJobEvent;",
                "",
                "final class Audit {",
                "  @OnJobEvent",
                "  static void record(JobEvent event) {}",
                "",
                "  static final class Nested {",
                "    @OnJobEvent",
                "    void again(JobEvent event) {}",
                "  }",
                "}"),
            source(
                "com.example.Singleton",
                "package com.example;",
                "",
                "import dev.zapjobs.events.JobStarted;",
                "import dev.zapjobs.events.OnJobEvent;",
                "import java.util.concurrent.CompletableFuture;",
                "",
                "enum Singleton {",
                "  INSTANCE;",
                "",
                "  @OnJobEvent",
                "  CompletableFuture<Void> started(JobStarted event) {",
                "    return CompletableFuture.completedFuture(null);",
                "  }",
                "}"));
    assertGolden(info, compilation, BINDING);
  }

  @Test
  void filters(TestInfo info) {
    Compilation compilation =
        compile(
            source(
                "com.example.Billing",
                "package com.example;",
                "",
                "import dev.zapjobs.events.JobEvent;",
                "import dev.zapjobs.events.JobFailed;",
                "import dev.zapjobs.events.OnJobEvent;",
                "",
                "final class Billing {",
                "  static final String INVOICES = \"send-invoice\";",
                "",
                "  @OnJobEvent(jobTypes = {INVOICES, \"charge-card\"})",
                "  void failed(JobFailed event) {}",
                "",
                "  @OnJobEvent(queues = \"billing\")",
                "  void onBillingQueue(JobEvent event) {}",
                "",
                "  @OnJobEvent(jobTypes = \"refund\", queues = {\"billing\", \"billing-slow\"})",
                "  static void refunds(JobEvent event) {}",
                "}"));
    assertGolden(info, compilation, BINDING);
  }

  @Test
  void handlersInAFileNamedAfterAnotherClass(TestInfo info) {
    Compilation compilation =
        compile(
            source(
                "com.example.Handlers",
                "package com.example;",
                "",
                "import dev.zapjobs.events.JobEvent;",
                "import dev.zapjobs.events.OnJobEvent;",
                "",
                "final class Alerts {",
                "  @OnJobEvent",
                "  void on(JobEvent event) {}",
                "}",
                "",
                "@Deprecated",
                "final class Metrics {",
                "  @OnJobEvent",
                "  void on(JobEvent event) {}",
                "}"));
    assertGolden(info, compilation, BINDING);
  }

  /** Split after 2 methods, so that the shape of a large package's binding fits on a page. */
  @Test
  void largePackage_isSplitIntoSmallMethods(TestInfo info) {
    Compilation compilation =
        compiler(new JobEventProcessor(type -> {}, 2))
            .compile(
                source(
                    "com.example.Many",
                    "package com.example;",
                    "",
                    "import dev.zapjobs.events.JobEvent;",
                    "import dev.zapjobs.events.JobFailed;",
                    "import dev.zapjobs.events.OnJobEvent;",
                    "",
                    "final class Many {",
                    "  @OnJobEvent",
                    "  void a(JobEvent event) {}",
                    "",
                    "  @OnJobEvent",
                    "  void b(JobFailed event) {}",
                    "",
                    "  @OnJobEvent",
                    "  static void c(JobEvent event) {}",
                    "}"),
                source(
                    "com.example.More",
                    "package com.example;",
                    "",
                    "import dev.zapjobs.events.JobEvent;",
                    "import dev.zapjobs.events.OnJobEvent;",
                    "",
                    "final class More {",
                    "  @OnJobEvent",
                    "  void d(JobEvent event) {}",
                    "",
                    "  @OnJobEvent",
                    "  void e(JobEvent event) {}",
                    "}"));
    assertGolden(info, compilation, BINDING);
  }
}
