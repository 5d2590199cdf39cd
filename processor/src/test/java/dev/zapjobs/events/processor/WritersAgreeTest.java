package dev.zapjobs.events.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.zapjobs.events.processor.TestCompiler.apiClasspath;
import static dev.zapjobs.events.processor.TestCompiler.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@link BindingTemplate} (the fast path) and JavaPoet ({@link BindingWriter#write}) must write the
 * same text for every model the template accepts: this runs both on a range of handler shapes.
 */
class WritersAgreeTest {

  /** Builds each handler class's model and writes it both ways. */
  static final class BothWriters extends AbstractProcessor {
    final List<String> mismatches = new ArrayList<>();
    int templated;
    int javaPoetOnly;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of(KnownTypes.ON_JOB_EVENT);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      KnownTypes known =
          new KnownTypes(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
      HandlerModelFactory factory = new HandlerModelFactory(processingEnv.getElementUtils(), known);
      BindingWriter writer =
          new BindingWriter(ClassName.get("javax.annotation.processing", "Generated"));
      for (TypeElement annotation : annotations) {
        for (Element method : round.getElementsAnnotatedWith(annotation)) {
          TypeElement type = (TypeElement) method.getEnclosingElement();
          List<ExecutableElement> methods = new ArrayList<>();
          for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
            if (KnownTypes.onJobEvent(m) != null) {
              methods.add(m);
            }
          }
          if (methods.get(0) != method) {
            continue; // once per class
          }
          HandlerModel model = factory.create(type, methods);
          String fromTemplate = BindingTemplate.source(model, true);
          String fromJavaPoet = writer.write(model).toString();
          if (fromTemplate == null) {
            javaPoetOnly++;
          } else {
            templated++;
            if (!fromTemplate.equals(fromJavaPoet)) {
              mismatches.add(
                  type + ":\n--- template\n" + fromTemplate + "\n--- javapoet\n" + fromJavaPoet);
            }
          }
        }
      }
      return false;
    }
  }

  @Test
  void templateAndJavaPoet_writeTheSameBinding_forEveryShapeTheTemplateTakes() {
    List<JavaFileObject> sources = new ArrayList<>();
    sources.add(
        source(
            "com.example.Alerts",
            "package com.example;",
            "import dev.zapjobs.events.*;",
            "import java.util.concurrent.*;",
            "public final class Alerts {",
            "  @OnJobEvent void onFailed(JobFailed e) {}",
            "  @OnJobEvent static void any(JobEvent e) {}",
            "  @OnJobEvent public CompletableFuture<Void> done(JobCompleted e) { return null; }",
            "  @OnJobEvent CompletionStage<String> retry(JobRetrying e) throws Exception {",
            "    return null;",
            "  }",
            "  @OnJobEvent void on(JobStarted e) {}",
            "  @OnJobEvent void on(JobEnqueued e) {}",
            "}"));
    sources.add(
        source(
            "com.example.Outer",
            "package com.example;",
            "import dev.zapjobs.events.*;",
            "class Outer {",
            "  static class Middle {",
            "    static final class Inner<T extends Number> {",
            "      private Inner(int x) {}",
            "      @OnJobEvent void on(JobEvent e) {}",
            "    }",
            "  }",
            "}"));
    sources.add(
        source(
            "com.example.Kinds",
            "package com.example;",
            "import dev.zapjobs.events.*;",
            "enum Kinds {",
            "  INSTANCE;",
            "  @OnJobEvent void on(JobEvent e) {}",
            "}"));
    sources.add(
        source(
            "com.example.Rec",
            "package com.example;",
            "import dev.zapjobs.events.*;",
            "record Rec(String name) {",
            "  @OnJobEvent static void on(JobFailed e) {}",
            "}"));
    sources.add(
        source(
            "com.example.Old",
            "package com.example;",
            "import dev.zapjobs.events.*;",
            "@Deprecated abstract class Old {",
            "  @OnJobEvent static void on(JobEvent e) {}",
            "}"));
    sources.add(
        source(
            "NoPackage",
            "import dev.zapjobs.events.*;",
            "class NoPackage {",
            "  NoPackage() throws java.io.IOException {}",
            "  @OnJobEvent void on(JobEvent e) {}",
            "}"));
    sources.add(
        source(
            "com.example.AVeryLongHandlerClassNameThatGoesOnAndOnToPushGeneratedLinesPastTheLimit",
            "package com.example;",
            "import dev.zapjobs.events.*;",
            "class AVeryLongHandlerClassNameThatGoesOnAndOnToPushGeneratedLinesPastTheLimit {",
            "  @OnJobEvent void aMethodWithAnEquallyLongNameToMakeTheLineWrapSomewhere(JobEvent e) {}",
            "}"));
    sources.add(
        source(
            "com.example.shadow.Override",
            "package com.example.shadow;",
            "import dev.zapjobs.events.*;",
            "class Override {",
            "  @OnJobEvent void on(JobEvent e) {}",
            "}"));

    BothWriters both = new BothWriters();
    Compilation compilation =
        Compiler.javac()
            .withProcessors(both)
            .withClasspath(apiClasspath())
            .compile(sources.toArray(new JavaFileObject[0]));

    assertThat(compilation).succeeded();
    assertThat(both.mismatches).isEmpty();
    assertThat(both.templated).as("models the template wrote").isGreaterThanOrEqualTo(5);
    assertThat(both.templated + both.javaPoetOnly).isEqualTo(sources.size());
  }
}
