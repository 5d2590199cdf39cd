package dev.zapjobs.events.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Whether a handler class mentions a type javac could not resolve (yet): a type another processor
 * generates in a later round, or a plain mistake that javac reports itself. Such a class is
 * deferred to the next round and never reported by this processor.
 */
final class Unresolved {
  private Unresolved() {}

  static boolean in(TypeElement type, List<ExecutableElement> methods) {
    if (isError(type.getSuperclass())
        || type.getInterfaces().stream().anyMatch(Unresolved::isError)) {
      return true;
    }
    for (ExecutableElement method : methods) {
      if (isError(method.getReturnType())
          || method.getParameters().stream().anyMatch(p -> isError(p.asType()))
          || method.getThrownTypes().stream().anyMatch(Unresolved::isError)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isError(TypeMirror type) {
    if (type == null) {
      return false;
    }
    if (type.getKind() == TypeKind.ERROR) {
      return true;
    }
    if (type instanceof DeclaredType declared) {
      return declared.getTypeArguments().stream().anyMatch(Unresolved::isError);
    }
    if (type instanceof ArrayType array) {
      return isError(array.getComponentType());
    }
    if (type instanceof WildcardType wildcard) {
      return isError(wildcard.getExtendsBound()) || isError(wildcard.getSuperBound());
    }
    return false;
  }
}
