package dev.zapjobs.events.processor;

import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Claims the annotations that are ours alone, and does nothing else: {@code @OnJobEvent}, the
 * {@code @IndexedHandlers} of our bindings, and {@code @Generated} when every element carrying it
 * in the round is one of our bindings. javac warns under {@code -Xlint:processing} about an
 * annotation that no processor claims, which would break a user's {@code -Xlint:all -Werror} build;
 * {@link JobEventProcessor}, which supports {@code "*"}, cannot claim selectively. Someone else's
 * {@code @Generated} is left unclaimed, so the processors after this one still see it.
 *
 * <p>Stateless: it knows our bindings by their {@code @Generated} value.
 */
public final class OnJobEventClaimer extends AbstractProcessor {

  /** Creates the processor; javac calls this through {@link java.util.ServiceLoader}. */
  public OnJobEventClaimer() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(KnownTypes.ON_JOB_EVENT, KnownTypes.INDEXED_HANDLERS, KnownTypes.GENERATED);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (TypeElement annotation : annotations) {
      if (annotation.getQualifiedName().contentEquals(KnownTypes.GENERATED)) {
        for (Element e : round.getElementsAnnotatedWith(annotation)) {
          if (!generatedByUs(e)) {
            return false; // that one may matter to another processor
          }
        }
      }
    }
    return true;
  }

  private static boolean generatedByUs(Element e) {
    AnnotationMirror generated = KnownTypes.annotation(e, KnownTypes.GENERATED);
    if (generated == null) {
      return false;
    }
    for (var entry : generated.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals("value")
          && entry.getValue().getValue() instanceof java.util.List<?> values) {
        return values.size() == 1
            && values.get(0) instanceof AnnotationValue v
            && KnownTypes.GENERATOR.equals(v.getValue());
      }
    }
    return false;
  }
}
