package dev.zapjobs.events.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * The ZapJobs Events annotation processor. It only routes: for every class with {@code @OnJobEvent}
 * methods it defers the class while its types are unresolved, asks {@link HandlerValidator} for
 * every problem, and, when there is none, has {@link HandlerModelFactory} and {@link BindingWriter}
 * generate its {@code HandlerBinding}; in the last round {@link ServicesFile} registers all
 * bindings for {@link java.util.ServiceLoader}.
 *
 * <p>Option {@code -Azapjobs.events.verbose=true} prints a note per handler class. The processor
 * never throws into javac: an internal failure becomes one {@code [ZJE-INTERNAL]} error.
 */
@AutoService(Processor.class)
@SupportedOptions(JobEventProcessor.VERBOSE_OPTION)
public final class JobEventProcessor extends AbstractProcessor {
  /**
   * {@code -Azapjobs.events.verbose=true}: a note per handler class, listing methods and events.
   */
  public static final String VERBOSE_OPTION = "zapjobs.events.verbose";

  /** A test seam: runs before a class's binding is generated. */
  interface Hook {
    void beforeGenerate(TypeElement handlerClass);
  }

  private final Hook hook;
  private Elements elements;
  private KnownTypes known;
  private HandlerValidator validator;
  private HandlerModelFactory factory;
  private BindingWriter writer;
  private ServicesFile services;
  private CompiledTypes compiled;
  private LocalClassScanner localClasses;
  private boolean verbose;

  /** Handler classes whose types were not resolved yet, by qualified name. */
  private final Set<String> deferred = new TreeSet<>();

  /** Handler classes already dealt with (generated or reported), by qualified name. */
  private final Set<String> done = new HashSet<>();

  /** Qualified name of each binding claimed in this compile -> its handler class. */
  private final Map<String, String> bindings = new HashMap<>();

  /** Qualified names of the bindings written in this compile. */
  private final Set<String> generated = new TreeSet<>();

  /** Top-level types the user (or another processor) supplied. */
  private final Set<String> userTypes = new HashSet<>();

  private final List<TypeElement> originating = new ArrayList<>();

  /** Creates the processor; javac calls this through {@link java.util.ServiceLoader}. */
  public JobEventProcessor() {
    this(type -> {});
  }

  JobEventProcessor(Hook hook) {
    this.hook = hook;
  }

  /**
   * {@code @OnJobEvent}, and the {@code @Generated} that marks the bindings: javac warns under
   * {@code -Xlint:processing} about an annotation that no processor claims, which would break the
   * user's {@code -Xlint:all -Werror} build in the round that compiles our own output.
   * {@code @Generated} is claimed only in a round where every element carrying it is one of our
   * bindings (see {@link #claims}), so other processors still see everyone else's.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(KnownTypes.ON_JOB_EVENT, KnownTypes.GENERATED);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    elements = env.getElementUtils();
    known = new KnownTypes(elements, env.getTypeUtils());
    validator = new HandlerValidator(known);
    factory = new HandlerModelFactory(elements, known);
    TypeElement generatedType = elements.getTypeElement(KnownTypes.GENERATED);
    writer = new BindingWriter(generatedType == null ? null : ClassName.get(generatedType));
    services = new ServicesFile(env.getFiler());
    compiled = new CompiledTypes(elements);
    localClasses = LocalClassScanner.create(env);
    verbose = Boolean.parseBoolean(env.getOptions().get(VERBOSE_OPTION));
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      if (round.processingOver()) {
        // Classes still unresolved now have errors that javac reports itself: say nothing.
        // An old entry stays while its binding class exists, unless its handler class was
        // compiled here and got no binding: its @OnJobEvent methods are gone, and the binding
        // class left in the output is stale.
        services.write(generated, compiled.keepOld(), originating.toArray(new Element[0]));
      } else {
        CompiledTypes.markMainProcessorRan(elements);
        processRound(round);
      }
    } catch (Throwable t) {
      error(null, Message.INTERNAL.format(trace(t)));
    }
    return claims(annotations, round);
  }

  /**
   * Claims the round's annotations unless {@code @Generated} appears on an element that is not one
   * of our bindings: that one may matter to another processor.
   */
  private boolean claims(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (TypeElement annotation : annotations) {
      if (annotation.getQualifiedName().contentEquals(KnownTypes.GENERATED)) {
        for (Element e : round.getElementsAnnotatedWith(annotation)) {
          if (!(e instanceof TypeElement t
              && generated.contains(t.getQualifiedName().toString()))) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private void processRound(RoundEnvironment round) {
    factory.newRound();
    for (Element root : round.getRootElements()) {
      if (root instanceof TypeElement type) {
        String name = type.getQualifiedName().toString();
        if (generated.contains(name)) {
          continue; // one of our bindings: no local classes, nothing to scan
        }
        userTypes.add(name);
        compiled.add(type);
      }
      if (localClasses != null) {
        localClasses.scan(root);
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
            processClass(name, type);
          }
        });
  }

  private void processClass(String name, TypeElement type) {
    try {
      List<ExecutableElement> methods = new ArrayList<>();
      for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
        if (KnownTypes.onJobEvent(m) != null) {
          methods.add(m);
        }
      }
      if (Unresolved.in(type, methods)) {
        deferred.add(name);
        done.remove(name);
        return;
      }
      String binding = factory.bindingQualifiedName(type);
      List<Problem> problems = validator.validate(type, methods, binding, clash(binding, name));
      if (!problems.isEmpty()) {
        problems.forEach(p -> error(p.element(), p.mirror(), p.message()));
        return;
      }
      bindings.put(binding, name);
      hook.beforeGenerate(type);
      HandlerModel model = factory.create(type, methods);
      try {
        writeSource(binding, writer.source(model), type);
      } catch (FilerException e) {
        error(type, Message.NAME_CLASH.format(binding, "a type of that name"));
        return;
      }
      generated.add(binding);
      originating.add(type);
      if (verbose) {
        note(type, model);
      }
    } catch (Throwable t) {
      error(type, Message.INTERNAL.format(trace(t)));
    }
  }

  private void writeSource(String name, String source, TypeElement originating) throws IOException {
    JavaFileObject file = processingEnv.getFiler().createSourceFile(name, originating);
    try (Writer out = file.openWriter()) {
      out.write(source);
    } catch (IOException | RuntimeException e) {
      file.delete();
      throw e;
    }
  }

  /** A description of another type named {@code binding}, or null if there is none. */
  private String clash(String binding, String handlerClass) {
    if (userTypes.contains(binding)) {
      return "a type of that name in this compilation";
    }
    String other = bindings.get(binding);
    return other == null || other.equals(handlerClass) ? null : "the binding of " + other;
  }

  private void note(TypeElement type, HandlerModel model) {
    String methods =
        model.methods().stream()
            .map(m -> m.signature() + (m.async() ? " async" : "") + (m.isStatic() ? " static" : ""))
            .collect(Collectors.joining(", "));
    processingEnv
        .getMessager()
        .printMessage(
            Diagnostic.Kind.NOTE,
            Message.HANDLER_CLASS.format(
                model.displayName(), model.methods().size(), model.bindingQualifiedName(), methods),
            type);
  }

  private void error(Element element, String message) {
    error(element, null, message);
  }

  private void error(Element element, AnnotationMirror mirror, String message) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element, mirror);
  }

  /** The stack trace of {@code t}, for {@code [ZJE-INTERNAL]}. */
  static String trace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
