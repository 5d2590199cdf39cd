package dev.zapjobs.events.processor;

import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * A validated handler class: everything the writer needs, nothing it has to check again.
 *
 * @param element the handler class, an originating element of the generated file
 * @param packageName its package ({@code ""} for the unnamed package)
 * @param simpleNames the simple names from the top-level class down to the handler class
 * @param typeParameterCount how many type parameters the handler class has (cast to {@code Foo<?>})
 * @param methods the handler methods, sorted by name then event type
 * @param instantiation how {@code newInstance} obtains an instance
 * @param enumConstant the single constant of an enum handler, for {@link
 *     Instantiation#ENUM_CONSTANT}
 * @param deprecated whether the generated code touches deprecated elements
 * @param auxiliary whether its top-level class is declared in a file named after another class
 *     (javac's {@code -Xlint:auxiliaryclass} warns when another file uses it)
 */
record HandlerModel(
    TypeElement element,
    String packageName,
    List<String> simpleNames,
    int typeParameterCount,
    List<Method> methods,
    Instantiation instantiation,
    String enumConstant,
    boolean deprecated,
    boolean auxiliary) {

  /** How the generated {@code newInstance} makes a handler. */
  enum Instantiation {
    /** None: static methods only, abstract class, enum with several constants, no constructor. */
    NONE,
    /** {@code return new Foo();} */
    CONSTRUCTOR,
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
   * @param jobTypes the job types it is limited to, as written; empty for all
   * @param queues the queues it is limited to, as written; empty for all
   */
  record Method(
      ExecutableElement element,
      String name,
      String eventSimpleName,
      boolean isStatic,
      boolean async,
      List<String> jobTypes,
      List<String> queues) {

    /** {@code onFailed(JobFailed)}. */
    String signature() {
      return name + "(" + eventSimpleName + ")";
    }
  }

  /** {@code Outer.Inner}: the class's name within its package, as the binding records it. */
  String displayName() {
    return String.join(".", simpleNames);
  }

  boolean needsInstance() {
    return methods.stream().anyMatch(m -> !m.isStatic());
  }
}
