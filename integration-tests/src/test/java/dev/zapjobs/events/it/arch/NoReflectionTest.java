package dev.zapjobs.events.it.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.zapjobs.events.it.arch.fixture.ReflectiveFixture;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The no-reflection rule holds for the runtime's main code and for every generated binding (this
 * module's and the sample app's), and it is not vacuous: it reports a deliberately reflective
 * class, rule by rule.
 */
class NoReflectionTest {

  /** This module's directory: surefire sets {@code basedir}; IDEs run tests from there too. */
  private static final Path MODULE_DIR =
      Path.of(System.getProperty("basedir", "")).toAbsolutePath();

  /**
   * The sample app's compiled classes: its generated bindings are imported from its output
   * directory (the sample app is a test dependency of this module, so it is compiled first).
   */
  private static final Path SAMPLE_APP_CLASSES =
      MODULE_DIR.resolveSibling("sample-app").resolve("target").resolve("classes");

  private static final String SERVICES_FILE = "META-INF/services/" + HandlerBinding.class.getName();

  /** The runtime module's classes, as packaged (its jar or its classes directory). */
  private static final JavaClasses RUNTIME =
      new ClassFileImporter().importPackages("dev.zapjobs.events.runtime");

  private static JavaClasses fixture() {
    return new ClassFileImporter().importClasses(ReflectiveFixture.class);
  }

  @Test
  void runtimeMainCode_usesNoReflection() {
    assertThat(RUNTIME.stream().map(JavaClass::getName))
        .contains(
            "dev.zapjobs.events.runtime.JobEventDispatcher",
            "dev.zapjobs.events.runtime.spi.HandlerBinding");

    NoReflectionRules.NO_REFLECTION.check(RUNTIME);
  }

  @Test
  void generatedBindings_useNoReflection() throws IOException {
    JavaClasses generated =
        generatedBindingsIn(MODULE_DIR.resolve("target").resolve("test-classes"));

    // One binding per package: the DI handlers', and HandlerShapes' (every accepted shape).
    assertThat(generated.stream().map(JavaClass::getName))
        .contains(
            "dev.zapjobs.events.it.di.ZapJobs_HandlerBinding",
            "dev.zapjobs.events.it.arch.fixture.ZapJobs_HandlerBinding");

    NoReflectionRules.NO_REFLECTION.check(generated);
  }

  @Test
  void sampleAppGeneratedBindings_useNoReflection() throws IOException {
    JavaClasses generated = generatedBindingsIn(SAMPLE_APP_CLASSES);

    assertThat(generated.stream().map(JavaClass::getPackageName))
        .allMatch(name -> name.startsWith("dev.zapjobs.events.sample"));

    NoReflectionRules.NO_REFLECTION.check(generated);
  }

  /**
   * The generated {@code ZapJobs_HandlerBinding} classes under {@code classesDir}; fails unless
   * there is at least one and every binding its services file registers was imported.
   */
  private static JavaClasses generatedBindingsIn(Path classesDir) throws IOException {
    Path services = classesDir.resolve(SERVICES_FILE);
    assertThat(services)
        .as("the services file of %s (build it first: mvn install -DskipTests)", classesDir)
        .isRegularFile();
    List<String> registered =
        Files.readAllLines(services).stream()
            .map(line -> line.replaceFirst("#.*", "").strip())
            .filter(line -> !line.isEmpty())
            .toList();

    JavaClasses imported =
        new ClassFileImporter()
            .withImportOption(location -> location.contains("ZapJobs_HandlerBinding"))
            .importPath(classesDir)
            .that(simpleNameStartingWith("ZapJobs_HandlerBinding"));

    assertThat(registered).as("bindings registered in %s", services).isNotEmpty();
    assertThat(imported.stream().map(JavaClass::getName))
        .as("bindings imported from %s", classesDir)
        .containsAll(registered);
    return imported;
  }

  static Stream<Arguments> eachRuleAndWhatItCatches() {
    return Stream.of(
        Arguments.of(NoReflectionRules.NO_JAVA_LANG_REFLECT, "java.lang.reflect.Method"),
        Arguments.of(NoReflectionRules.NO_JAVA_LANG_INVOKE, "MethodHandles.privateLookupIn"),
        Arguments.of(NoReflectionRules.NO_JAVA_LANG_INVOKE, "MethodHandles$Lookup.findVarHandle"),
        Arguments.of(NoReflectionRules.NO_CLASS_LOOKUPS, "Class.forName"),
        Arguments.of(NoReflectionRules.NO_CLASS_LOOKUPS, "Class.getConstructor"),
        Arguments.of(NoReflectionRules.NO_CLASS_LOADING, "java.lang.ClassLoader.loadClass"),
        Arguments.of(NoReflectionRules.NO_SET_ACCESSIBLE, "setAccessible"),
        Arguments.of(NoReflectionRules.NO_UNSAFE, "sun.misc.Unsafe"),
        Arguments.of(NoReflectionRules.NO_JAVA_BEANS, "java.beans.Introspector"),
        Arguments.of(
            NoReflectionRules.ONLY_THE_DISPATCHER_USES_SERVICE_LOADER, "java.util.ServiceLoader"));
  }

  @ParameterizedTest
  @MethodSource("eachRuleAndWhatItCatches")
  void eachRule_reportsTheReflectiveFixture(ArchRule rule, String expectedInReport) {
    EvaluationResult result = rule.evaluate(fixture());

    assertThat(result.hasViolation()).as("%s reports a violation", rule).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anyMatch(line -> line.contains(expectedInReport) && line.contains("ReflectiveFixture"));
  }

  @Test
  void unsafeRule_alsoReportsTheJdkInternalUnsafe() {
    // The fixture cannot compile against jdk.internal.misc (not exported); AtomicInteger uses it.
    JavaClasses jdk = new ClassFileImporter().importClasses(AtomicInteger.class);

    assertThat(NoReflectionRules.NO_UNSAFE.evaluate(jdk).getFailureReport().getDetails())
        .anyMatch(line -> line.contains("jdk.internal.misc.Unsafe"));
  }

  @Test
  void serviceLoaderRule_exemptsTheDispatcherWhichUsesIt() {
    assertThat(
            Stream.of(JobEventDispatcher.class, JobEventDispatcher.Builder.class)
                .flatMap(type -> RUNTIME.get(type).getDirectDependenciesFromSelf().stream()))
        .anyMatch(dependency -> dependency.getTargetClass().isEquivalentTo(ServiceLoader.class));

    NoReflectionRules.ONLY_THE_DISPATCHER_USES_SERVICE_LOADER.check(RUNTIME);
  }

  @Test
  void methodReferences_countAsUses() {
    assertThat(
            NoReflectionRules.NO_CLASS_LOOKUPS.evaluate(fixture()).getFailureReport().getDetails())
        .anyMatch(
            line ->
                line.contains("ReflectiveFixture.viaMethodReference()")
                    && line.contains("references method <java.lang.Class.getRecordComponents()>"));
  }

  @Test
  void wholeRule_failsOnTheReflectiveFixture() {
    assertThatThrownBy(() -> NoReflectionRules.NO_REFLECTION.check(fixture()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ReflectiveFixture.invokeByName")
        .hasMessageContaining("ReflectiveFixture.privateHandle")
        .hasMessageContaining("ReflectiveFixture.privateField")
        .hasMessageContaining("ReflectiveFixture.loadByName")
        .hasMessageContaining("ReflectiveFixture.offsetOf")
        .hasMessageContaining("ReflectiveFixture.properties")
        .hasMessageContaining("ReflectiveFixture.discoverOwnPlugins");
  }
}
