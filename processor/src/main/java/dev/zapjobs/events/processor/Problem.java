package dev.zapjobs.events.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * One compile error found by {@link HandlerValidator}.
 *
 * @param element the offending method or class
 * @param mirror the {@code @OnJobEvent} annotation on it, or null for a class-level problem
 * @param value the offending value of that annotation (a filter entry), or null
 * @param message the full text from {@link Message}
 */
record Problem(Element element, AnnotationMirror mirror, AnnotationValue value, String message) {
  Problem(Element element, AnnotationMirror mirror, String message) {
    this(element, mirror, null, message);
  }
}
