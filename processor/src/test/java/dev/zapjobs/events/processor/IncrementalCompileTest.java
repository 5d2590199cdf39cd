package dev.zapjobs.events.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An IDE or an incremental build recompiles only the changed handler classes, with the previous
 * output on the class path: the ServiceLoader file must still list every handler, and drop one
 * whose class is gone.
 */
class IncrementalCompileTest {

  @Test
  void recompilingOneHandler_keepsTheOthers_andADeletedHandlerDisappears(@TempDir Path dir)
      throws IOException {
    DiskCompiler javac = new DiskCompiler(dir);
    Path a =
        javac.write(
            "test.A",
            "package test;",
            "import dev.zapjobs.events.*;",
            "class A {",
            "  @OnJobEvent void on(JobEvent e) {}",
            "}");
    Path b =
        javac.write(
            "test.B",
            "package test;",
            "import dev.zapjobs.events.*;",
            "class B {",
            "  @OnJobEvent static void on(JobFailed e) {}",
            "}");

    assertThat(javac.compile(List.of(a, b)).errors()).isEmpty();
    assertThat(javac.services())
        .containsExactly("test.A_JobEventHandlers", "test.B_JobEventHandlers");

    // Only B changed: B is recompiled alone, A's classes stay in the output.
    javac.write(
        "test.B",
        "package test;",
        "import dev.zapjobs.events.*;",
        "class B {",
        "  @OnJobEvent static void on(JobFailed e) {}",
        "  @OnJobEvent static void on(JobStarted e) {}",
        "}");
    DiskCompiler.Result second = javac.compile(List.of(b));
    assertThat(second.errors()).isEmpty();
    assertThat(javac.services())
        .containsExactly("test.A_JobEventHandlers", "test.B_JobEventHandlers");

    // A is deleted (the build removes its classes), B is recompiled.
    Files.delete(a);
    Files.delete(javac.classes.resolve("test/A.class"));
    Files.delete(javac.classes.resolve("test/A_JobEventHandlers.class"));
    assertThat(javac.compile(List.of(b)).errors()).isEmpty();
    assertThat(javac.services()).containsExactly("test.B_JobEventHandlers");
  }

  /** {@code p.A} with a static nested class, each with or without its {@code @OnJobEvent}. */
  private static Path writeA(DiskCompiler javac, boolean outerHandles, boolean nestedHandles) {
    return javac.write(
        "p.A",
        "package p;",
        "import dev.zapjobs.events.*;",
        "class A {",
        (outerHandles ? "  @OnJobEvent" : "") + "  void on(JobEvent e) {}",
        "  static class Nested {",
        (nestedHandles ? "    @OnJobEvent" : "") + "    void on(JobFailed e) {}",
        "  }",
        "}");
  }

  @Test
  void recompilingAHandlerWithoutItsAnnotations_dropsItsStaleEntry_andKeepsTheOthers(
      @TempDir Path dir) throws IOException {
    DiskCompiler javac = new DiskCompiler(dir);
    Path a = writeA(javac, true, true);
    Path b =
        javac.write(
            "p.B",
            "package p;",
            "import dev.zapjobs.events.*;",
            "class B {",
            "  @OnJobEvent static void on(JobFailed e) {}",
            "}");
    assertThat(javac.compile(List.of(a, b)).errors()).isEmpty();
    assertThat(javac.services())
        .containsExactly(
            "p.A_JobEventHandlers", "p.A_Nested_JobEventHandlers", "p.B_JobEventHandlers");

    // A loses its own @OnJobEvent (the class stays); only A is recompiled. Its old binding's class
    // file is still in the output (no build tool deletes it), but must not stay listed.
    writeA(javac, false, true);
    assertThat(javac.compile(List.of(a)).errors()).isEmpty();
    assertThat(javac.classes.resolve("p/A_JobEventHandlers.class")).exists();
    assertThat(javac.services())
        .containsExactly("p.A_Nested_JobEventHandlers", "p.B_JobEventHandlers");

    // The nested class loses its @OnJobEvent too: now no class of the compile has one, so
    // JobEventProcessor is not even called; StaleBindingsProcessor drops the entry.
    writeA(javac, false, false);
    assertThat(javac.compile(List.of(a)).errors()).isEmpty();
    assertThat(javac.classes.resolve("p/A_Nested_JobEventHandlers.class")).exists();
    assertThat(javac.services()).containsExactly("p.B_JobEventHandlers");
  }

  /**
   * Compiles a class {@code lib.Other_JobEventHandlers} (not ours) into the output and writes the
   * services file by hand; returns the file.
   */
  private static Path writeOtherLibrary(DiskCompiler javac, String servicesFile)
      throws IOException {
    Path other =
        javac.write(
            "lib.Other_JobEventHandlers", "package lib;", "public class Other_JobEventHandlers {}");
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
    writeOtherLibrary(
        javac, "# written by hand\nlib.Other_JobEventHandlers\nlib.Gone_JobEventHandlers\n");
    Path z =
        javac.write(
            "a.Z",
            "package a;",
            "import dev.zapjobs.events.*;",
            "class Z {",
            "  @OnJobEvent void on(JobEvent e) {}",
            "}");
    assertThat(javac.compile(List.of(z)).errors()).isEmpty();
    assertThat(javac.services())
        .containsExactly("a.Z_JobEventHandlers", "lib.Other_JobEventHandlers");
  }

  @Test
  void aCompileWithoutHandlers_leavesAServicesFileWithNothingStaleAsItWas(@TempDir Path dir)
      throws IOException {
    DiskCompiler javac = new DiskCompiler(dir);
    String byHand = "# written by hand\nlib.Other_JobEventHandlers\n";
    Path services = writeOtherLibrary(javac, byHand);
    Path plain = javac.write("a.Plain", "package a;", "@Deprecated class Plain {}");
    assertThat(javac.compile(List.of(plain)).errors()).isEmpty();
    assertThat(Files.readString(services)).isEqualTo(byHand);
  }
}
