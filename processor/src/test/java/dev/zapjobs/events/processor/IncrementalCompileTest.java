package dev.zapjobs.events.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import dev.zapjobs.events.runtime.spi.HandlerMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An IDE or an incremental build recompiles only the changed classes, with the previous output on
 * the class path; main and test code of one package are compiled separately. Each package's binding
 * must still bind every handler class of the package that exists and is annotated, and nothing
 * else.
 */
class IncrementalCompileTest {
  private static final String P_BINDING = TestCompiler.binding("p");

  private static Path handler(DiskCompiler javac, String name, String... methods) {
    List<String> lines = new ArrayList<>(List.of("package p;", "import dev.zapjobs.events.*;"));
    lines.add("class " + name + " {");
    for (String m : methods) {
      lines.add("  " + m);
    }
    lines.add("}");
    return javac.write("p." + name, lines.toArray(new String[0]));
  }

  /** The handler methods the services file's bindings in {@code outputs} list, by display name. */
  private static List<String> boundMethods(Path... outputs) {
    List<String> names = new ArrayList<>();
    for (HandlerBinding binding : bindings(outputs)) {
      binding.methods().forEach(m -> names.add(m.toString()));
    }
    return names;
  }

  private static List<HandlerBinding> bindings(Path... outputs) {
    List<HandlerBinding> bindings = new ArrayList<>();
    ServiceLoader.load(HandlerBinding.class, loader(outputs)).forEach(bindings::add);
    return bindings;
  }

  private static ClassLoader loader(Path... outputs) {
    URL[] urls = new URL[outputs.length];
    for (int i = 0; i < outputs.length; i++) {
      try {
        urls[i] = outputs[i].toUri().toURL();
      } catch (MalformedURLException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new URLClassLoader(urls, IncrementalCompileTest.class.getClassLoader());
  }

  @Test
  void addingChangingAndUnannotatingHandlers_oneFileAtATime_keepsTheOthers(@TempDir Path dir) {
    DiskCompiler javac = new DiskCompiler(dir);
    Path a = handler(javac, "A", "@OnJobEvent void on(JobEvent e) {}");
    assertThat(javac.compile(List.of(a)).errors()).isEmpty();
    assertThat(javac.services()).containsExactly(P_BINDING);
    assertThat(boundMethods(javac.classes)).containsExactly("A.on(JobEvent)");

    // B is added and compiled alone; A's classes (and the old binding) are in the output.
    Path b = handler(javac, "B", "@OnJobEvent static void on(JobFailed e) {}");
    assertThat(javac.compile(List.of(b)).errors()).isEmpty();
    assertThat(boundMethods(javac.classes)).containsExactly("A.on(JobEvent)", "B.on(JobFailed)");

    // B changes: a second method.
    handler(
        javac,
        "B",
        "@OnJobEvent static void on(JobFailed e) {}",
        "@OnJobEvent static void started(JobStarted e) {}");
    assertThat(javac.compile(List.of(b)).errors()).isEmpty();
    assertThat(boundMethods(javac.classes))
        .containsExactly("A.on(JobEvent)", "B.on(JobFailed)", "B.started(JobStarted)");

    // A loses its @OnJobEvent and is recompiled alone: it is no longer bound.
    handler(javac, "A", "void on(dev.zapjobs.events.JobEvent e) {}");
    assertThat(javac.compile(List.of(a)).errors()).isEmpty();
    assertThat(boundMethods(javac.classes))
        .containsExactly("B.on(JobFailed)", "B.started(JobStarted)");
    assertThat(javac.services()).containsExactly(P_BINDING);
  }

  @Test
  void unannotatingTheLastHandler_dropsTheBindingFromTheServicesFile(@TempDir Path dir) {
    DiskCompiler javac = new DiskCompiler(dir);
    Path a = handler(javac, "A", "@OnJobEvent void on(JobEvent e) {}");
    assertThat(javac.compile(List.of(a)).errors()).isEmpty();
    assertThat(javac.services()).containsExactly(P_BINDING);

    // No @OnJobEvent anywhere in this compile: the processor still runs (it supports "*").
    handler(javac, "A", "void on(dev.zapjobs.events.JobEvent e) {}");
    assertThat(javac.compile(List.of(a)).errors()).isEmpty();
    assertThat(javac.classes.resolve("p/" + KnownTypes.BINDING_NAME + ".class")).exists();
    assertThat(javac.services()).isEmpty();
    assertThat(bindings(javac.classes)).isEmpty();
  }

  @Test
  void deletingAHandler_andRecompilingAnotherClassOfItsPackage_dropsIt(@TempDir Path dir)
      throws IOException {
    DiskCompiler javac = new DiskCompiler(dir);
    Path a = handler(javac, "A", "@OnJobEvent void on(JobEvent e) {}");
    Path b = handler(javac, "B", "@OnJobEvent static void on(JobFailed e) {}");
    Path c = handler(javac, "C", "void helper() {}");
    assertThat(javac.compile(List.of(a, b, c)).errors()).isEmpty();

    // A is deleted (the build removes its classes); C, not a handler, is recompiled.
    Files.delete(a);
    Files.delete(javac.classes.resolve("p/A.class"));
    assertThat(javac.compile(List.of(c)).errors()).isEmpty();
    assertThat(boundMethods(javac.classes)).containsExactly("B.on(JobFailed)");
  }

  @Test
  void nestedHandlers_ofAClassNotRecompiled_areKept(@TempDir Path dir) {
    DiskCompiler javac = new DiskCompiler(dir);
    Path a =
        handler(
            javac,
            "A",
            "@OnJobEvent void on(JobEvent e) {}",
            "static class Nested {",
            "  @OnJobEvent(queues = \"billing\") void on(JobFailed e) {}",
            "}");
    Path b = handler(javac, "B", "void helper() {}");
    assertThat(javac.compile(List.of(a, b)).errors()).isEmpty();

    handler(javac, "B", "@OnJobEvent static void on(JobStarted e) {}");
    assertThat(javac.compile(List.of(b)).errors()).isEmpty();
    List<HandlerMethod> methods = bindings(javac.classes).get(0).methods();
    assertThat(methods)
        .extracting(HandlerMethod::toString)
        .containsExactly("A.on(JobEvent)", "A.Nested.on(JobFailed)", "B.on(JobStarted)");
    assertThat(methods.get(1).queues()).containsExactly("billing");
  }

  /** {@code p/Handlers.java} declaring {@code Alerts} and {@code Metrics}, not {@code Handlers}. */
  private static Path writeHandlersJava(DiskCompiler javac, String metricsModifier) {
    return javac.write(
        "p.Handlers",
        "package p;",
        "import dev.zapjobs.events.*;",
        "final class Alerts {",
        "  @OnJobEvent void onFailed(JobFailed e) {}",
        "}",
        "final class Metrics {",
        "  @OnJobEvent " + metricsModifier + " void any(JobEvent e) {}",
        "}");
  }

  /**
   * Two handler classes in one file not named after either, with {@code -sourcepath} set (Maven
   * always sets it): this used to fail with {@code duplicate class}, hiding every other error.
   */
  @Test
  void twoHandlerClassesInOneFile_withASourcePath_compile(@TempDir Path dir) {
    DiskCompiler javac = new DiskCompiler(dir);
    javac.withOptions("-sourcepath", javac.src.toString());
    Path handlers = writeHandlersJava(javac, "static");
    DiskCompiler.Result result = javac.compile(List.of(handlers));
    assertThat(result.errors()).as("%s", result).isEmpty();
    assertThat(result.warnings()).isEmpty();
    assertThat(boundMethods(javac.classes))
        .containsExactly("Alerts.onFailed(JobFailed)", "Metrics.any(JobEvent)");

    // A partial recompile of another class of the package keeps both, read from class files.
    Path other = handler(javac, "Other", "@OnJobEvent void on(JobStarted e) {}");
    assertThat(javac.compile(List.of(other)).errors()).isEmpty();
    assertThat(boundMethods(javac.classes))
        .containsExactly(
            "Alerts.onFailed(JobFailed)", "Metrics.any(JobEvent)", "Other.on(JobStarted)");
  }

  @Test
  void twoHandlerClassesInOneFile_withASourcePath_showTheRealError(@TempDir Path dir) {
    DiskCompiler javac = new DiskCompiler(dir);
    javac.withOptions("-sourcepath", javac.src.toString());
    Path handlers = writeHandlersJava(javac, "private");
    DiskCompiler.Result result = javac.compile(List.of(handlers));
    assertThat(result.errors()).containsExactly(Message.PRIVATE_METHOD.format());
  }

  /**
   * Test code compiled separately, with handlers in the same package as the main code's and the
   * main output on its class path: its binding takes another name, so neither hides the other,
   * javac does not warn that the type exists (checked with all of -Xlint), and both are found.
   */
  @Test
  void mainAndTestCode_inOnePackage_getOneBindingEach_andBothAreFound(@TempDir Path dir) {
    DiskCompiler main = new DiskCompiler(dir.resolve("main"));
    Path a = handler(main, "A", "@OnJobEvent void on(JobEvent e) {}");
    assertThat(main.compile(List.of(a)).errors()).isEmpty();

    DiskCompiler test = new DiskCompiler(dir.resolve("test"));
    test.readingOutputOf(main).withOptions("-Xlint:processing");
    Path t = handler(test, "T", "@OnJobEvent static void on(JobFailed e) {}");
    DiskCompiler.Result result = test.compile(List.of(t));
    assertThat(result.errors()).as("%s", result).isEmpty();
    assertThat(result.warnings()).isEmpty();
    assertThat(test.services()).containsExactly(P_BINDING + "_2");
    assertThat(boundMethods(test.classes)).containsExactly("T.on(JobFailed)");

    // The test class path: test output first, then the main output, as Maven and Gradle order it.
    assertThat(boundMethods(test.classes, main.classes))
        .containsExactly("T.on(JobFailed)", "A.on(JobEvent)");

    // An incremental recompile of the test code keeps its own name (as for any processor, javac
    // warns under -Xlint:processing that the type it regenerates exists in the output).
    test = new DiskCompiler(dir.resolve("test")).readingOutputOf(main);
    Path u = handler(test, "U", "@OnJobEvent static void on(JobStarted e) {}");
    assertThat(test.compile(List.of(u)).errors()).isEmpty();
    assertThat(test.services()).containsExactly(P_BINDING + "_2");
    assertThat(boundMethods(test.classes)).containsExactly("T.on(JobFailed)", "U.on(JobStarted)");
  }

  /** Discovery binds each handler class once, whichever bindings list it. */
  @Test
  void aHandlerClassListedByTwoBindings_isBoundOnce(@TempDir Path dir) {
    DiskCompiler main = new DiskCompiler(dir.resolve("main"));
    Path a = handler(main, "A", "@OnJobEvent static void on(JobEvent e) {}");
    assertThat(main.compile(List.of(a)).errors()).isEmpty();
    // The test compile recompiles A too (as some IDE setups do): both bindings list it.
    DiskCompiler test = new DiskCompiler(dir.resolve("test")).readingOutputOf(main);
    Path a2 = handler(test, "A", "@OnJobEvent static void on(JobEvent e) {}");
    assertThat(test.compile(List.of(a2)).errors()).isEmpty();
    assertThat(boundMethods(test.classes, main.classes))
        .containsExactly("A.on(JobEvent)", "A.on(JobEvent)");

    try (JobEventDispatcher dispatcher =
        JobEventDispatcher.builder()
            .discoverHandlers(loader(test.classes, main.classes))
            .synchronous()
            .build()) {
      assertThat(dispatcher.stats().handlers())
          .extracting(HandlerStats::name)
          .containsExactly("A.on(JobEvent)");
    }
  }

  /**
   * Compiles a class {@code lib.Other} (not ours) into the output and writes the services file by
   * hand; returns the file.
   */
  private static Path writeOtherLibrary(DiskCompiler javac, String servicesFile)
      throws IOException {
    Path other = javac.write("lib.Other", "package lib;", "public class Other {}");
    assertThat(javac.compile(List.of(other)).errors()).isEmpty();
    Path services = javac.classes.resolve(TestCompiler.SERVICES);
    Files.createDirectories(services.getParent());
    Files.writeString(services, servicesFile);
    return services;
  }

  @Test
  void existingEntriesOfOtherLibraries_inTheSameOutput_areKeptSorted(@TempDir Path dir)
      throws IOException {
    DiskCompiler javac = new DiskCompiler(dir);
    writeOtherLibrary(javac, "# written by hand\nlib.Other\nlib.Gone\n");
    Path z =
        javac.write(
            "a.Z",
            "package a;",
            "import dev.zapjobs.events.*;",
            "class Z {",
            "  @OnJobEvent void on(JobEvent e) {}",
            "}");
    assertThat(javac.compile(List.of(z)).errors()).isEmpty();
    assertThat(javac.services()).containsExactly(TestCompiler.binding("a"), "lib.Other");
  }

  @Test
  void aCompileWithoutHandlers_leavesAServicesFileWithNothingStaleAsItWas(@TempDir Path dir)
      throws IOException {
    DiskCompiler javac = new DiskCompiler(dir);
    String byHand = "# written by hand\nlib.Other\n";
    Path services = writeOtherLibrary(javac, byHand);
    Path plain = javac.write("a.Plain", "package a;", "@Deprecated class Plain {}");
    assertThat(javac.compile(List.of(plain)).errors()).isEmpty();
    assertThat(Files.readString(services)).isEqualTo(byHand);
  }
}
