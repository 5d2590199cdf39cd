package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import dev.zapjobs.events.runtime.spi.HandlerMethod;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import java.time.Duration;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * How the builder reads bindings: each handler class bound once, and the messages for bindings that
 * cannot be read ({@code handlerFilter} has {@link HandlerFilterTest}).
 */
class BindingsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  static final class Alerts {}

  private static List<String> names(JobEventDispatcher d) {
    List<String> names = d.stats().handlers().stream().map(HandlerStats::name).toList();
    d.close(WAIT);
    return names;
  }

  @Test
  void aHandlerClassListedByTwoBindings_isBoundOnce_byTheFirst() {
    FunctionBinding first =
        new FunctionBinding(Alerts.class).on("Alerts.first(JobEvent)", JobEvent.class, e -> {});
    FunctionBinding second =
        new FunctionBinding(Alerts.class).on("Alerts.second(JobEvent)", JobEvent.class, e -> {});

    assertThat(names(JobEventDispatcher.builder().addBinding(first, second).synchronous().build()))
        .containsExactly("Alerts.first(JobEvent)");
  }

  @Test
  void theSameBindingAddedTwice_isBoundOnce() {
    FunctionBinding binding =
        new FunctionBinding(Alerts.class).on("Alerts.on(JobEvent)", JobEvent.class, e -> {});

    assertThat(
            names(JobEventDispatcher.builder().addBinding(binding, binding).synchronous().build()))
        .containsExactly("Alerts.on(JobEvent)");
  }

  /** What a generated binding does when one of its handler classes was deleted. */
  static final class StaleBinding implements HandlerBinding {
    @Override
    public List<HandlerMethod> methods() {
      throw new NoClassDefFoundError("com/acme/Alerts");
    }

    @Override
    public Object newInstance(int method) {
      return null;
    }

    @Override
    public CompletionStage<?> invoke(Object handler, int method, JobEvent event) {
      return null;
    }
  }

  @Test
  void aBindingWhoseHandlerClassIsGone_failsTheBuild_namingTheFix() {
    assertThatThrownBy(() -> JobEventDispatcher.builder().addBinding(new StaleBinding()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("The handler binding " + StaleBinding.class.getName())
        .hasMessageContaining("java.lang.NoClassDefFoundError: com/acme/Alerts")
        .hasMessageContaining("a handler class was deleted or renamed")
        .hasMessageContaining("Rebuild the module that declares the handlers from clean")
        .hasCauseInstanceOf(NoClassDefFoundError.class);
  }

  @Test
  void aRegisteredBindingThatCannotBeLoaded_isBlamedOnAStaleBuild_whenNoShrinkerRan() {
    assertThat(Discovery.shrunk()).as("the runtime's classes are as built").isFalse();

    String message =
        Discovery.bindingNotLoadable(
            new ServiceConfigurationError(
                "dev.zapjobs.events.runtime.spi.HandlerBinding: Provider"
                    + " com.acme.ZapJobs_HandlerBinding not found"));

    assertThat(message)
        .contains("Provider com.acme.ZapJobs_HandlerBinding not found")
        .contains("rebuild the module that declares the handlers from clean")
        .doesNotContain("shrinker");
  }

  @Test
  void withoutAnyRegisteredBinding_theWarningNamesTheProcessorAndWhereItGoes() {
    // The runtime's test class path holds no META-INF/services file for HandlerBinding.
    assertThat(Discovery.listedBindings(getClass().getClassLoader())).isEmpty();
    assertThat(Discovery.noHandlersFound(getClass().getClassLoader()))
        .isEqualTo(Discovery.PROCESSOR_PATH)
        .contains("dev.zapjobs:zapjobs-events-processor")
        .contains("<annotationProcessorPaths>")
        .contains("<version>")
        .contains("annotationProcessor(")
        .contains("-processorpath");
  }
}
