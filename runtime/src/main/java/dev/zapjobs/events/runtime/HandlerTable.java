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
 * Ordered by handler class name, then in the binding's order of the class's methods (by method and
 * event type): generated bindings already list their classes by name, so with one binding per
 * package the entries come out ordered and nothing is sorted at start-up.
 *
 * <p>Start-up code: plain loops, no lambdas or streams (each lambda spins a class on first use).
 */
final class HandlerTable {
  /** One handler method and where to call it. */
  record Entry(HandlerBinding binding, int method, HandlerMethod handler) {}

  private HandlerTable() {}

  /**
   * The entries of {@code bindings}.
   *
   * @throws IllegalStateException if a binding's table cannot be read (a handler class it names is
   *     gone)
   */
  static List<Entry> of(List<HandlerBinding> bindings) {
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
        HandlerBinding first = boundBy.putIfAbsent(m.handlerClass(), binding);
        if (first == null || first == binding) {
          entries.add(new Entry(binding, i, m));
        }
      }
    }
    if (!byClassName(entries)) {
      entries.sort(BY_CLASS_NAME); // stable: a class's methods keep their binding's order
    }
    return entries;
  }

  private static boolean byClassName(List<Entry> entries) {
    for (int i = 1; i < entries.size(); i++) {
      if (BY_CLASS_NAME.compare(entries.get(i - 1), entries.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  /** By the handler class's name. */
  private static final Comparator<Entry> BY_CLASS_NAME = new ByClassName();

  private static final class ByClassName implements Comparator<Entry> {
    @Override
    public int compare(Entry a, Entry b) {
      Class<?> x = a.handler().handlerClass();
      Class<?> y = b.handler().handlerClass();
      return x == y ? 0 : x.getName().compareTo(y.getName());
    }
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
