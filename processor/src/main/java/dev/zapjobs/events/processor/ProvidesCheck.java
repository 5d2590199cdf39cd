package dev.zapjobs.events.processor;

import com.sun.source.tree.DirectiveTree;
import com.sun.source.tree.ModuleTree;
import com.sun.source.tree.ProvidesTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.ModuleElement.Directive;
import javax.lang.model.element.ModuleElement.DirectiveKind;
import javax.lang.model.element.ModuleElement.ProvidesDirective;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/**
 * In a named module, ServiceLoader sees only {@code provides} clauses: a module that provides
 * {@code HandlerBinding} but leaves out one of the bindings generated for it would silently never
 * call that package's handlers. This check makes that a compile error ({@code [ZJE-PROVIDES]}), on
 * the {@code provides} clause. A module without any {@code provides … HandlerBinding} is left
 * alone: it may hand its bindings to {@code addBinding(…)} instead, and the dispatcher says at
 * start-up what to add if it finds none.
 */
final class ProvidesCheck {
  private final Elements elements;
  private final Messager messager;
  private final Trees trees;

  ProvidesCheck(ProcessingEnvironment env) {
    this.elements = env.getElementUtils();
    this.messager = env.getMessager();
    Trees found;
    try {
      found = Trees.instance(env);
    } catch (RuntimeException | LinkageError notJavac) {
      found = null; // errors then point at the module declaration
    }
    this.trees = found;
  }

  /** Checks the modules of {@code bindings}: qualified binding name -> its package. */
  void check(Map<String, PackageElement> bindings) {
    Map<ModuleElement, Set<String>> byModule = new TreeMap<>(ProvidesCheck::byName);
    bindings.forEach(
        (name, pkg) -> {
          ModuleElement module = elements.getModuleOf(pkg);
          if (module != null && !module.isUnnamed()) {
            byModule.computeIfAbsent(module, m -> new TreeSet<>()).add(name);
          }
        });
    byModule.forEach(this::check);
  }

  private static int byName(ModuleElement a, ModuleElement b) {
    return a.getQualifiedName().toString().compareTo(b.getQualifiedName().toString());
  }

  private void check(ModuleElement module, Set<String> generated) {
    Set<String> provided = null;
    for (Directive d : module.getDirectives()) {
      if (d.getKind() == DirectiveKind.PROVIDES
          && d instanceof ProvidesDirective p
          && p.getService().getQualifiedName().contentEquals(KnownTypes.HANDLER_BINDING)) {
        provided = new TreeSet<>();
        for (TypeElement implementation : p.getImplementations()) {
          provided.add(implementation.getQualifiedName().toString());
        }
      }
    }
    if (provided == null) {
      return;
    }
    Set<String> all = new TreeSet<>(provided);
    all.addAll(generated);
    for (String binding : generated) {
      if (!provided.contains(binding)) {
        String pkg = binding.substring(0, Math.max(0, binding.lastIndexOf('.')));
        report(
            module,
            Message.PROVIDES.format(
                module.getQualifiedName(), binding, pkg, String.join(", ", all)));
      }
    }
  }

  /** On the {@code provides … HandlerBinding} clause when javac's trees say where it is. */
  private void report(ModuleElement module, String message) {
    TreePath path = trees == null ? null : trees.getPath(module);
    if (path != null && path.getLeaf() instanceof ModuleTree tree) {
      List<ProvidesTree> clauses = new ArrayList<>();
      for (DirectiveTree d : tree.getDirectives()) {
        if (d instanceof ProvidesTree p
            && p.getServiceName().toString().endsWith("HandlerBinding")) {
          clauses.add(p);
        }
      }
      if (clauses.size() == 1) {
        trees.printMessage(
            Diagnostic.Kind.ERROR, message, clauses.get(0), path.getCompilationUnit());
        return;
      }
    }
    messager.printMessage(Diagnostic.Kind.ERROR, message, module);
  }
}
