package dev.zapjobs.events.it.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.lang.reflect.AccessibleObject;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The no-reflection rule of the runtime and of generated code, as ArchUnit rules. ServiceLoader is
 * the one discovery mechanism, used by the dispatcher's builder only; anything that looks a class,
 * method or field up by name, loads or defines a class, goes through method handles or {@code
 * Unsafe}, or breaks access checks, is a violation.
 */
final class NoReflectionRules {
  private NoReflectionRules() {}

  /**
   * Any use of {@code java.lang.reflect}: Method, Field, Constructor, Proxy, AccessibleObject, …
   */
  static final ArchRule NO_JAVA_LANG_REFLECT =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("java.lang.reflect..")
          .because(
              "handlers are called directly by generated code, never through java.lang.reflect");

  /**
   * Any use of {@code java.lang.invoke}: MethodHandles and their Lookup, MethodHandle, VarHandle,
   * MethodType, LambdaMetafactory called by hand, … The {@code invokedynamic} instructions javac
   * emits for lambdas, method references and string concatenation are not dependencies in
   * ArchUnit's model, so ordinary code passes (the runtime is full of it).
   */
  static final ArchRule NO_JAVA_LANG_INVOKE =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("java.lang.invoke..")
          .because(
              "generated code calls handler methods directly; no method or var handles, no lookups");

  /** Looking classes or members up by name through {@link Class}, or instantiating through it. */
  static final ArchRule NO_CLASS_LOOKUPS =
      noClasses()
          .should()
          .accessTargetWhere(
              calls(
                  "Class.forName/newInstance/getDeclared*/get{Method,Field,Constructor}(s)/…",
                  Class.class,
                  name ->
                      name.startsWith("getDeclared")
                          || Set.of(
                                  "forName",
                                  "newInstance",
                                  "getMethod",
                                  "getMethods",
                                  "getConstructor",
                                  "getConstructors",
                                  "getField",
                                  "getFields",
                                  "getEnclosingMethod",
                                  "getEnclosingConstructor",
                                  "getRecordComponents")
                              .contains(name)))
          .because("classes are found by ServiceLoader and instantiated by generated code");

  /** Loading or defining classes by name or from bytes, through any class loader. */
  static final ArchRule NO_CLASS_LOADING =
      noClasses()
          .should()
          .accessTargetWhere(
              calls(
                  "ClassLoader.loadClass/findClass/defineClass/findSystemClass",
                  ClassLoader.class,
                  Set.of("loadClass", "findClass", "defineClass", "findSystemClass")::contains))
          .because("classes are found by ServiceLoader, never loaded by name");

  /** Disabling access checks. */
  static final ArchRule NO_SET_ACCESSIBLE =
      noClasses()
          .should()
          .accessTargetWhere(
              calls(
                  "AccessibleObject.setAccessible/trySetAccessible",
                  AccessibleObject.class,
                  Set.of("setAccessible", "trySetAccessible")::contains))
          .because("nothing may break into a module or a private member");

  /** Raw memory access by field offsets, which are looked up by name. */
  static final ArchRule NO_UNSAFE =
      noClasses()
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("sun.misc.Unsafe")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("jdk.internal.misc.Unsafe")
          .because("Unsafe field offsets are found by reflection and break under obfuscation");

  /** JavaBeans introspection: reflection under another name. */
  static final ArchRule NO_JAVA_BEANS =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("java.beans..")
          .because("java.beans introspects classes reflectively");

  /** ServiceLoader is the one discovery mechanism, and only the dispatcher's builder uses it. */
  static final ArchRule ONLY_THE_DISPATCHER_USES_SERVICE_LOADER =
      noClasses()
          .that()
          .doNotHaveFullyQualifiedName(JobEventDispatcher.class.getName())
          .and()
          .doNotHaveFullyQualifiedName(JobEventDispatcher.Builder.class.getName())
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(ServiceLoader.class)
          .because("bindings are discovered in one place: JobEventDispatcher.Builder");

  /** All of the above. */
  static final ArchRule NO_REFLECTION =
      CompositeArchRule.of(NO_JAVA_LANG_REFLECT)
          .and(NO_JAVA_LANG_INVOKE)
          .and(NO_CLASS_LOOKUPS)
          .and(NO_CLASS_LOADING)
          .and(NO_SET_ACCESSIBLE)
          .and(NO_UNSAFE)
          .and(NO_JAVA_BEANS)
          .and(ONLY_THE_DISPATCHER_USES_SERVICE_LOADER);

  /** Calls and method references to members named {@code name} of {@code owner} or a subtype. */
  private static DescribedPredicate<JavaAccess<?>> calls(
      String description, Class<?> owner, Predicate<String> name) {
    return DescribedPredicate.describe(
        description,
        access ->
            access.getTargetOwner().isAssignableTo(owner)
                && name.test(access.getTarget().getName()));
  }
}
