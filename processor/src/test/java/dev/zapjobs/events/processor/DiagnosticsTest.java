package dev.zapjobs.events.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.zapjobs.events.processor.TestCompiler.compile;
import static dev.zapjobs.events.processor.TestCompiler.compiler;
import static dev.zapjobs.events.processor.TestCompiler.source;

import com.google.testing.compile.Compilation;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per diagnostic: the message from {@link Message} and the line it points at. */
class DiagnosticsTest {

  /** A handler class {@code test.Handler} with the given body lines and the usual imports. */
  private static JavaFileObject handler(String... body) {
    String[] lines = new String[body.length + 7];
    lines[0] = "package test;";
    lines[1] = "import dev.zapjobs.events.*;";
    lines[2] = "import java.util.concurrent.*;";
    lines[3] = "";
    lines[4] = "class Handler {";
    System.arraycopy(body, 0, lines, 5, body.length);
    lines[lines.length - 2] = "}";
    lines[lines.length - 1] = "";
    return source("test.Handler", lines);
  }

  /** Exactly one error, {@code message}, on the line containing {@code line}. */
  private static void assertOnlyError(JavaFileObject file, String message, String line) {
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(line);
  }

  @Test
  void privateMethod_isRejected() {
    assertOnlyError(
        handler("  @OnJobEvent private void on(JobEvent e) {}"),
        Message.PRIVATE_METHOD.format(),
        "private void on");
  }

  @Test
  void abstractMethod_isRejected() {
    JavaFileObject file =
        source(
            "test.Base",
            "package test;",
            "import dev.zapjobs.events.*;",
            "abstract class Base {",
            "  @OnJobEvent abstract void on(JobEvent e);",
            "}");
    assertOnlyError(file, Message.ABSTRACT_METHOD.format(), "abstract void on");
  }

  @Test
  void interfaceMethod_isRejected() {
    JavaFileObject file =
        source(
            "test.Listener",
            "package test;",
            "import dev.zapjobs.events.*;",
            "interface Listener {",
            "  @OnJobEvent default void on(JobEvent e) {}",
            "}");
    assertOnlyError(
        file, Message.INTERFACE_METHOD.format("interface", "Listener"), "default void on");
  }

  @Test
  void annotationTypeMethod_isRejected() {
    JavaFileObject file =
        source(
            "test.Marker",
            "package test;",
            "import dev.zapjobs.events.*;",
            "@interface Marker {",
            "  @OnJobEvent String value();",
            "}");
    Compilation compilation = compile(file);
    assertThat(compilation)
        .hadErrorContaining(Message.INTERFACE_METHOD.format("annotation type", "Marker"))
        .inFile(file)
        .onLineContaining("String value()");
  }

  @Test
  void staticInterfaceMethod_isRejected() {
    JavaFileObject file =
        source(
            "test.Hooks",
            "package test;",
            "import dev.zapjobs.events.*;",
            "interface Hooks {",
            "  @OnJobEvent static void on(JobEvent e) {}",
            "}");
    assertOnlyError(file, Message.INTERFACE_METHOD.format("interface", "Hooks"), "static void on");
  }

  @Test
  void methodWithTypeParameters_isRejected() {
    assertOnlyError(
        handler("  @OnJobEvent <T extends JobEvent> void on(JobEvent e) {}"),
        Message.TYPE_PARAMETERS.format("<T>"),
        "<T extends JobEvent> void on");
  }

  @Test
  void parameterOfTheMethodsOwnTypeVariable_isOnlyATypeParametersError() {
    assertOnlyError(
        handler("  @OnJobEvent <E extends JobEvent> void gen(E e) {}"),
        Message.TYPE_PARAMETERS.format("<E>"),
        "void gen(E e)");
  }

  @Test
  void parameterOfTheClasssTypeVariable_isStillAParameterTypeError() {
    JavaFileObject file =
        source(
            "test.Box",
            "package test;",
            "import dev.zapjobs.events.*;",
            "class Box<E extends JobEvent> {",
            "  @OnJobEvent void on(E e) {}",
            "}");
    assertOnlyError(file, Message.PARAMETER_TYPE.format("E"), "void on(E e)");
  }

  @Test
  void varargsMethod_isRejected() {
    assertOnlyError(
        handler("  @OnJobEvent void on(JobEvent... e) {}"), Message.VARARGS.format(), "void on");
  }

  @Test
  void methodWithoutParameter_isRejected() {
    assertOnlyError(
        handler("  @OnJobEvent void on() {}"),
        Message.PARAMETER_COUNT.format("on()", 0),
        "void on()");
  }

  @Test
  void methodWithTwoParameters_isRejected() {
    assertOnlyError(
        handler("  @OnJobEvent void on(JobFailed e, String reason) {}"),
        Message.PARAMETER_COUNT.format("on(JobFailed, String)", 2),
        "void on(JobFailed e, String reason)");
  }

  @Test
  void parameterCount_namesTheMethodWithItsParameters_soThatItsNameReadsAsCode() {
    // A method named "two" used to read "...but two takes 2".
    assertOnlyError(
        handler("  @OnJobEvent void two(JobFailed e, java.util.List<String>[] more) {}"),
        "[ZJE-PARAMETER-COUNT] @OnJobEvent methods must take exactly one parameter, the event,"
            + " but two(JobFailed, List[]) takes 2; accepted types: "
            + Message.ACCEPTED,
        "void two(");
    assertOnlyError(
        handler("  @OnJobEvent void many(JobEvent e, int... more) {}"),
        Message.PARAMETER_COUNT.format("many(JobEvent, int...)", 2),
        "void many(");
  }

  @Test
  void parameterOfAnotherType_isRejected_namingTheAcceptedTypes() {
    String message = Message.PARAMETER_TYPE.format("java.lang.Object");
    assertThat(message).contains(Message.ACCEPTED);
    assertOnlyError(handler("  @OnJobEvent void on(Object e) {}"), message, "void on(Object e)");
  }

  @Test
  void parameterOfRunType_isRejected() {
    assertOnlyError(
        handler("  @OnJobEvent void on(JobRun run) {}"),
        Message.PARAMETER_TYPE.format("dev.zapjobs.events.JobRun"),
        "void on(JobRun run)");
  }

  @Test
  void intReturnType_isRejected() {
    assertOnlyError(
        handler("  @OnJobEvent int on(JobEvent e) { return 0; }"),
        Message.RETURN_TYPE.format("int"),
        "int on(JobEvent e)");
  }

  @Test
  void futureReturnType_isRejected() {
    assertOnlyError(
        handler("  @OnJobEvent Future<Void> on(JobEvent e) { return null; }"),
        Message.RETURN_TYPE.format("java.util.concurrent.Future<java.lang.Void>"),
        "Future<Void> on(JobEvent e)");
  }

  @Test
  void privateClass_isRejected() {
    assertOnlyError(
        handler("  private static class Secret {", "    @OnJobEvent void on(JobEvent e) {}", "  }"),
        Message.PRIVATE_CLASS.format("Secret"),
        "private static class Secret");
  }

  @Test
  void privateEnclosingClass_isRejected() {
    assertOnlyError(
        handler(
            "  private static class Secret {",
            "    static class Visible {",
            "      @OnJobEvent void on(JobEvent e) {}",
            "    }",
            "  }"),
        Message.PRIVATE_CLASS.format("Secret"),
        "private static class Secret");
  }

  @Test
  void innerClass_isRejected_withMakeItStatic() {
    assertOnlyError(
        handler("  class Inner {", "    @OnJobEvent void on(JobEvent e) {}", "  }"),
        Message.INNER_CLASS.format("Inner"),
        "class Inner");
  }

  @Test
  void localClass_isRejected() {
    JavaFileObject file =
        handler(
            "  @OnJobEvent void ok(JobEvent e) {}",
            "  void register() {",
            "    class Local {",
            "      @OnJobEvent void on(JobFailed e) {}",
            "    }",
            "    new Local();",
            "  }");
    assertThat(compile(file)).hadErrorCount(1);
    assertThat(compile(file))
        .hadErrorContaining(Message.LOCAL_CLASS.format())
        .inFile(file)
        .onLineContaining("void on(JobFailed e)");
  }

  @Test
  void localAndAnonymousClasses_pointAtTheAnnotation_likeTheOtherMethodErrors() {
    JavaFileObject file =
        handler(
            "  @OnJobEvent void ok(JobEvent e) {}",
            "  void register() {",
            "    class Local {",
            "      @OnJobEvent // local",
            "      void on(JobFailed e) {}",
            "    }",
            "    new Local();",
            "    Object listener = new Object() {",
            "      @dev.zapjobs.events.OnJobEvent // anonymous",
            "      void on(JobStarted e) {}",
            "    };",
            "  }");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(Message.LOCAL_CLASS.format())
        .inFile(file)
        .onLineContaining("@OnJobEvent // local");
    assertThat(compilation)
        .hadErrorContaining(Message.LOCAL_CLASS.format())
        .inFile(file)
        .onLineContaining("@dev.zapjobs.events.OnJobEvent // anonymous");
    // At the '@', as the Messager places errors reported on an annotation mirror.
    assertThat(compilation.errors().stream().map(d -> d.getColumnNumber()).toList())
        .containsExactly(7L, 7L);
  }

  @Test
  void anonymousClass_isRejected() {
    JavaFileObject file =
        handler(
            "  @OnJobEvent void ok(JobEvent e) {}",
            "  Object listener = new Object() {",
            "    @OnJobEvent void on(JobStarted e) {}",
            "  };");
    assertThat(compile(file)).hadErrorCount(1);
    assertThat(compile(file))
        .hadErrorContaining(Message.LOCAL_CLASS.format())
        .inFile(file)
        .onLineContaining("void on(JobStarted e)");
  }

  /**
   * javac calls a processor only for annotations it sees, and it does not see those inside method
   * bodies: a compile whose only {@code @OnJobEvent} is in a local class used to pass silently.
   */
  @Test
  void localClass_isRejected_evenWhenNothingElseInTheCompileHasOnJobEvent() {
    JavaFileObject file =
        source(
            "test.Registrar",
            "package test;",
            "import dev.zapjobs.events.*;",
            "class Registrar {",
            "  Object register() {",
            "    class Local {",
            "      @OnJobEvent void on(JobFailed e) {}",
            "    }",
            "    return new Local();",
            "  }",
            "}");
    assertOnlyError(file, Message.LOCAL_CLASS.format(), "void on(JobFailed e)");
  }

  @Test
  void anonymousClass_isRejected_evenWhenNothingElseInTheCompileHasOnJobEvent() {
    JavaFileObject file =
        source(
            "test.Registrar",
            "package test;",
            "class Registrar {",
            "  Object listener = new Object() {",
            "    @dev.zapjobs.events.OnJobEvent void on(dev.zapjobs.events.JobEvent e) {}",
            "  };",
            "}");
    assertOnlyError(file, Message.LOCAL_CLASS.format(), "void on(");
  }

  @Test
  void emptyJobType_isRejected_onTheValue() {
    assertOnlyError(
        handler(
            "  @OnJobEvent(jobTypes = {",
            "      \"send-invoice\",",
            "      \"\"})",
            "  void on(JobEvent e) {}"),
        Message.FILTER_EMPTY.format("jobTypes", "job type"),
        "      \"\"})");
  }

  @Test
  void blankQueue_isRejected_onTheValue() {
    assertOnlyError(
        handler("  @OnJobEvent(queues = \"   \") void on(JobEvent e) {}"),
        Message.FILTER_EMPTY.format("queues", "queue"),
        "void on(JobEvent e)");
  }

  @Test
  void paddedJobType_isRejected_namingTheValueItMeans() {
    assertOnlyError(
        handler(
            "  @OnJobEvent(jobTypes = {\"refund\",",
            "                          \" send-invoice\"})",
            "  void on(JobFailed e) {}"),
        Message.FILTER_WHITESPACE.format("jobTypes", " send-invoice", "send-invoice"),
        "\" send-invoice\"");
  }

  @Test
  void repeatedQueue_isRejected_onTheRepetition() {
    assertOnlyError(
        handler(
            "  @OnJobEvent(queues = {\"billing\",",
            "                        \"mail\",",
            "                        \"billing\"}) // again",
            "  void on(JobFailed e) {}"),
        Message.FILTER_DUPLICATE.format("queues", "billing"),
        "// again");
  }

  @Test
  void repeatedJobType_throughAConstant_isRejected() {
    assertOnlyError(
        handler(
            "  static final String INVOICE = \"send-invoice\";",
            "  @OnJobEvent(jobTypes = {INVOICE, \"send-invoice\"}) void on(JobFailed e) {}"),
        Message.FILTER_DUPLICATE.format("jobTypes", "send-invoice"),
        "void on(JobFailed e)");
  }

  @Test
  void everyBadFilterValue_isReported() {
    Compilation compilation =
        compile(
            handler(
                "  @OnJobEvent(jobTypes = {\"\", \"a \"}, queues = {\"q\", \"q\"})",
                "  void on(JobFailed e) {}"));
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadErrorContaining(Message.FILTER_EMPTY.format("jobTypes", "job type"));
    assertThat(compilation)
        .hadErrorContaining(Message.FILTER_WHITESPACE.format("jobTypes", "a ", "a"));
    assertThat(compilation).hadErrorContaining(Message.FILTER_DUPLICATE.format("queues", "q"));
  }

  @Test
  void handlerClassGeneratedIntoAPackageWhoseBindingIsWritten_isRejected() {
    JavaFileObject file = handler("  @OnJobEvent void on(JobEvent e) {}");
    Compilation compilation =
        com.google.testing.compile.Compiler.javac()
            .withProcessors(
                new JobEventProcessor(),
                new OnJobEventClaimer(),
                new LaterTypeProcessor(
                    "test.Late",
                    "package test;",
                    "public class Late {",
                    "  @dev.zapjobs.events.OnJobEvent",
                    "  void on(dev.zapjobs.events.JobEvent e) {}",
                    "}"))
            .withClasspath(TestCompiler.apiClasspath())
            .compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(Message.LATE_HANDLER.format("test.Late", "test"));
    javax.tools.Diagnostic<? extends JavaFileObject> error = compilation.errors().get(0);
    assertThat(error.getSource().getName()).endsWith("test/Late.java");
    assertThat(error.getLineNumber()).isEqualTo(2L);
  }

  @Test
  void oneGoodOneBadMethod_givesOneErrorOnTheBadOne() {
    JavaFileObject file =
        handler(
            "  @OnJobEvent void good(JobEvent e) {}",
            "  @OnJobEvent private void bad(JobFailed e) {}");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(Message.PRIVATE_METHOD.format())
        .inFile(file)
        .onLineContaining("private void bad");
  }

  @Test
  void classWithABadMethod_getsNoBinding_whileAGoodClassStillDoes(@TempDir Path dir) {
    DiskCompiler javac = new DiskCompiler(dir);
    Path bad =
        javac.write(
            "test.Bad",
            "package test;",
            "import dev.zapjobs.events.*;",
            "class Bad {",
            "  @OnJobEvent void good(JobEvent e) {}",
            "  @OnJobEvent private void bad(JobFailed e) {}",
            "}");
    Path good =
        javac.write(
            "test.Good",
            "package test;",
            "import dev.zapjobs.events.*;",
            "class Good {",
            "  @OnJobEvent void good(JobEvent e) {}",
            "}");
    DiskCompiler.Result result = javac.compile(List.of(bad, good));
    assertThat(result.success()).isFalse();
    assertThat(result.errors()).containsExactly(Message.PRIVATE_METHOD.format());
    String binding = javac.generatedSource(TestCompiler.BINDING);
    assertThat(binding).contains("Good.class");
    assertThat(binding).doesNotContain("Bad");
  }

  @Test
  void everyProblem_isReportedInOneCompile() {
    JavaFileObject file =
        handler(
            "  @OnJobEvent private int first(JobEvent e) { return 0; }",
            "  @OnJobEvent <T> void second(String s, T t) {}",
            "  class Inner {",
            "    @OnJobEvent void third(Object e) {}",
            "  }");
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(6);
    assertThat(compilation)
        .hadErrorContaining(Message.PRIVATE_METHOD.format())
        .inFile(file)
        .onLineContaining("int first");
    assertThat(compilation)
        .hadErrorContaining(Message.RETURN_TYPE.format("int"))
        .inFile(file)
        .onLineContaining("int first");
    assertThat(compilation)
        .hadErrorContaining(Message.TYPE_PARAMETERS.format("<T>"))
        .inFile(file)
        .onLineContaining("void second");
    assertThat(compilation)
        .hadErrorContaining(Message.PARAMETER_COUNT.format("second(String, T)", 2))
        .inFile(file)
        .onLineContaining("void second");
    assertThat(compilation)
        .hadErrorContaining(Message.INNER_CLASS.format("Inner"))
        .inFile(file)
        .onLineContaining("class Inner");
    assertThat(compilation)
        .hadErrorContaining(Message.PARAMETER_TYPE.format("java.lang.Object"))
        .inFile(file)
        .onLineContaining("void third");
  }

  @Test
  void annotationOnItsOwnLine_pointsAtTheAnnotation() {
    JavaFileObject file = handler("  @OnJobEvent", "  private void on(JobEvent e) {}");
    assertThat(compile(file))
        .hadErrorContaining(Message.PRIVATE_METHOD.format())
        .inFile(file)
        .onLineContaining("@OnJobEvent");
    assertThat(compile(file).errors().get(0).getColumnNumber()).isEqualTo(3L);
  }

  @Test
  void internalFailure_isOneErrorNamingTheProcessor_onTheClass_neverAnException() {
    JavaFileObject file = handler("  @OnJobEvent void on(JobEvent e) {}");
    Compilation compilation =
        compiler(
                new JobEventProcessor(
                    type -> {
                      throw new IllegalStateException("boom in " + type.getSimpleName());
                    },
                    BindingWriter.CHUNK))
            .compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            Message.INTERNAL.format("java.lang.IllegalStateException: boom in Handler"))
        .inFile(file)
        .onLineContaining("class Handler");
    assertThat(compilation).hadErrorContaining("at dev.zapjobs.events.processor.Rounds");
  }
}
