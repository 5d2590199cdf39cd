package dev.zapjobs.events.it.jpms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.it.support.ItEnvironment;
import dev.zapjobs.events.it.support.Jdk;
import dev.zapjobs.events.it.support.Jdk.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A modular application whose handlers sit in a package it neither exports nor opens receives every
 * event on the module path; the same application with a Guava {@code EventBus} subscriber fails
 * there. Sources: {@code src/it/jpms/}. Compiled and run with this JDK's {@code javac} and {@code
 * java}, as a user would.
 */
class ModulePathIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String MAIN = "com.example.app/com.example.app.Main";

  private static Path work;

  /** The app as in src/it/jpms/zapjobs-app: {@code provides HandlerBinding with} both bindings. */
  private static Path zapjobsApp;

  /** The same app with the {@code provides} clause removed from its module-info. */
  private static Path zapjobsAppWithoutProvides;

  @BeforeAll
  static void compileTheZapJobsApp() {
    work = ItEnvironment.freshWorkDir("jpms");
    Path sources = ItEnvironment.moduleDir().resolve("src/it/jpms/zapjobs-app");
    zapjobsApp = compileZapJobsApp(sources, work.resolve("zapjobs-app"));

    Path withoutProvides = work.resolve("zapjobs-app-without-provides-src");
    copyTree(sources, withoutProvides);
    rewriteAll(withoutProvides.resolve("module-info.java"), "(?s)\\n\\s*provides [^;]*;", "");
    zapjobsAppWithoutProvides =
        compileZapJobsApp(withoutProvides, work.resolve("zapjobs-app-without-provides"));
  }

  private static final String BILLING_BINDING = "com.example.app.billing.ZapJobs_HandlerBinding";
  private static final String HANDLERS_BINDING = "com.example.app.handlers.ZapJobs_HandlerBinding";

  private static Path compileZapJobsApp(Path sources, Path out) {
    compileZapJobsAppRun(sources, out).succeeded();
    return out;
  }

  private static Run compileZapJobsAppRun(Path sources, Path out) {
    // javac --release 17 -Xlint:all --module-path annotations.jar:runtime.jar:slf4j-api.jar
    //       -processorpath PROCESSOR.jar -d OUT SOURCES
    return compileModuleRun(
        sources,
        out,
        Jdk.pathOf(
            ItEnvironment.annotationsJar(),
            ItEnvironment.runtimeJar(),
            ItEnvironment.slf4jApiJar()),
        "-processorpath",
        ItEnvironment.processorJar().toString());
  }

  /** Compiles the module whose sources (module-info.java at the top) are under {@code sources}. */
  private static Path compileModule(
      Path sources, Path out, String modulePath, String... extraOptions) {
    compileModuleRun(sources, out, modulePath, extraOptions).succeeded();
    return out;
  }

  private static Run compileModuleRun(
      Path sources, Path out, String modulePath, String... extraOptions) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--release",
                "17",
                "-Xlint:all",
                "--module-path",
                modulePath,
                "-d",
                out.toString()));
    args.addAll(List.of(extraOptions));
    args.addAll(Jdk.sources(sources));
    return Jdk.run(work, TIMEOUT, "javac", args);
  }

  @Test
  void handlersPackage_isNeitherExportedNorOpened() {
    Run describe =
        Jdk.run(
                work,
                TIMEOUT,
                "java",
                List.of(
                    "--module-path",
                    zapjobsModulePath(zapjobsApp),
                    "--describe-module",
                    "com.example.app"))
            .succeeded();

    assertThat(describe.output())
        .contains("contains com.example.app.handlers")
        .contains("contains com.example.app.billing")
        .contains(
            "provides dev.zapjobs.events.runtime.spi.HandlerBinding with "
                + BILLING_BINDING
                + " "
                + HANDLERS_BINDING)
        .doesNotContain("exports ")
        .doesNotContain("opens ")
        .doesNotContain("open module");
  }

  @Test
  void providesWith_discoversTheHandlers_inAClosedPackage() {
    assertEveryEventDelivered(runZapJobsApp(zapjobsApp, "discover"), "discover");
  }

  @ParameterizedTest(name = "module-info with provides: {0}")
  @ValueSource(booleans = {true, false})
  void explicitAddBinding_needsNoProvidesClause(boolean withProvides) {
    Path app = withProvides ? zapjobsApp : zapjobsAppWithoutProvides;
    assertEveryEventDelivered(runZapJobsApp(app, "explicit"), "explicit");
  }

  @Test
  void withoutProvidesOrAddBinding_nothingIsFound_andTheDispatcherNamesTheProvidesClause() {
    Run run = runZapJobsApp(zapjobsAppWithoutProvides, "discover");

    assertThat(run.output())
        .contains("No @OnJobEvent handlers found: the generated bindings")
        .contains("which ServiceLoader ignores in a named module")
        .contains(
            "provides dev.zapjobs.events.runtime.spi.HandlerBinding with "
                + BILLING_BINDING
                + ", "
                + HANDLERS_BINDING
                + ";")
        .doesNotContain("annotation processor path")
        .contains("stats published=5 delivered=0 failed=0 dropped=0")
        .doesNotContain("received ");
  }

  /**
   * A {@code provides} clause that lists one of the module's two bindings would leave the other
   * package's handlers silently uncalled: the processor makes it a compile error on the clause.
   */
  @Test
  void providesClauseMissingABinding_failsTheCompile_namingTheMissingBinding() {
    Path sources = work.resolve("zapjobs-app-partial-provides-src");
    copyTree(ItEnvironment.moduleDir().resolve("src/it/jpms/zapjobs-app"), sources);
    rewrite(sources.resolve("module-info.java"), BILLING_BINDING + ",", "");

    Run javac = compileZapJobsAppRun(sources, work.resolve("zapjobs-app-partial-provides"));

    assertThat(javac.exitCode()).as("javac fails:%n%s", javac.output()).isNotZero();
    assertThat(javac.output())
        .contains("module-info.java:")
        .contains(
            "error: [ZJE-PROVIDES] module com.example.app provides"
                + " dev.zapjobs.events.runtime.spi.HandlerBinding but not "
                + BILLING_BINDING)
        .contains("with " + BILLING_BINDING + ", " + HANDLERS_BINDING + ";");
  }

  private static Run runZapJobsApp(Path app, String route) {
    // java --module-path APP:annotations.jar:runtime.jar:slf4j-api.jar:slf4j-simple.jar
    //      -m com.example.app/com.example.app.Main ROUTE
    return Jdk.run(
            work,
            TIMEOUT,
            "java",
            List.of("--module-path", zapjobsModulePath(app), "-m", MAIN, route))
        .succeeded();
  }

  private static void assertEveryEventDelivered(Run run, String route) {
    assertThat(run.output())
        .contains("module com.example.app, route " + route)
        .contains(
            "received onEnqueued:JobEnqueued",
            "received onStarted:JobStarted",
            "received onFailed:JobFailed",
            "received onRetrying:JobRetrying",
            "received onCompleted:JobCompleted")
        .contains("received onInvoiceFailed:JobFailed")
        .doesNotContain("received onReports")
        .contains("stats published=5 delivered=11 failed=0 dropped=0")
        .contains("handler BillingAlerts.onInvoiceFailed(JobFailed) published=1")
        .as("a filtered-out event is not counted against the handler")
        .contains("handler BillingAlerts.onReports(JobEvent) published=0")
        .doesNotContain("NOT IDLE")
        .doesNotContain("Exception");
    assertThat(run.output().lines().filter(l -> l.startsWith("received onAny:")))
        .as("the JobEvent handler gets all five, in publish order")
        .containsExactly(
            "received onAny:JobEnqueued",
            "received onAny:JobStarted",
            "received onAny:JobFailed",
            "received onAny:JobRetrying",
            "received onAny:JobCompleted");
  }

  @Test
  void guavaEventBus_inTheSameClosedPackage_cannotReachItsSubscriber() {
    Run run = compileAndRunGuavaApp("guava-closed", false);

    assertThat(run.exitCode()).as("the Guava app fails:%n%s", run.output()).isNotZero();
    assertThat(run.output())
        .contains(
            "java.lang.reflect.InaccessibleObjectException: Unable to make public void"
                + " com.example.app.handlers.AuditSubscriber.onAny(dev.zapjobs.events.JobEvent)"
                + " accessible: module com.example.app does not \"exports"
                + " com.example.app.handlers\" to module com.google.common")
        .contains("at com.google.common@")
        .contains("com.google.common.eventbus.EventBus.register")
        .doesNotContain("registered")
        .doesNotContain("received ");
  }

  @Test
  void guavaEventBus_worksOnlyOnceThePackageIsOpenedToGuava() {
    Run run = compileAndRunGuavaApp("guava-opened", true).succeeded();

    assertThat(run.output())
        .contains("registered")
        .contains(
            "received onAny:JobEnqueued",
            "received onAny:JobStarted",
            "received onAny:JobFailed",
            "received onAny:JobRetrying",
            "received onAny:JobCompleted");
  }

  private static Run compileAndRunGuavaApp(String name, boolean openToGuava) {
    Path sources = work.resolve(name + "-src");
    copyTree(ItEnvironment.moduleDir().resolve("src/it/jpms/guava-app"), sources);
    if (openToGuava) {
      rewrite(
          sources.resolve("module-info.java"),
          "requires com.google.common;",
          "requires com.google.common;\n  opens com.example.app.handlers to com.google.common;");
    }
    String libraries =
        Jdk.pathOf(
            ItEnvironment.annotationsJar(),
            ItEnvironment.guavaJar(),
            ItEnvironment.failureAccessJar());
    Path out = compileModule(sources, work.resolve(name), libraries);
    return Jdk.run(
        work,
        TIMEOUT,
        "java",
        List.of(
            "--module-path", Jdk.pathOf(out) + java.io.File.pathSeparator + libraries, "-m", MAIN));
  }

  private static String zapjobsModulePath(Path app) {
    return Jdk.pathOf(
        app,
        ItEnvironment.annotationsJar(),
        ItEnvironment.runtimeJar(),
        ItEnvironment.slf4jApiJar(),
        ItEnvironment.slf4jSimpleJar());
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void rewrite(Path file, String from, String to) {
    rewriteAll(
        file, java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
  }

  private static void rewriteAll(Path file, String regex, String replacement) {
    try {
      String text = Files.readString(file);
      String changed = text.replaceAll(regex, replacement);
      assertThat(changed).as("%s changed by %s", file, regex).isNotEqualTo(text);
      Files.writeString(file, changed);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
