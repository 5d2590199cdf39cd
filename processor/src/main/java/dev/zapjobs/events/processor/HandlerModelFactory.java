package dev.zapjobs.events.processor;

import dev.zapjobs.events.processor.HandlerModel.Instantiation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** Turns a class that {@link HandlerValidator} found clean into a {@link HandlerModel}. */
final class HandlerModelFactory {
  static final String BINDING_SUFFIX = "_JobEventHandlers";

  private final Elements elements;
  private final KnownTypes known;

  /**
   * {@link #javaLangShadowed} per package, for the current round: javac enters new types only
   * between rounds, and the answer costs a lookup per type of the package.
   */
  private final Map<String, Boolean> shadowedPackages = new HashMap<>();

  private Set<String> javaLangNames;

  HandlerModelFactory(Elements elements, KnownTypes known) {
    this.elements = elements;
    this.known = known;
  }

  /** {@code Outer_Inner_JobEventHandlers}, qualified with the package of {@code type}. */
  String bindingQualifiedName(TypeElement type) {
    return bindingQualifiedName(elements, type);
  }

  /** The one naming function for bindings, also used to find stale services entries. */
  static String bindingQualifiedName(Elements elements, TypeElement type) {
    String pkg = elements.getPackageOf(type).getQualifiedName().toString();
    String simple = String.join("_", simpleNames(type)) + BINDING_SUFFIX;
    return pkg.isEmpty() ? simple : pkg + "." + simple;
  }

  /** Forgets what was cached for the previous round; new types may have been entered since. */
  void newRound() {
    shadowedPackages.clear();
  }

  HandlerModel create(TypeElement type, List<ExecutableElement> annotated) {
    List<HandlerModel.Method> methods = new ArrayList<>();
    boolean deprecated = false;
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      deprecated |= elements.isDeprecated(e);
    }
    for (ExecutableElement method : annotated) {
      DeclaredType parameter = (DeclaredType) method.getParameters().get(0).asType();
      methods.add(
          new HandlerModel.Method(
              method,
              method.getSimpleName().toString(),
              parameter.asElement().getSimpleName().toString(),
              method.getModifiers().contains(Modifier.STATIC),
              method.getReturnType().getKind() != TypeKind.VOID));
      deprecated |= elements.isDeprecated(method);
    }
    methods.sort(
        Comparator.comparing(HandlerModel.Method::name)
            .thenComparing(HandlerModel.Method::eventSimpleName));
    List<String> names = simpleNames(type);
    String enumConstant = null;
    Instantiation instantiation;
    if (type.getKind() == ElementKind.ENUM) {
      List<String> constants = new ArrayList<>();
      for (Element e : type.getEnclosedElements()) {
        if (e.getKind() == ElementKind.ENUM_CONSTANT) {
          constants.add(e.getSimpleName().toString());
        }
      }
      enumConstant = constants.size() == 1 ? constants.get(0) : null;
      instantiation = enumConstant != null ? Instantiation.ENUM_CONSTANT : Instantiation.NONE;
    } else {
      ExecutableElement constructor = noArgConstructor(type);
      if (constructor == null) {
        instantiation = Instantiation.NONE;
      } else {
        deprecated |= elements.isDeprecated(constructor);
        boolean checked =
            constructor.getThrownTypes().stream().anyMatch(t -> !known.isUnchecked(t));
        instantiation = checked ? Instantiation.CONSTRUCTOR_THROWING : Instantiation.CONSTRUCTOR;
      }
    }
    return new HandlerModel(
        type,
        packageName(type),
        names,
        type.getTypeParameters().size(),
        String.join("_", names) + BINDING_SUFFIX,
        List.copyOf(methods),
        instantiation,
        enumConstant,
        deprecated,
        javaLangShadowed(type));
  }

  /** Whether the package of {@code type} declares a type named like one in {@code java.lang}. */
  private boolean javaLangShadowed(TypeElement type) {
    PackageElement pkg = elements.getPackageOf(type);
    return shadowedPackages.computeIfAbsent(
        pkg.getQualifiedName().toString(), unused -> declaresJavaLangName(pkg));
  }

  private boolean declaresJavaLangName(PackageElement pkg) {
    Set<String> javaLang = javaLangNames();
    for (Element member : pkg.getEnclosedElements()) {
      if (javaLang.contains(member.getSimpleName().toString())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The simple names of the types in {@code java.lang}, read once: listing the package is far
   * cheaper than asking javac for {@code java.lang.X} per type of a big package, as each missing
   * name costs javac a class and a package lookup on every path entry.
   */
  private Set<String> javaLangNames() {
    if (javaLangNames == null) {
      javaLangNames = new HashSet<>();
      PackageElement javaLang = elements.getPackageElement("java.lang");
      if (javaLang != null) {
        for (Element member : javaLang.getEnclosedElements()) {
          javaLangNames.add(member.getSimpleName().toString());
        }
      }
    }
    return javaLangNames;
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

  private String packageName(TypeElement type) {
    return elements.getPackageOf(type).getQualifiedName().toString();
  }

  private static List<String> simpleNames(TypeElement type) {
    List<String> names = new ArrayList<>();
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      names.add(0, e.getSimpleName().toString());
    }
    return names;
  }
}
