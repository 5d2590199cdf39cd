package dev.zapjobs.events.it.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AccessibleObject;
import java.util.Set;

/**
 * The no-reflection rule of the runtime and of generated code, as ArchUnit rules. ServiceLoader is
 * the one discovery mechanism; anything that looks a class, method or field up by name, or breaks
 * access checks, is a violation.
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

  /** Looking classes or members up by name through {@link Class}. */
  static final ArchRule NO_CLASS_LOOKUPS =
      noClasses()
          .should()
          .accessTargetWhere(
              target(
                  Class.class,
                  "forName",
                  "newInstance",
                  "getMethod",
                  "getMethods",
                  "getDeclaredMethod",
                  "getDeclaredMethods",
                  "getConstructor",
                  "getConstructors",
                  "getDeclaredConstructor",
                  "getDeclaredConstructors",
                  "getField",
                  "getFields",
                  "getDeclaredField",
                  "getDeclaredFields",
                  "getRecordComponents"))
          .because("classes are found by ServiceLoader and instantiated by generated code");

  /** Method handle lookups: the reflective back door to any member, public or private. */
  static final ArchRule NO_METHOD_HANDLE_LOOKUPS =
      noClasses()
          .should()
          .accessTargetWhere(
              target(MethodHandles.class, "lookup", "privateLookupIn", "publicLookup"))
          .orShould()
          .dependOnClassesThat()
          .belongToAnyOf(MethodHandles.Lookup.class)
          .because("generated code calls handler methods directly; no method handles on user code");

  /** Disabling access checks. */
  static final ArchRule NO_SET_ACCESSIBLE =
      noClasses()
          .should()
          .accessTargetWhere(
              DescribedPredicate.describe(
                  "AccessibleObject.setAccessible/trySetAccessible",
                  access ->
                      access.getTargetOwner().isAssignableTo(AccessibleObject.class)
                          && Set.of("setAccessible", "trySetAccessible")
                              .contains(access.getTarget().getName())))
          .because("nothing may break into a module or a private member");

  /** All of the above. */
  static final ArchRule NO_REFLECTION =
      CompositeArchRule.of(NO_JAVA_LANG_REFLECT)
          .and(NO_CLASS_LOOKUPS)
          .and(NO_METHOD_HANDLE_LOOKUPS)
          .and(NO_SET_ACCESSIBLE);

  private static DescribedPredicate<JavaAccess<?>> target(Class<?> owner, String... names) {
    Set<String> members = Set.of(names);
    return DescribedPredicate.describe(
        owner.getSimpleName() + "." + String.join("/", names),
        access ->
            access.getTargetOwner().isEquivalentTo(owner)
                && members.contains(access.getTarget().getName()));
  }
}
