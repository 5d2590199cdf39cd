package dev.zapjobs.events.it.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.zapjobs.events.it.arch.fixture.ReflectiveFixture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The no-reflection rule holds for the runtime's main code and for every generated binding, and it
 * is not vacuous: it reports a deliberately reflective class.
 */
class NoReflectionTest {

  /** The runtime module's classes, as packaged (its jar or its classes directory). */
  private static final JavaClasses RUNTIME =
      new ClassFileImporter().importPackages("dev.zapjobs.events.runtime");

  /** What our processor generated for this module's test handlers. */
  private static final JavaClasses GENERATED =
      new ClassFileImporter()
          .withImportOption(location -> location.contains("_JobEventHandlers"))
          .importPackages("dev.zapjobs.events.it")
          .that(simpleNameEndingWith("_JobEventHandlers"));

  @Test
  void runtimeMainCode_usesNoReflection() {
    assertThat(RUNTIME.stream().map(JavaClass::getName))
        .contains(
            "dev.zapjobs.events.runtime.JobEventDispatcher",
            "dev.zapjobs.events.runtime.spi.HandlerBinding");

    NoReflectionRules.NO_REFLECTION.check(RUNTIME);
  }

  @Test
  void generatedBindings_useNoReflection() {
    assertThat(GENERATED.stream().map(JavaClass::getSimpleName))
        .contains(
            "GuiceAuditHandlers_JobEventHandlers",
            "SpringAuditHandlers_JobEventHandlers",
            "NoDefaultConstructorHandler_JobEventHandlers",
            "HandlerShapes_JobEventHandlers",
            "HandlerShapes_Nested_JobEventHandlers",
            "HandlerShapes_OnlyStatic_JobEventHandlers");

    NoReflectionRules.NO_REFLECTION.check(GENERATED);
  }

  static Stream<Arguments> eachRuleAndWhatItCatches() {
    return Stream.of(
        Arguments.of(NoReflectionRules.NO_JAVA_LANG_REFLECT, "java.lang.reflect.Method"),
        Arguments.of(NoReflectionRules.NO_CLASS_LOOKUPS, "Class.forName"),
        Arguments.of(NoReflectionRules.NO_METHOD_HANDLE_LOOKUPS, "MethodHandles.privateLookupIn"),
        Arguments.of(NoReflectionRules.NO_SET_ACCESSIBLE, "setAccessible"));
  }

  @ParameterizedTest
  @MethodSource("eachRuleAndWhatItCatches")
  void eachRule_reportsTheReflectiveFixture(ArchRule rule, String expectedInReport) {
    JavaClasses fixture = new ClassFileImporter().importClasses(ReflectiveFixture.class);

    EvaluationResult result = rule.evaluate(fixture);

    assertThat(result.hasViolation()).as("%s reports a violation", rule).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anyMatch(line -> line.contains(expectedInReport) && line.contains("ReflectiveFixture"));
  }

  @Test
  void methodReferences_countAsUses() {
    JavaClasses fixture = new ClassFileImporter().importClasses(ReflectiveFixture.class);

    assertThat(NoReflectionRules.NO_CLASS_LOOKUPS.evaluate(fixture).getFailureReport().getDetails())
        .anyMatch(
            line ->
                line.contains("ReflectiveFixture.viaMethodReference()")
                    && line.contains("references method <java.lang.Class.getRecordComponents()>"));
  }

  @Test
  void wholeRule_failsOnTheReflectiveFixture() {
    JavaClasses fixture = new ClassFileImporter().importClasses(ReflectiveFixture.class);

    assertThatThrownBy(() -> NoReflectionRules.NO_REFLECTION.check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ReflectiveFixture.invokeByName")
        .hasMessageContaining("ReflectiveFixture.privateHandle");
  }
}
