package dev.zapjobs.events.runtime;

import dev.zapjobs.events.runtime.spi.HandlerBinding;
import dev.zapjobs.events.runtime.spi.HandlerMethod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The handler methods of a set of bindings, each handler class bound once: a class listed by two
 * bindings (the same binding added twice, one added and also discovered, or a package compiled
 * separately for main and test code whose bindings both list it) takes its methods from the first.
 * Ordered by the bindings' packages, then in each binding's order (by class, method and event
 * type): handler classes by name, without sorting a thousand entries at start-up.
 *
 * <p>Start-up code: plain loops, no lambdas or streams (each lambda spins a class on first use).
 */
final class HandlerTable {
  /** One handler method and where to call it. */
  record Entry(HandlerBinding binding, int method, HandlerMethod handler) {}

  private HandlerTable() {}

  /**
   * The entries of {@code bindings}; only those of the classes in {@code only} unless it is empty.
   *
   * @throws IllegalStateException if a binding's table cannot be read (a handler class it names is
   *     gone), or a class in {@code only} is in no binding
   */
  static List<Entry> of(List<HandlerBinding> bindings, Set<Class<?>> only) {
    Map<Class<?>, HandlerBinding> boundBy = new IdentityHashMap<>();
    Set<HandlerBinding> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Entry> entries = new ArrayList<>();
    List<HandlerBinding> ordered = new ArrayList<>(bindings);
    ordered.sort(BY_PACKAGE); // stable: bindings of one package keep their order
    for (HandlerBinding binding : ordered) {
      if (!seen.add(binding)) {
        continue; // the same instance added twice
      }
      List<HandlerMethod> methods = methodsOf(binding);
      for (int i = 0; i < methods.size(); i++) {
        HandlerMethod m = methods.get(i);
        if (!only.isEmpty() && !only.contains(m.handlerClass())) {
          continue;
        }
        HandlerBinding first = boundBy.putIfAbsent(m.handlerClass(), binding);
        if (first == null || first == binding) {
          entries.add(new Entry(binding, i, m));
        }
      }
    }
    for (Class<?> wanted : only) {
      if (!boundBy.containsKey(wanted)) {
        throw new IllegalStateException(
            "No handler binding lists "
                + wanted.getName()
                + ", named in onlyHandlers(...): it has no @OnJobEvent method, or the binding of"
                + " its package was neither added with addBinding(...) nor found by ServiceLoader."
                + " Is the ZapJobs Events processor on the annotation processor path of the code"
                + " that declares it?");
      }
    }
    return entries;
  }

  /** By the package of the binding's class. */
  private static final Comparator<HandlerBinding> BY_PACKAGE = new ByPackage();

  private static final class ByPackage implements Comparator<HandlerBinding> {
    @Override
    public int compare(HandlerBinding a, HandlerBinding b) {
      return a.getClass().getPackageName().compareTo(b.getClass().getPackageName());
    }
  }

  /**
   * {@code binding.methods()}, with a message naming the fix when a class it refers to is gone: the
   * generated table mentions every handler class, so loading it fails if one was deleted while the
   * binding compiled with it stayed in the build output.
   */
  private static List<HandlerMethod> methodsOf(HandlerBinding binding) {
    try {
      return binding.methods(); // read once, here
    } catch (LinkageError e) {
      throw new IllegalStateException(
          "The handler binding "
              + binding.getClass().getName()
              + " refers to a class that cannot be loaded ("
              + e
              + "): a handler class was deleted or renamed, but the binding generated with it is"
              + " still in the build output. Rebuild the module that declares the handlers from"
              + " clean (for example mvn clean verify, or Rebuild in your IDE).",
          e);
    }
  }
}
