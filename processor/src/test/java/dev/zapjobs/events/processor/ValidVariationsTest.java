package dev.zapjobs.events.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.zapjobs.events.processor.TestCompiler.compile;
import static dev.zapjobs.events.processor.TestCompiler.generatedSource;
import static dev.zapjobs.events.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Every accepted handler shape compiles, generated code included, under -Xlint:all -Werror. */
class ValidVariationsTest {

  private static Compilation assertClean(JavaFileObject... sources) {
    Compilation compilation = compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    return compilation;
  }

  private static JavaFileObject handler(String name, String... body) {
    String[] lines = new String[body.length + 6];
    lines[0] = "package test;";
    lines[1] = "import dev.zapjobs.events.*;";
    lines[2] = "import java.util.concurrent.*;";
    lines[3] = "class " + name + " {";
    System.arraycopy(body, 0, lines, 4, body.length);
    lines[lines.length - 2] = "}";
    lines[lines.length - 1] = "";
    return source("test." + name, lines);
  }

  @Test
  void packagePrivateAndStaticAndProtectedMethods_compile() {
    assertClean(
        handler(
            "Mixed",
            "  @OnJobEvent void a(JobEvent e) {}",
            "  @OnJobEvent static void b(JobStarted e) {}",
            "  @OnJobEvent protected void c(JobFailed e) {}",
            "  @OnJobEvent public static void d(JobRetrying e) {}",
            "  @OnJobEvent public final void e(JobEnqueued e) {}",
            "  @OnJobEvent synchronized void f(JobCompleted e) {}"));
  }

  @Test
  void staticNestedClasses_compile() {
    Compilation compilation =
        assertClean(
            handler(
                "Outer",
                "  static class Nested {",
                "    @OnJobEvent void on(JobEvent e) {}",
                "    interface InInterface {",
                "      class Member {",
                "        @OnJobEvent void on(JobEvent e) {}",
                "      }",
                "    }",
                "  }",
                "  record Rec(String name) {",
                "    @OnJobEvent void on(JobEvent e) {}",
                "  }"));
    assertThat(generatedSource(compilation, "test.Outer_Nested_JobEventHandlers"))
        .contains("return new Outer.Nested();");
    assertThat(
            generatedSource(compilation, "test.Outer_Nested_InInterface_Member_JobEventHandlers"))
        .contains("return new Outer.Nested.InInterface.Member();");
    assertThat(generatedSource(compilation, "test.Outer_Rec_JobEventHandlers"))
        .contains("return null;");
  }

  @Test
  void overloadedMethodNames_compile_andAreNumberedByEventType() {
    Compilation compilation =
        assertClean(
            handler(
                "Overloads",
                "  @OnJobEvent void on(JobStarted e) {}",
                "  @OnJobEvent void on(JobFailed e) {}",
                "  @OnJobEvent void on(JobEvent e) {}"));
    String binding = generatedSource(compilation, "test.Overloads_JobEventHandlers");
    assertThat(binding).contains("case 0:\n        return \"Overloads.on(JobEvent)\"");
    assertThat(binding).contains("case 1:\n        return \"Overloads.on(JobFailed)\"");
    assertThat(binding).contains("case 2:\n        return \"Overloads.on(JobStarted)\"");
  }

  @Test
  void completionStageSubtypeReturns_compile() {
    assertClean(
        handler(
            "Async",
            "  @OnJobEvent CompletionStage<Void> a(JobEvent e) { return null; }",
            "  @OnJobEvent CompletableFuture<String> b(JobEvent e) { return null; }",
            "  @OnJobEvent CompletionStage<?> c(JobEvent e) { return null; }",
            "  @OnJobEvent static CompletableFuture<? extends Number> d(JobEvent e) {",
            "    return null;",
            "  }"));
  }

  @Test
  void declaredCheckedExceptions_compile() {
    assertClean(
        handler(
            "Throwing",
            "  @OnJobEvent void a(JobEvent e) throws java.io.IOException {}",
            "  @OnJobEvent void b(JobEvent e) throws Exception {}",
            "  @OnJobEvent static void c(JobEvent e) throws Throwable {}"));
  }

  @Test
  void constructorWithCheckedException_isWrapped() {
    Compilation compilation =
        assertClean(
            handler(
                "Ctor",
                "  Ctor() throws java.io.IOException {}",
                "  @OnJobEvent void on(JobEvent e) {}"));
    assertThat(generatedSource(compilation, "test.Ctor_JobEventHandlers"))
        .contains("catch (Throwable e)");
  }

  @Test
  void handlerInTheUnnamedPackage_compiles() {
    Compilation compilation =
        assertClean(
            source(
                "Unnamed",
                "import dev.zapjobs.events.*;",
                "class Unnamed {",
                "  @OnJobEvent void on(JobEvent e) {}",
                "}"));
    assertThat(TestCompiler.servicesFile(compilation)).isEqualTo("Unnamed_JobEventHandlers\n");
  }

  @Test
  void genericClasses_compile_castToWildcards() {
    Compilation compilation =
        assertClean(
            handler(
                "Generic",
                "  static class Box<T extends Comparable<T>> {",
                "    @OnJobEvent void on(JobEvent e) {}",
                "  }",
                "  static class Stage<S extends CompletionStage<String>> {",
                "    S stage;",
                "    @OnJobEvent S on(JobEvent e) { return stage; }",
                "  }"),
            source(
                "test.Parent",
                "package test;",
                "import dev.zapjobs.events.*;",
                "class Parent<T> {",
                "  static class Child {",
                "    @OnJobEvent void on(JobEvent e) {}",
                "  }",
                "}"));
    assertThat(generatedSource(compilation, "test.Generic_Box_JobEventHandlers"))
        .contains("((Generic.Box<?>) handler).on(event);");
    assertThat(generatedSource(compilation, "test.Generic_Stage_JobEventHandlers"))
        .contains("return ((Generic.Stage<?>) handler).on(event);");
    assertThat(generatedSource(compilation, "test.Parent_Child_JobEventHandlers"))
        .contains("((Parent.Child) handler).on(event);");
  }

  @Test
  void enumHandlers_compile_singletonIsItsOwnInstance() {
    Compilation compilation =
        assertClean(
            source(
                "test.Singleton",
                "package test;",
                "import dev.zapjobs.events.*;",
                "enum Singleton {",
                "  INSTANCE;",
                "  @OnJobEvent void on(JobEvent e) {}",
                "}"),
            source(
                "test.Two",
                "package test;",
                "import dev.zapjobs.events.*;",
                "enum Two {",
                "  A, B;",
                "  @OnJobEvent static void on(JobEvent e) {}",
                "}"));
    assertThat(generatedSource(compilation, "test.Singleton_JobEventHandlers"))
        .contains("return Singleton.INSTANCE;");
    assertThat(generatedSource(compilation, "test.Two_JobEventHandlers")).contains("return null;");
  }

  @Test
  void abstractClassWithConcreteMethods_compiles_withoutAnInstance() {
    Compilation compilation =
        assertClean(
            source(
                "test.Base",
                "package test;",
                "import dev.zapjobs.events.*;",
                "abstract class Base {",
                "  @OnJobEvent void on(JobEvent e) {}",
                "}"));
    assertThat(generatedSource(compilation, "test.Base_JobEventHandlers")).contains("return null;");
  }

  @Test
  void deprecatedHandlers_compile_withoutDeprecationWarnings() {
    assertClean(
        source(
            "test.Old",
            "package test;",
            "import dev.zapjobs.events.*;",
            "@Deprecated(forRemoval = true)",
            "class Old {",
            "  @Deprecated @OnJobEvent void on(JobEvent e) {}",
            "}"));
  }

  @Test
  void handlersNamedLikeTypesTheBindingUses_compile() {
    List<JavaFileObject> sources = new ArrayList<>();
    for (String name :
        List.of(
            "Class",
            "Object",
            "Override",
            "String",
            "JobEvent",
            "HandlerBinding",
            "CompletionStage",
            "Generated")) {
      sources.add(
          source(
              "test." + name,
              "package test;",
              "import dev.zapjobs.events.OnJobEvent;",
              "class " + name + " {",
              "  @OnJobEvent void on(dev.zapjobs.events.JobEvent e) {}",
              "}"));
    }
    Compilation compilation = assertClean(sources.toArray(new JavaFileObject[0]));
    assertThat(generatedSource(compilation, "test.Object_JobEventHandlers"))
        .contains("import java.lang.Override;");
  }
}
