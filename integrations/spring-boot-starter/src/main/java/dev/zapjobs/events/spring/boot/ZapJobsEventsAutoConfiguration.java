package dev.zapjobs.events.spring.boot;

import dev.zapjobs.events.runtime.HandlerCallInterceptor;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.runtime.JobEventObserver;
import dev.zapjobs.events.spring.boot.ZapJobsEventsProperties.Executor;
import dev.zapjobs.events.spring.boot.ZapJobsEventsProperties.HandlerFallback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.support.ExecutorServiceAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.ClassUtils;

/**
 * Auto-configures a {@link JobEventDispatcher} — which is also the application's {@code
 * JobEventPublisher} — from the {@code zapjobs.events.*} properties, with handler instances from
 * the application context, and closes it during graceful shutdown ({@link ZapJobsEventsLifecycle}).
 *
 * <p>Backs off entirely when the application defines its own {@code JobEventDispatcher} bean. A
 * {@code JobEventPublisher} bean of the application's own (a decorator, a recorder in tests) takes
 * precedence over the dispatcher wherever a {@code JobEventPublisher} is injected: the dispatcher's
 * bean is a {@link HandlerFallback} candidate.
 */
@AutoConfiguration
@ConditionalOnClass(JobEventDispatcher.class)
@ConditionalOnProperty(
    prefix = "zapjobs.events",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(ZapJobsEventsProperties.class)
public class ZapJobsEventsAutoConfiguration {

  /** The name of the dispatcher's bean. */
  public static final String DISPATCHER_BEAN_NAME = "zapJobsEventsDispatcher";

  /** The name of the bean that owns the dispatcher and closes it on shutdown. */
  public static final String LIFECYCLE_BEAN_NAME = "zapJobsEventsLifecycle";

  /** The bean name of Spring Boot's application task executor. */
  static final String APPLICATION_TASK_EXECUTOR = "applicationTaskExecutor";

  private static final Logger LOG = LoggerFactory.getLogger(ZapJobsEventsAutoConfiguration.class);

  /** The dispatcher and its lifecycle, unless the application has its own dispatcher. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(JobEventDispatcher.class)
  static class DispatcherConfiguration {

    @Bean(name = LIFECYCLE_BEAN_NAME)
    ZapJobsEventsLifecycle zapJobsEventsLifecycle(
        ZapJobsEventsProperties properties,
        ConfigurableListableBeanFactory beanFactory,
        Environment environment,
        ObjectProvider<JobEventObserver> observers,
        ObjectProvider<HandlerCallInterceptor> interceptors,
        ObjectProvider<ZapJobsEventsBuilderCustomizer> customizers) {
      JobEventDispatcher.Builder builder = JobEventDispatcher.builder();
      observers.orderedStream().forEach(builder::observer);
      interceptors.orderedStream().forEach(builder::interceptor);
      return build(
          builder, properties, beanFactory, environment, customizers.orderedStream().toList());
    }

    @Bean(name = DISPATCHER_BEAN_NAME, destroyMethod = "")
    @Fallback
    JobEventDispatcher zapJobsEventsDispatcher(ZapJobsEventsLifecycle lifecycle) {
      return lifecycle.dispatcher();
    }
  }

  static ZapJobsEventsLifecycle build(
      JobEventDispatcher.Builder builder,
      ZapJobsEventsProperties properties,
      ConfigurableListableBeanFactory beanFactory,
      Environment environment,
      List<ZapJobsEventsBuilderCustomizer> customizers) {
    ClassLoader loader = beanFactory.getBeanClassLoader();
    if (loader == null) {
      loader = ClassUtils.getDefaultClassLoader();
    }
    HandlerFallback fallback = properties.getHandlers().getFallback();
    HandlerClassPatterns patterns =
        new HandlerClassPatterns(
            properties.getHandlers().getInclude(), properties.getHandlers().getExclude());
    SpringHandlerResolver resolver =
        new SpringHandlerResolver(beanFactory, fallback, LIFECYCLE_BEAN_NAME);
    StuckHandlers stuckHandlers = new StuckHandlers();
    Set<Class<?>> found = new LinkedHashSet<>();

    builder
        .discoverHandlers(loader)
        .handlerResolver(resolver)
        .handlerFilter(
            type -> {
              found.add(type);
              if (!patterns.accepts(type)) {
                LOG.info(
                    "Handler class {} is not bound: {}", type.getName(), patterns.reason(type));
                return false;
              }
              if (fallback == HandlerFallback.SKIP
                  && SpringHandlerResolver.beanNames(beanFactory, type).length == 0) {
                LOG.warn(
                    "Handler class {} is not bound: it is not a bean"
                        + " (zapjobs.events.handlers.fallback=skip)",
                    type.getName());
                return false;
              }
              return true;
            })
        .queueCapacity(properties.getQueueCapacity())
        .intakeCapacity(properties.getIntakeCapacity())
        .overflowPolicy(properties.getOverflowPolicy())
        .asyncTimeout(properties.getAsyncTimeout())
        .slowHandlerThreshold(properties.getSlowHandlerThreshold())
        .slowHandlerListener(stuckHandlers)
        .deliveryInterval(properties.getDeliveryInterval());
    Map<Class<?>, String> perClass = new LinkedHashMap<>();
    forEachClass(
        properties.getOverflowPolicies(),
        "overflow-policies",
        loader,
        perClass,
        builder::overflowPolicy);
    forEachClass(
        properties.getAsyncTimeouts(),
        "async-timeouts",
        loader,
        perClass,
        (type, value) -> builder.asyncTimeout(type, duration(value, "async-timeouts", type)));

    Executor mode = effectiveExecutor(properties, environment);
    List<Runnable> afterClose = new ArrayList<>();
    if (properties.isSynchronous()) {
      builder.synchronous();
    } else if (mode == Executor.POOL) {
      if (properties.getThreads() != null) {
        builder.threads(properties.getThreads());
      }
    } else {
      builder.executor(executor(mode, beanFactory, afterClose));
    }
    for (ZapJobsEventsBuilderCustomizer customizer : customizers) {
      customizer.customize(builder);
    }

    JobEventDispatcher dispatcher = builder.build();
    List<String> unknown = new ArrayList<>();
    perClass.forEach(
        (type, property) -> {
          if (!found.contains(type)) {
            unknown.add("zapjobs.events." + property + " names " + type.getName());
          }
        });
    if (!unknown.isEmpty()) {
      dispatcher.close(Duration.ZERO);
      afterClose.forEach(Runnable::run);
      throw new IllegalArgumentException(
          String.join("; ", unknown)
              + ", which is not a handler class (no generated binding found for it). Handler"
              + " classes found: "
              + found.stream().map(Class::getName).toList());
    }
    stuckHandlers.watch(dispatcher);

    int phase =
        properties.getShutdownPhase() != null
            ? properties.getShutdownPhase()
            : mode == Executor.APPLICATION && !properties.isSynchronous()
                ? ZapJobsEventsLifecycle.APPLICATION_EXECUTOR_PHASE
                : ZapJobsEventsLifecycle.DEFAULT_PHASE;
    ZapJobsEventsLifecycle lifecycle =
        new ZapJobsEventsLifecycle(dispatcher, stuckHandlers, properties.getCloseTimeout(), phase);
    afterClose.forEach(lifecycle::afterClose);
    lifecycle.afterClose(resolver::destroyCreated);
    LOG.debug(
        "ZapJobs Events dispatcher started: {} handler methods, executor {}",
        dispatcher.stats().handlers().size(),
        properties.isSynchronous() ? "synchronous" : mode);
    return lifecycle;
  }

  /** AUTO resolved: virtual threads when Spring Boot is asked for them and Java has them. */
  static Executor effectiveExecutor(ZapJobsEventsProperties properties, Environment environment) {
    Executor mode = properties.getExecutor();
    if (mode != Executor.AUTO) {
      return mode;
    }
    boolean virtual =
        environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false)
            && Runtime.version().feature() >= 21;
    return virtual ? Executor.VIRTUAL : Executor.POOL;
  }

  private static ExecutorService executor(
      Executor mode, ConfigurableListableBeanFactory beanFactory, List<Runnable> afterClose) {
    if (mode == Executor.VIRTUAL) {
      if (Runtime.version().feature() < 21) {
        throw new IllegalStateException(
            "zapjobs.events.executor=virtual needs Java 21 or newer (this is Java "
                + Runtime.version().feature()
                + "): run on Java 21+, or set zapjobs.events.executor=pool");
      }
      SimpleAsyncTaskExecutor virtual = new SimpleAsyncTaskExecutor("zapjobs-events-handler-");
      virtual.setVirtualThreads(true);
      afterClose.add(virtual::close);
      return new ExecutorServiceAdapter(virtual);
    }
    // APPLICATION
    if (!beanFactory.containsBean(APPLICATION_TASK_EXECUTOR)) {
      throw new IllegalStateException(
          "zapjobs.events.executor=application needs Spring Boot's '"
              + APPLICATION_TASK_EXECUTOR
              + "' bean, and there is none (an Executor bean of the application's own makes Boot"
              + " back off from it). Set zapjobs.events.executor=pool or virtual, or supply an"
              + " executor with a ZapJobsEventsBuilderCustomizer.");
    }
    Object bean = beanFactory.getBean(APPLICATION_TASK_EXECUTOR);
    if (bean instanceof ThreadPoolTaskExecutor pool) {
      return pool.getThreadPoolExecutor();
    }
    if (bean instanceof ExecutorService service) {
      return service;
    }
    if (bean instanceof TaskExecutor taskExecutor) {
      return new ExecutorServiceAdapter(taskExecutor);
    }
    throw new IllegalStateException(
        "Bean '"
            + APPLICATION_TASK_EXECUTOR
            + "' is a "
            + bean.getClass().getName()
            + ", not an executor; set zapjobs.events.executor=pool or virtual");
  }

  private static Duration duration(String value, String property, Class<?> type) {
    try {
      return DurationStyle.detectAndParse(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "zapjobs.events."
              + property
              + "."
              + type.getName()
              + "='"
              + value
              + "' is not a duration: write for example 500ms, 5s or PT5S",
          e);
    }
  }

  private static <V> void forEachClass(
      Map<String, V> values,
      String property,
      ClassLoader loader,
      Map<Class<?>, String> seen,
      BiConsumer<Class<?>, V> apply) {
    values.forEach(
        (name, value) -> {
          Class<?> type;
          try {
            type = ClassUtils.forName(name, loader);
          } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException(
                "zapjobs.events."
                    + property
                    + " names class '"
                    + name
                    + "', which cannot be loaded: give the handler class's full name, for"
                    + " example zapjobs.events."
                    + property
                    + ".com.acme.Audit",
                e);
          }
          if (value == null) {
            throw new IllegalArgumentException(
                "zapjobs.events." + property + "." + name + " has no value");
          }
          seen.put(type, property);
          apply.accept(type, value);
        });
  }
}
