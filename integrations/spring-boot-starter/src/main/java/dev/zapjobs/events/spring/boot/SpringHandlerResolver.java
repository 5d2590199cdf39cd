package dev.zapjobs.events.spring.boot;

import dev.zapjobs.events.runtime.HandlerResolver;
import dev.zapjobs.events.spring.boot.ZapJobsEventsProperties.HandlerFallback;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Handler instances from the application context: the handler class's bean if it has one (the bean
 * as the context holds it, so AOP proxies such as {@code @Transactional} apply), otherwise the
 * {@link HandlerFallback}. Instances it creates are destroyed by {@link #destroyCreated()} once the
 * dispatcher has closed.
 */
final class SpringHandlerResolver implements HandlerResolver {
  private static final Logger LOG = LoggerFactory.getLogger(SpringHandlerResolver.class);

  private final ConfigurableListableBeanFactory beanFactory;
  private final HandlerFallback fallback;
  private final String dispatcherBeanName;
  private final List<Object> created = new ArrayList<>();

  SpringHandlerResolver(
      ConfigurableListableBeanFactory beanFactory,
      HandlerFallback fallback,
      String dispatcherBeanName) {
    this.beanFactory = beanFactory;
    this.fallback = fallback;
    this.dispatcherBeanName = dispatcherBeanName;
  }

  /** The names of the beans whose type is {@code type} or a subclass of it. */
  static String[] beanNames(ConfigurableListableBeanFactory beanFactory, Class<?> type) {
    return beanFactory.getBeanNamesForType(type, true, true);
  }

  @Override
  public Object resolve(Class<?> type) {
    String[] names = beanNames(beanFactory, type);
    if (names.length == 0) {
      return fallback(type);
    }
    Object bean;
    if (names.length == 1) {
      bean = beanFactory.getBean(names[0]);
    } else {
      bean = beanFactory.getBeanProvider(type).getIfUnique();
      if (bean == null) {
        throw new IllegalStateException(
            "Handler class "
                + type.getName()
                + " has "
                + names.length
                + " beans "
                + Arrays.toString(names)
                + ", and the dispatcher calls one instance per handler class. Mark one @Primary,"
                + " or leave the class out with zapjobs.events.handlers.exclude.");
      }
    }
    if (!type.isInstance(bean)) {
      throw new IllegalStateException(
          "The bean of handler class "
              + type.getName()
              + " is a "
              + bean.getClass().getName()
              + (Proxy.isProxyClass(bean.getClass())
                  ? ", a JDK dynamic proxy: the generated code calls the handler class itself, so"
                      + " its beans must be class-based (CGLIB) proxies. Remove"
                      + " spring.aop.proxy-target-class=false (Spring Boot proxies classes by"
                      + " default) or set proxyTargetClass = true where the proxy is made."
                  : ", not an instance of it."));
    }
    // the dispatcher's bean is destroyed before the handler beans it calls
    for (String name : names) {
      beanFactory.registerDependentBean(name, dispatcherBeanName);
    }
    return bean;
  }

  private Object fallback(Class<?> type) {
    switch (fallback) {
      case CREATE:
        Object instance = beanFactory.createBean(type);
        synchronized (created) {
          created.add(instance);
        }
        LOG.info(
            "Handler class {} is not a bean: created an instance through the bean factory"
                + " (zapjobs.events.handlers.fallback=create)",
            type.getName());
        return instance;
      case CONSTRUCTOR:
        return null; // the runtime uses the class's no-arg constructor, through generated code
      case FAIL:
        throw new IllegalStateException(
            "Handler class "
                + type.getName()
                + " is not a bean in the application context"
                + " (zapjobs.events.handlers.fallback=fail). Make it a bean (@Component), leave"
                + " it out with zapjobs.events.handlers.exclude, or set"
                + " zapjobs.events.handlers.fallback to create, constructor or skip.");
      case SKIP:
      default:
        // skipped classes are filtered out before any instance is asked for
        throw new IllegalStateException("Handler class " + type.getName() + " was not skipped");
    }
  }

  /** Destroys the instances made by {@link HandlerFallback#CREATE} (their @PreDestroy runs). */
  void destroyCreated() {
    List<Object> toDestroy;
    synchronized (created) {
      toDestroy = new ArrayList<>(created);
      created.clear();
    }
    for (Object instance : toDestroy) {
      try {
        beanFactory.destroyBean(instance);
      } catch (RuntimeException e) {
        LOG.warn("Could not destroy handler instance of {}", instance.getClass().getName(), e);
      }
    }
  }
}
