package dev.zapjobs.events.processor;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.zapjobs.events.processor.HandlerModel.Instantiation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.JavaFileObject;

/**
 * Turns a class that {@link HandlerValidator} found clean into a {@link HandlerModel}. Works the
 * same on a class compiled now and on one read from a class file (a handler kept from the previous
 * compile): everything it reads, {@code @OnJobEvent} and its filters included, is in the class
 * file.
 */
final class HandlerModelFactory {
  private final Elements elements;
  private final Trees trees;

  /**
   * @param trees javac's syntax trees, to tell auxiliary classes; null on other compilers, which do
   *     not warn about them
   */
  HandlerModelFactory(Elements elements, Trees trees) {
    this.elements = elements;
    this.trees = trees;
  }

  /** The {@code @OnJobEvent} methods of {@code type}, in declaration order. */
  static List<ExecutableElement> handlerMethods(TypeElement type) {
    List<ExecutableElement> methods = new ArrayList<>();
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (KnownTypes.onJobEvent(m) != null) {
        methods.add(m);
      }
    }
    return methods;
  }

  HandlerModel create(TypeElement type, List<ExecutableElement> annotated) {
    List<HandlerModel.Method> methods = new ArrayList<>();
    boolean deprecated = false;
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      deprecated |= elements.isDeprecated(e);
    }
    for (ExecutableElement method : annotated) {
      AnnotationMirror mirror = KnownTypes.onJobEvent(method);
      DeclaredType parameter = (DeclaredType) method.getParameters().get(0).asType();
      methods.add(
          new HandlerModel.Method(
              method,
              method.getSimpleName().toString(),
              parameter.asElement().getSimpleName().toString(),
              method.getModifiers().contains(Modifier.STATIC),
              method.getReturnType().getKind() != TypeKind.VOID,
              strings(mirror, "jobTypes"),
              strings(mirror, "queues")));
      deprecated |= elements.isDeprecated(method);
    }
    methods.sort(
        Comparator.comparing(HandlerModel.Method::name)
            .thenComparing(HandlerModel.Method::eventSimpleName));
    String enumConstant = null;
    Instantiation instantiation = Instantiation.NONE;
    if (methods.stream().allMatch(HandlerModel.Method::isStatic)) {
      instantiation = Instantiation.NONE; // no instance is ever needed
    } else if (type.getKind() == ElementKind.ENUM) {
      List<String> constants = new ArrayList<>();
      for (Element e : type.getEnclosedElements()) {
        if (e.getKind() == ElementKind.ENUM_CONSTANT) {
          constants.add(e.getSimpleName().toString());
        }
      }
      if (constants.size() == 1) {
        enumConstant = constants.get(0);
        instantiation = Instantiation.ENUM_CONSTANT;
      }
    } else {
      ExecutableElement constructor = noArgConstructor(type);
      if (constructor != null) {
        deprecated |= elements.isDeprecated(constructor);
        instantiation = Instantiation.CONSTRUCTOR;
      }
    }
    return new HandlerModel(
        type,
        elements.getPackageOf(type).getQualifiedName().toString(),
        simpleNames(type),
        type.getTypeParameters().size(),
        List.copyOf(methods),
        instantiation,
        enumConstant,
        deprecated,
        isAuxiliary(type));
  }

  /**
   * Whether the top-level class around {@code type} may be declared in a source file named after
   * another class ({@code Alerts} in {@code Handlers.java}). For a class read from a class file
   * (kept from the previous compile) the answer is not at hand, so it is assumed.
   */
  private boolean isAuxiliary(TypeElement type) {
    if (trees == null) {
      return false; // not javac: no such warning
    }
    Element top = type;
    while (top.getEnclosingElement() instanceof TypeElement outer) {
      top = outer;
    }
    TreePath path = trees.getPath(top);
    return path == null
        || !path.getCompilationUnit()
            .getSourceFile()
            .isNameCompatible(top.getSimpleName().toString(), JavaFileObject.Kind.SOURCE);
  }

  private static List<String> strings(AnnotationMirror mirror, String attribute) {
    List<String> values = new ArrayList<>();
    for (AnnotationValue v : KnownTypes.strings(mirror, attribute)) {
      values.add((String) v.getValue());
    }
    return List.copyOf(values);
  }

  /** The non-private no-arg constructor of a concrete class, or null. */
  private static ExecutableElement noArgConstructor(TypeElement type) {
    if (type.getModifiers().contains(Modifier.ABSTRACT)
        || type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
      return null;
    }
    for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (c.getParameters().isEmpty() && !c.getModifiers().contains(Modifier.PRIVATE)) {
        return c;
      }
    }
    return null;
  }

  /** {@code [Outer, Inner]}: the simple names from the top-level class down to {@code type}. */
  static List<String> simpleNames(TypeElement type) {
    List<String> names = new ArrayList<>();
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      names.add(0, e.getSimpleName().toString());
    }
    return names;
  }
}
