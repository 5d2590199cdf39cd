package dev.zapjobs.events.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * A validated handler class: everything the writer needs, nothing it has to check again.
 *
 * @param element the handler class, the originating element of the generated file
 * @param packageName its package ({@code ""} for the unnamed package)
 * @param simpleNames the simple names from the top-level class down to the handler class
 * @param typeParameterCount how many type parameters the handler class has (cast to {@code Foo<?>})
 * @param bindingSimpleName the generated class's simple name, {@code Outer_Inner_JobEventHandlers}
 * @param methods the handler methods, sorted by name then event type
 * @param instantiation how {@code newInstance()} obtains an instance
 * @param enumConstant the single constant of an enum handler, for {@link
 *     Instantiation#ENUM_CONSTANT}
 * @param deprecated whether the generated code touches deprecated elements
 * @param javaLangShadowed whether a type in the handler's package has the simple name of a {@code
 *     java.lang} type (a user's {@code Class} or {@code Override}), so java.lang must be imported
 */
record HandlerModel(
    TypeElement element,
    String packageName,
    List<String> simpleNames,
    int typeParameterCount,
    String bindingSimpleName,
    List<Method> methods,
    Instantiation instantiation,
    String enumConstant,
    boolean deprecated,
    boolean javaLangShadowed) {

  /** How the generated {@code newInstance()} makes a handler. */
  enum Instantiation {
    /** {@code return null;}: abstract class, enum with several constants, no usable constructor. */
    NONE,
    /** {@code return new Foo();} */
    CONSTRUCTOR,
    /** {@code new Foo()} wrapped because the constructor declares checked exceptions. */
    CONSTRUCTOR_THROWING,
    /** {@code return Foo.INSTANCE;} for an enum with exactly one constant. */
    ENUM_CONSTANT
  }

  /**
   * One handler method.
   *
   * @param element the method
   * @param name its name
   * @param eventSimpleName {@code JobEvent} or one of the five record names
   * @param isStatic whether it is static
   * @param async whether it returns a {@code CompletionStage}
   */
  record Method(
      ExecutableElement element,
      String name,
      String eventSimpleName,
      boolean isStatic,
      boolean async) {

    /** {@code onFailed(JobFailed)}. */
    String signature() {
      return name + "(" + eventSimpleName + ")";
    }
  }

  /** {@code Outer.Inner}, the readable class name used in method names. */
  String displayName() {
    return String.join(".", simpleNames);
  }

  /** The generated class's qualified name. */
  String bindingQualifiedName() {
    return packageName.isEmpty() ? bindingSimpleName : packageName + "." + bindingSimpleName;
  }

  boolean needsInstance() {
    return methods.stream().anyMatch(m -> !m.isStatic());
  }
}
