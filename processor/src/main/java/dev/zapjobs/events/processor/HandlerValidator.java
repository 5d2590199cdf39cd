package dev.zapjobs.events.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * Checks one handler class and its {@code @OnJobEvent} methods against the handler rules and
 * returns every problem at once, so that one compile shows them all and nothing is generated for a
 * class that has any. Each problem is reported once, on the element that has to change (a filter
 * value, on that value).
 */
final class HandlerValidator {
  private final KnownTypes known;

  HandlerValidator(KnownTypes known) {
    this.known = known;
  }

  /** Every problem of {@code type} and its annotated {@code methods}; empty when it is clean. */
  List<Problem> validate(TypeElement type, List<ExecutableElement> methods) {
    List<Problem> problems = new ArrayList<>();
    boolean local = checkEnclosingClasses(type, problems);
    boolean inInterface = type.getKind().isInterface();
    for (ExecutableElement method : methods) {
      AnnotationMirror mirror = KnownTypes.onJobEvent(method);
      if (local) {
        problems.add(new Problem(method, mirror, Message.LOCAL_CLASS.format()));
      }
      if (inInterface) {
        String kind =
            type.getKind() == ElementKind.ANNOTATION_TYPE ? "annotation type" : "interface";
        problems.add(
            new Problem(
                method, mirror, Message.INTERFACE_METHOD.format(kind, type.getSimpleName())));
      } else if (method.getModifiers().contains(Modifier.ABSTRACT)) {
        problems.add(new Problem(method, mirror, Message.ABSTRACT_METHOD.format()));
      }
      checkSignature(method, mirror, problems);
      checkFilter(method, mirror, "jobTypes", "job type", problems);
      checkFilter(method, mirror, "queues", "queue", problems);
    }
    return problems;
  }

  /** Empty, blank, padded or repeated values of filter {@code attribute}, each on its value. */
  private static void checkFilter(
      ExecutableElement method,
      AnnotationMirror mirror,
      String attribute,
      String noun,
      List<Problem> problems) {
    Set<String> seen = new HashSet<>();
    for (AnnotationValue value : KnownTypes.strings(mirror, attribute)) {
      String text = (String) value.getValue();
      String message = null;
      if (text.isBlank()) {
        message = Message.FILTER_EMPTY.format(attribute, noun);
      } else if (!text.strip().equals(text)) {
        message = Message.FILTER_WHITESPACE.format(attribute, text, text.strip());
      } else if (!seen.add(text)) {
        message = Message.FILTER_DUPLICATE.format(attribute, text);
      }
      if (message != null) {
        problems.add(new Problem(method, mirror, value, message));
      }
    }
  }

  /** Checks the class and every class around it; returns whether it is local or anonymous. */
  private static boolean checkEnclosingClasses(TypeElement type, List<Problem> problems) {
    boolean local = false;
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      TypeElement t = (TypeElement) e;
      NestingKind nesting = t.getNestingKind();
      if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
        local = true;
        continue;
      }
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        problems.add(new Problem(t, null, Message.PRIVATE_CLASS.format(t.getSimpleName())));
      }
      if (nesting == NestingKind.MEMBER && !isStatic(t)) {
        problems.add(new Problem(t, null, Message.INNER_CLASS.format(t.getSimpleName())));
      }
    }
    return local;
  }

  /** Member enums, records and interfaces, and members of interfaces, are implicitly static. */
  private static boolean isStatic(TypeElement member) {
    return member.getModifiers().contains(Modifier.STATIC)
        || member.getKind() != ElementKind.CLASS
        || member.getEnclosingElement().getKind().isInterface();
  }

  private void checkSignature(
      ExecutableElement method, AnnotationMirror mirror, List<Problem> problems) {
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      problems.add(new Problem(method, mirror, Message.PRIVATE_METHOD.format()));
    }
    if (!method.getTypeParameters().isEmpty()) {
      String params =
          method.getTypeParameters().stream()
              .map(p -> p.getSimpleName().toString())
              .collect(Collectors.joining(", ", "<", ">"));
      problems.add(new Problem(method, mirror, Message.TYPE_PARAMETERS.format(params)));
    }
    int count = method.getParameters().size();
    if (count != 1) {
      problems.add(
          new Problem(method, mirror, Message.PARAMETER_COUNT.format(signature(method), count)));
    } else if (method.isVarArgs()) {
      problems.add(new Problem(method, mirror, Message.VARARGS.format()));
    } else {
      TypeMirror parameter = method.getParameters().get(0).asType();
      // A parameter of the method's own type variable goes with [ZJE-TYPE-PARAMETERS]: one error.
      if (!known.isEventType(parameter) && !isOwnTypeVariable(method, parameter)) {
        problems.add(new Problem(method, mirror, Message.PARAMETER_TYPE.format(parameter)));
      }
    }
    if (!known.isReturnType(method.getReturnType())) {
      problems.add(new Problem(method, mirror, Message.RETURN_TYPE.format(method.getReturnType())));
    }
  }

  private static boolean isOwnTypeVariable(ExecutableElement method, TypeMirror type) {
    return type instanceof TypeVariable variable
        && method.getTypeParameters().contains(variable.asElement());
  }

  /**
   * {@code two(JobFailed, String)}: the method as the {@code [ZJE-HANDLERS]} note names methods, so
   * that its name cannot be read as a word of the sentence.
   */
  private static String signature(ExecutableElement method) {
    List<String> types = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      types.add(simpleName(parameter.asType()));
    }
    if (method.isVarArgs()) {
      String last = types.get(types.size() - 1);
      types.set(types.size() - 1, last.substring(0, last.length() - 2) + "...");
    }
    return method.getSimpleName() + "(" + String.join(", ", types) + ")";
  }

  private static String simpleName(TypeMirror type) {
    if (type instanceof DeclaredType declared) {
      return declared.asElement().getSimpleName().toString();
    }
    if (type instanceof ArrayType array) {
      return simpleName(array.getComponentType()) + "[]";
    }
    return type.toString(); // primitives and type variables
  }
}
