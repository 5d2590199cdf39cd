package dev.zapjobs.events.bench.harness;

import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * An annotation processor that is called for every compile and does nothing: what javac's
 * processing costs by itself (its rounds re-enter every file), the floor under any processor. Named
 * with {@code -processor}; not registered for discovery.
 */
public final class NoOpProcessor extends AbstractProcessor {

  /** Creates the processor; javac calls this. */
  public NoOpProcessor() {}

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
    return false;
  }
}
