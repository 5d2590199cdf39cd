package dev.zapjobs.events.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The types the processor reasons about, looked up by canonical name so that the processor itself
 * needs neither the API jar nor the runtime jar on its own path.
 */
final class KnownTypes {
  static final String API_PACKAGE = "dev.zapjobs.events";
  static final String ON_JOB_EVENT = API_PACKAGE + ".OnJobEvent";
  static final String JOB_EVENT = API_PACKAGE + ".JobEvent";
  static final List<String> EVENT_RECORDS =
      List.of("JobEnqueued", "JobStarted", "JobCompleted", "JobFailed", "JobRetrying");
  static final String RUNTIME_SPI = "dev.zapjobs.events.runtime.spi";
  static final String HANDLER_BINDING = RUNTIME_SPI + ".HandlerBinding";
  static final String INDEXED_HANDLERS = RUNTIME_SPI + ".IndexedHandlers";
  static final String SERVICES_FILE = "META-INF/services/" + HANDLER_BINDING;
  static final String GENERATED = "javax.annotation.processing.Generated";

  /** The {@code @Generated} value of every binding: the processor that writes it. */
  static final String GENERATOR = "dev.zapjobs.events.processor.JobEventProcessor";

  /**
   * The simple name of a package's binding. A second compile of the same package (its test code,
   * say, with the main code's binding on the class path) takes the first free of {@code
   * ZapJobs_HandlerBinding_2}, {@code _3}, …, so that neither hides the other.
   */
  static final String BINDING_NAME = "ZapJobs_HandlerBinding";

  static final String COMPLETION_STAGE = "java.util.concurrent.CompletionStage";

  private final Types types;
  private final List<TypeMirror> eventTypes = new ArrayList<>();
  private final TypeMirror completionStage;
  private final TypeMirror runtimeException;
  private final TypeMirror error;

  KnownTypes(Elements elements, Types types) {
    this.types = types;
    TypeElement jobEvent = elements.getTypeElement(JOB_EVENT);
    if (jobEvent != null) {
      eventTypes.add(jobEvent.asType());
    }
    for (String name : EVENT_RECORDS) {
      TypeElement record = elements.getTypeElement(API_PACKAGE + "." + name);
      if (record != null) {
        eventTypes.add(record.asType());
      }
    }
    completionStage = types.erasure(elements.getTypeElement(COMPLETION_STAGE).asType());
    runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
    error = elements.getTypeElement("java.lang.Error").asType();
  }

  /** Whether {@code type} is exactly {@code JobEvent} or one of the five records. */
  boolean isEventType(TypeMirror type) {
    return eventTypes.stream().anyMatch(t -> types.isSameType(t, type));
  }

  /** Whether a method may return {@code type}: void or any {@code CompletionStage}. */
  boolean isReturnType(TypeMirror type) {
    return type.getKind() == javax.lang.model.type.TypeKind.VOID
        || types.isAssignable(types.erasure(type), completionStage);
  }

  boolean isUnchecked(TypeMirror thrown) {
    return types.isAssignable(thrown, runtimeException) || types.isAssignable(thrown, error);
  }

  /** The {@code @OnJobEvent} mirror on {@code element}, or null. */
  static AnnotationMirror onJobEvent(Element element) {
    return annotation(element, ON_JOB_EVENT);
  }

  /** The mirror of the annotation named {@code annotationType} on {@code element}, or null. */
  static AnnotationMirror annotation(Element element, String annotationType) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotationType)) {
        return mirror;
      }
    }
    return null;
  }

  /** The strings of array attribute {@code name} of {@code mirror}, as written; none if unset. */
  static List<AnnotationValue> strings(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)
          && e.getValue().getValue() instanceof List<?> values) {
        List<AnnotationValue> strings = new ArrayList<>();
        for (Object value : values) {
          if (value instanceof AnnotationValue v && v.getValue() instanceof String) {
            strings.add(v);
          }
        }
        return strings;
      }
    }
    return List.of();
  }
}
