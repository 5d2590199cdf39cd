package dev.zapjobs.events.processor;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The classes compiled in this compile, as the names their bindings would have, to tell which old
 * {@code META-INF/services} entries are stale: an entry whose handler class was compiled here but
 * got no binding (its {@code @OnJobEvent} methods are gone) must go, even though the old binding's
 * class file is still in the output.
 *
 * <p>Also records, per compile, whether {@link JobEventProcessor} ran: if it did, it writes the
 * services file itself and {@link StaleBindingsProcessor} stays out of the way.
 */
final class CompiledTypes {
  /** Keyed by the compile's {@link Elements}, which javac shares between its processors. */
  private static final Map<Elements, Boolean> MAIN_PROCESSOR_RAN =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final Elements elements;
  private final Set<String> bindingNames = new HashSet<>();

  CompiledTypes(Elements elements) {
    this.elements = elements;
  }

  /** Records {@code type} and every member type inside it (local classes get no binding). */
  void add(TypeElement type) {
    bindingNames.add(HandlerModelFactory.bindingQualifiedName(elements, type));
    for (TypeElement member : ElementFilter.typesIn(type.getEnclosedElements())) {
      add(member);
    }
  }

  /** Records every type among a round's root elements. */
  void addAll(Set<? extends Element> roots) {
    for (TypeElement type : ElementFilter.typesIn(roots)) {
      add(type);
    }
  }

  /**
   * Which old services entries to keep: those whose binding class still exists and whose handler
   * class was not compiled here (if it was and still has handlers, its binding is written anew).
   */
  Predicate<String> keepOld() {
    return name -> !bindingNames.contains(name) && elements.getTypeElement(name) != null;
  }

  static void markMainProcessorRan(Elements elements) {
    MAIN_PROCESSOR_RAN.put(elements, Boolean.TRUE);
  }

  static boolean mainProcessorRan(Elements elements) {
    return MAIN_PROCESSOR_RAN.containsKey(elements);
  }
}
