package dev.zapjobs.events.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/**
 * What one compile has seen so far, round by round, and what it does at each step:
 *
 * <ol>
 *   <li>every round: note the types compiled per package, report {@code @OnJobEvent} in local and
 *       anonymous classes, and take each class with {@code @OnJobEvent} methods through {@link
 *       Unresolved} (wait a round), {@link HandlerValidator} (report) and {@link
 *       HandlerModelFactory};
 *   <li>at the end of every round: write the binding of each package compiled in it that waits for
 *       no class, merged with the handler classes of its previous binding ({@link
 *       PreviousBinding});
 *   <li>in the last round: the {@code META-INF/services} file ({@link ServicesFile}) and the check
 *       of {@code provides} clauses ({@link ProvidesCheck}).
 * </ol>
 *
 * <p>A package's binding is written once per compile: a handler class that another processor
 * generates into it in a later round is reported ({@code [ZJE-LATE-HANDLER]}).
 */
final class Rounds {
  /** A test seam: runs before a class's model is made. */
  interface Hook {
    void beforeModel(TypeElement handlerClass);
  }

  private static final Pattern OUR_BINDING =
      Pattern.compile(Pattern.quote(KnownTypes.BINDING_NAME) + "(_[0-9]+)?");

  private final Elements elements;
  private final Filer filer;
  private final Messager messager;
  private final HandlerValidator validator;
  private final HandlerModelFactory factory;
  private final LocalClassScanner localClasses;
  private final ServicesFile services;
  private final ProvidesCheck provides;
  private final boolean verbose;
  private final Hook hook;
  private final int chunk;

  /** The packages whose types were compiled, by name. */
  private final Map<String, PackageState> packages = new TreeMap<>();

  /** Handler classes whose types were not resolved yet, by qualified name. */
  private final Set<String> deferred = new TreeSet<>();

  /** Handler classes already dealt with (modelled or reported), by qualified name. */
  private final Set<String> done = new HashSet<>();

  /** The bindings written in this compile, by qualified name, with their packages. */
  private final Map<String, PackageElement> written = new TreeMap<>();

  /** The handler classes of the bindings written, for the services file's originating elements. */
  private final List<Element> originating = new ArrayList<>();

  /** {@code @Generated} as each module sees it (null: it cannot). */
  private final Map<ModuleElement, ClassName> generated = new HashMap<>();

  private static final class PackageState {
    final PackageElement element;
    final String name;

    /** Names within the package of the types compiled now, nested ones included. */
    final Set<String> compiledNow = new HashSet<>();

    /** The valid handler classes compiled now. */
    final List<HandlerModel> handlers = new ArrayList<>();

    /** Handler classes waiting for a type, by qualified name. */
    final Set<String> waiting = new HashSet<>();

    /** Whether its binding is written (or known to have nothing to bind). */
    boolean settled;

    PackageState(PackageElement element) {
      this.element = element;
      this.name = element.getQualifiedName().toString();
    }
  }

  Rounds(ProcessingEnvironment env, boolean verbose, Hook hook, int chunk) {
    this.elements = env.getElementUtils();
    this.filer = env.getFiler();
    this.messager = env.getMessager();
    this.validator = new HandlerValidator(new KnownTypes(elements, env.getTypeUtils()));
    this.localClasses = LocalClassScanner.create(env);
    this.factory =
        new HandlerModelFactory(elements, localClasses == null ? null : localClasses.trees());
    this.services = new ServicesFile(filer);
    this.provides = new ProvidesCheck(env);
    this.verbose = verbose;
    this.hook = hook;
    this.chunk = chunk;
  }

  /** One round that is not the last. */
  void round(RoundEnvironment round) {
    Set<PackageState> touched = new HashSet<>();
    for (TypeElement type : ElementFilter.typesIn(round.getRootElements())) {
      if (written.containsKey(type.getQualifiedName().toString())) {
        continue; // one of our bindings: nothing to scan
      }
      PackageState pkg = state(elements.getPackageOf(type));
      touched.add(pkg);
      addCompiled(pkg, type);
      if (localClasses != null) {
        localClasses.scan(type);
      }
    }
    Map<String, TypeElement> classes = new TreeMap<>();
    for (String name : deferred) {
      TypeElement type = elements.getTypeElement(name);
      if (type != null) {
        classes.put(name, type);
      }
    }
    deferred.clear();
    TypeElement annotation = elements.getTypeElement(KnownTypes.ON_JOB_EVENT);
    if (annotation != null) {
      for (Element method : round.getElementsAnnotatedWith(annotation)) {
        if (method.getEnclosingElement() instanceof TypeElement type) {
          classes.putIfAbsent(type.getQualifiedName().toString(), type);
        }
      }
    }
    classes.forEach(
        (name, type) -> {
          if (done.add(name)) {
            PackageState pkg = state(elements.getPackageOf(type));
            touched.add(pkg);
            handlerClass(pkg, name, type);
          }
        });
    for (PackageState pkg : packages.values()) {
      if (touched.contains(pkg) && !pkg.settled && pkg.waiting.isEmpty()) {
        writeBinding(pkg);
      }
    }
  }

  /** The last round: javac reports what is still unresolved itself, so say nothing about it. */
  void finish() throws IOException {
    services.write(written.keySet(), this::keepOldEntry, originating.toArray(new Element[0]));
    provides.check(written);
  }

  /**
   * An old services entry stays while its class exists, unless it is a binding of a package
   * compiled now: that package's binding was written anew, or it binds nothing any more.
   */
  private boolean keepOldEntry(String name) {
    int dot = name.lastIndexOf('.');
    String pkg = dot < 0 ? "" : name.substring(0, dot);
    if (OUR_BINDING.matcher(name.substring(dot + 1)).matches() && packages.containsKey(pkg)) {
      return false;
    }
    return elements.getTypeElement(name) != null;
  }

  private PackageState state(PackageElement element) {
    return packages.computeIfAbsent(
        element.getQualifiedName().toString(), unused -> new PackageState(element));
  }

  private static void addCompiled(PackageState pkg, TypeElement type) {
    pkg.compiledNow.add(String.join(".", HandlerModelFactory.simpleNames(type)));
    for (TypeElement member : ElementFilter.typesIn(type.getEnclosedElements())) {
      addCompiled(pkg, member);
    }
  }

  private void handlerClass(PackageState pkg, String name, TypeElement type) {
    try {
      List<ExecutableElement> methods = HandlerModelFactory.handlerMethods(type);
      if (Unresolved.in(type, methods)) {
        deferred.add(name);
        pkg.waiting.add(name);
        done.remove(name);
        return;
      }
      pkg.waiting.remove(name);
      List<Problem> problems = validator.validate(type, methods);
      if (!problems.isEmpty()) {
        problems.forEach(p -> error(p.element(), p.mirror(), p, p.message()));
        return;
      }
      if (pkg.settled) {
        error(type, null, null, Message.LATE_HANDLER.format(name, pkg.name));
        return;
      }
      hook.beforeModel(type);
      pkg.handlers.add(factory.create(type, methods));
    } catch (RuntimeException | Error e) {
      error(type, null, null, Message.internal(e));
    }
  }

  private void writeBinding(PackageState pkg) {
    pkg.settled = true;
    try {
      PreviousBinding previous = PreviousBinding.find(elements, filer, pkg.name, pkg.compiledNow);
      List<HandlerModel> handlers = new ArrayList<>(pkg.handlers);
      for (TypeElement kept : previous.keptClasses(elements, pkg.name, pkg.compiledNow)) {
        List<ExecutableElement> methods = HandlerModelFactory.handlerMethods(kept);
        if (validator.validate(kept, methods).isEmpty()) {
          handlers.add(factory.create(kept, methods));
        }
      }
      if (handlers.isEmpty()) {
        return;
      }
      handlers.sort(Comparator.comparing(HandlerModel::displayName));
      BindingModel binding = new BindingModel(pkg.name, previous.simpleName(), handlers);
      JavaFile file = new BindingWriter(generatedAnnotation(pkg.element), chunk).write(binding);
      file.writeTo(filer);
      written.put(binding.qualifiedName(), pkg.element);
      handlers.forEach(h -> originating.add(h.element()));
      if (verbose) {
        pkg.handlers.forEach(h -> note(h, binding));
      }
    } catch (IOException | RuntimeException | Error e) {
      error(
          pkg.handlers.isEmpty() ? null : pkg.handlers.get(0).element(),
          null,
          null,
          Message.internal(e));
    }
  }

  /** {@code @Generated} if the handlers' module can see it (a named module must read it). */
  private ClassName generatedAnnotation(PackageElement pkg) {
    ModuleElement module = elements.getModuleOf(pkg);
    return generated.computeIfAbsent(
        module,
        m -> {
          TypeElement type =
              m == null
                  ? elements.getTypeElement(KnownTypes.GENERATED)
                  : elements.getTypeElement(m, KnownTypes.GENERATED);
          return type == null ? null : ClassName.get(type);
        });
  }

  private void note(HandlerModel handler, BindingModel binding) {
    String methods =
        handler.methods().stream()
            .map(m -> m.signature() + (m.async() ? " async" : "") + (m.isStatic() ? " static" : ""))
            .collect(Collectors.joining(", "));
    messager.printMessage(
        Diagnostic.Kind.NOTE,
        Message.HANDLER_CLASS.format(
            handler.displayName(), handler.methods().size(), binding.qualifiedName(), methods),
        handler.element());
  }

  private void error(Element element, AnnotationMirror mirror, Problem problem, String message) {
    if (problem != null && problem.value() != null) {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element, mirror, problem.value());
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element, mirror);
    }
  }
}
