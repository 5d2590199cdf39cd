package dev.zapjobs.events.processor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The name a package's binding gets in this compile, and the binding the previous compile of the
 * same output left for it, if any.
 *
 * <p>The name is {@code ZapJobs_HandlerBinding} unless a type of that name exists that is not this
 * output's own binding, typically the main code's binding of the same package on the class path of
 * its test compile: then the first free of {@code ZapJobs_HandlerBinding_2}, {@code _3}, … is
 * taken, so that both bindings load side by side (a same-named class would hide the other, and
 * javac would warn that it already exists). A binding found in this compile's class output under
 * one of those names, carrying {@code @IndexedHandlers}, is the previous one: it keeps its name,
 * and its handler classes that this compile does not recompile are bound again, while they still
 * exist and still have {@code @OnJobEvent} methods (a partial recompile, as IDEs and incremental
 * builds do, keeps every handler of the package).
 *
 * @param simpleName the binding's simple name in this compile
 * @param previous the previous compile's binding in this output, or null
 */
record PreviousBinding(String simpleName, TypeElement previous) {

  /** How many numbered names are tried before giving up (with the last one). */
  private static final int MAX_NAMES = 100;

  /**
   * Finds the name and previous binding of package {@code packageName}, whose types compiled now
   * are {@code compiledNow} (names within the package). Asks the file manager where class files are
   * rather than javac's symbol table, which would also search the source path: a stale generated
   * source found there would be compiled implicitly, beside the one written now.
   */
  static PreviousBinding find(
      Elements elements, Filer filer, String packageName, Set<String> compiledNow) {
    String name = KnownTypes.BINDING_NAME;
    for (int i = 1; i <= MAX_NAMES; i++) {
      name = i == 1 ? KnownTypes.BINDING_NAME : KnownTypes.BINDING_NAME + "_" + i;
      if (compiledNow.contains(name)) {
        continue; // a type of this compile has the name
      }
      URI inOutput = classFile(filer, StandardLocation.CLASS_OUTPUT, packageName, name);
      URI onClassPath = classFile(filer, StandardLocation.CLASS_PATH, packageName, name);
      if (inOutput != null && inOutput.equals(onClassPath)) {
        TypeElement existing = elements.getTypeElement(BindingModel.qualified(packageName, name));
        if (existing != null && indexed(existing) != null) {
          return new PreviousBinding(name, existing);
        }
      } else if (inOutput != null && onClassPath == null) {
        return new PreviousBinding(name, null); // the output is not on the class path: replace it
      } else if (onClassPath == null) {
        return new PreviousBinding(name, null);
      }
      // Taken: another compile's binding of this package (the main code's, for its tests), or
      // some other type of that name.
    }
    return new PreviousBinding(name, null);
  }

  /**
   * The handler classes of the previous binding worth binding again: not compiled now ({@code
   * compiledNow}, names within the package), still there, still with {@code @OnJobEvent} methods.
   */
  List<TypeElement> keptClasses(Elements elements, String packageName, Set<String> compiledNow) {
    List<TypeElement> kept = new ArrayList<>();
    AnnotationMirror mirror = previous == null ? null : indexed(previous);
    if (mirror == null) {
      return kept;
    }
    for (AnnotationValue value : KnownTypes.strings(mirror, "value")) {
      String name = (String) value.getValue();
      if (compiledNow.contains(name)) {
        continue; // compiled again: it speaks for itself
      }
      TypeElement type = elements.getTypeElement(BindingModel.qualified(packageName, name));
      if (type != null && !HandlerModelFactory.handlerMethods(type).isEmpty()) {
        kept.add(type);
      }
    }
    return kept;
  }

  private static AnnotationMirror indexed(TypeElement type) {
    return KnownTypes.annotation(type, KnownTypes.INDEXED_HANDLERS);
  }

  /** Where {@code packageName.simpleName}'s class file is in {@code location}, or null. */
  private static URI classFile(
      Filer filer, StandardLocation location, String packageName, String simpleName) {
    try {
      FileObject file = filer.getResource(location, packageName, simpleName + ".class");
      try (InputStream in = file.openInputStream()) {
        return in.read() >= 0 ? file.toUri().normalize() : null;
      }
    } catch (IOException | RuntimeException notThere) {
      return null; // no such file, or a Filer that cannot read there
    }
  }
}
