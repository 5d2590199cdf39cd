package dev.zapjobs.events.processor;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
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
  static final String SERVICES_FILE = "META-INF/services/" + HANDLER_BINDING;
  static final String GENERATED = "javax.annotation.processing.Generated";
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
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(ON_JOB_EVENT)) {
        return mirror;
      }
    }
    return null;
  }
}
