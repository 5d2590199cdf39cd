package dev.zapjobs.events.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.spring.boot.fixture.RecordingLog;
import dev.zapjobs.events.spring.boot.fixture.beans.BeanHandler;
import dev.zapjobs.events.spring.boot.fixture.shared.SharedHandler;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The AOT hints: constructors, methods and fields of the handler classes that are not beans. */
class ZapJobsEventsAotProcessorTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ZapJobsEventsAutoConfiguration.class))
          .withPropertyValues(
              "zapjobs.events.handlers.exclude=dev.zapjobs.events.spring.boot.fixture.special")
          .withBean(RecordingLog.class)
          .withBean(BeanHandler.class);

  @Test
  void nonBeanHandlerClasses_getReflectionHints_beansDoNot() {
    runner.run(
        ctx -> {
          ConfigurableListableBeanFactory bf = ctx.getBeanFactory();
          List<Class<?>> created = ZapJobsEventsAotProcessor.nonBeanHandlerClasses(bf);
          assertThat(created).containsExactly(SharedHandler.class);

          RuntimeHints hints = new RuntimeHints();
          ZapJobsEventsAotProcessor.registerHints(hints, created);
          assertThat(
                  RuntimeHintsPredicates.reflection()
                      .onType(SharedHandler.class)
                      .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
              .accepts(hints);
          assertThat(RuntimeHintsPredicates.reflection().onType(BeanHandler.class)).rejects(hints);
          assertThat(new ZapJobsEventsAotProcessor().processAheadOfTime(bf)).isNotNull();
        });
  }

  @Test
  void otherFallbacks_needNoHints() {
    runner
        .withPropertyValues("zapjobs.events.handlers.fallback=skip")
        .run(
            ctx ->
                assertThat(ZapJobsEventsAotProcessor.nonBeanHandlerClasses(ctx.getBeanFactory()))
                    .isEmpty());
  }
}
