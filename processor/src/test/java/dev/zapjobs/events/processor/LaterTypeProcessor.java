package dev.zapjobs.events.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * A test double: another processor that generates one source file in its first round, by default
 * {@code test.Later}, an abstract {@code CompletionStage}.
 */
final class LaterTypeProcessor extends AbstractProcessor {
  private final String name;
  private final String source;
  private boolean done;

  LaterTypeProcessor() {
    this(
        "test.Later",
        "package test;",
        "public abstract class Later implements java.util.concurrent.CompletionStage<String> {}");
  }

  /** Generates {@code name} with these lines. */
  LaterTypeProcessor(String name, String... lines) {
    this.name = name;
    this.source = String.join("\n", lines) + "\n";
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (!done) {
      done = true;
      try (Writer out = processingEnv.getFiler().createSourceFile(name).openWriter()) {
        out.write(source);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
  }
}
