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
  private static final String BINDING = TestCompiler.BINDING;

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
    String binding = generatedSource(compilation, BINDING);
    assertThat(binding).contains("return new Outer.Nested();");
    assertThat(binding).contains("return new Outer.Nested.InInterface.Member();");
    assertThat(binding).doesNotContain("new Outer.Rec(");
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
    String binding = generatedSource(compilation, BINDING);
    assertThat(binding)
        .contains(
            "HandlerMethod.instanceMethod(Overloads.class, \"Overloads\", \"on\", JobEvent.class),\n"
                + "        HandlerMethod.instanceMethod(Overloads.class, \"Overloads\", \"on\", JobFailed.class),\n"
                + "        HandlerMethod.instanceMethod(Overloads.class, \"Overloads\", \"on\", JobStarted.class));");
    assertThat(binding).contains("case 1:\n        ((Overloads) handler).on((JobFailed) event);");
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
  void constructorWithCheckedException_isCalled_theBindingDeclaresThrowable() {
    Compilation compilation =
        assertClean(
            handler(
                "Ctor",
                "  Ctor() throws java.io.IOException {}",
                "  @OnJobEvent void on(JobEvent e) {}"));
    String binding = generatedSource(compilation, BINDING);
    assertThat(binding).contains("public Object newInstance(int method) throws Throwable {");
    assertThat(binding).contains("return new Ctor();");
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
    assertThat(TestCompiler.servicesFile(compilation)).isEqualTo(KnownTypes.BINDING_NAME + "\n");
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
    String binding = generatedSource(compilation, BINDING);
    assertThat(binding).contains("((Generic.Box<?>) handler).on(event);");
    assertThat(binding).contains("return new Generic.Box<>();");
    assertThat(binding).contains("return ((Generic.Stage<?>) handler).on(event);");
    assertThat(binding).contains("((Parent.Child) handler).on(event);");
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
    String binding = generatedSource(compilation, BINDING);
    assertThat(binding).contains("return Singleton.INSTANCE;");
    assertThat(binding)
        .contains("HandlerMethod.staticMethod(Two.class, \"Two\", \"on\", JobEvent.class)");
    assertThat(binding).doesNotContain("Two.A");
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
    assertThat(generatedSource(compilation, BINDING))
        .contains(
            "public Object newInstance(int method) throws Throwable {\n    return null;\n  }");
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
            "Generated",
            "List",
            "HandlerMethod",
            "IndexedHandlers",
            "Throwable",
            "IndexOutOfBoundsException",
            "ZapJobs_HandlerBinding")) {
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
    // The name is taken by a handler class of the package: the binding takes the next one.
    String binding = generatedSource(compilation, BINDING + "_2");
    assertThat(binding).contains("@java.lang.Override");
    assertThat(binding).contains("java.util.List<dev.zapjobs.events.runtime.spi.HandlerMethod>");
    assertThat(binding).contains("return new Override();");
  }

  @Test
  void filters_compile_withConstantsAndSingleValues() {
    Compilation compilation =
        assertClean(
            handler(
                "Filtered",
                "  static final String BILLING = \"billing\";",
                "  @OnJobEvent(jobTypes = \"send-invoice\") void a(JobFailed e) {}",
                "  @OnJobEvent(queues = {BILLING, \"billing-slow\"}) void b(JobEvent e) {}",
                "  @OnJobEvent(jobTypes = {}, queues = {}) void c(JobEvent e) {}"));
    String binding = generatedSource(compilation, BINDING);
    assertThat(binding)
        .contains(
            "instanceMethod(Filtered.class, \"Filtered\", \"a\", JobFailed.class).withJobTypes(\"send-invoice\")");
    assertThat(binding).contains(".withQueues(\"billing\", \"billing-slow\")");
    assertThat(binding)
        .contains("instanceMethod(Filtered.class, \"Filtered\", \"c\", JobEvent.class));");
  }
}
