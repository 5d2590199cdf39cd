package dev.zapjobs.events.spring.boot;

import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.spring.boot.ZapJobsEventsProperties.HandlerFallback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Ahead-of-time (native image) hints for what the starter does by reflection: creating a handler
 * class that is not a bean through the bean factory ({@code
 * zapjobs.events.handlers.fallback=create}, the default) needs its constructors, methods and
 * fields. Everything else needs nothing: the generated bindings are {@code META-INF/services}
 * providers, which native-image registers by itself, and call the handlers directly; beans,
 * properties and the endpoint get their hints from Spring's own AOT processing.
 */
final class ZapJobsEventsAotProcessor implements BeanFactoryInitializationAotProcessor {

  @Override
  public BeanFactoryInitializationAotContribution processAheadOfTime(
      ConfigurableListableBeanFactory beanFactory) {
    if (!beanFactory.containsBeanDefinition(ZapJobsEventsAutoConfiguration.LIFECYCLE_BEAN_NAME)) {
      return null; // the starter is off, or the application has its own dispatcher
    }
    List<Class<?>> created = nonBeanHandlerClasses(beanFactory);
    return created.isEmpty()
        ? null
        : (context, code) -> registerHints(context.getRuntimeHints(), created);
  }

  static void registerHints(RuntimeHints hints, List<Class<?>> handlerClasses) {
    for (Class<?> type : handlerClasses) {
      hints
          .reflection()
          .registerType(
              type,
              MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
              MemberCategory.INVOKE_DECLARED_METHODS,
              MemberCategory.DECLARED_FIELDS);
    }
  }

  /** The handler classes the starter would create through the bean factory. */
  static List<Class<?>> nonBeanHandlerClasses(ConfigurableListableBeanFactory beanFactory) {
    Environment environment = beanFactory.getBean(Environment.class);
    ZapJobsEventsProperties properties =
        Binder.get(environment)
            .bind("zapjobs.events", ZapJobsEventsProperties.class)
            .orElseGet(ZapJobsEventsProperties::new);
    if (properties.getHandlers().getFallback() != HandlerFallback.CREATE) {
      return List.of();
    }
    HandlerClassPatterns patterns =
        new HandlerClassPatterns(
            properties.getHandlers().getInclude(), properties.getHandlers().getExclude());
    List<Class<?>> created = new ArrayList<>();
    ClassLoader loader = beanFactory.getBeanClassLoader();
    // The public builder is the one discovery mechanism: its filter sees every handler class, and
    // refusing them all binds nothing.
    JobEventDispatcher.builder()
        .discoverHandlers(
            loader != null ? loader : ZapJobsEventsAotProcessor.class.getClassLoader())
        .synchronous()
        .intakeCapacity(2)
        .handlerFilter(
            type -> {
              if (patterns.accepts(type)
                  && beanFactory.getBeanNamesForType(type, true, false).length == 0) {
                created.add(type);
              }
              return false;
            })
        .build()
        .close(Duration.ZERO);
    return created;
  }
}
