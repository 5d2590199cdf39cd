package dev.zapjobs.events.runtime;

/**
 * Supplies handler instances, typically from a dependency-injection container:
 *
 * <pre>{@code
 * JobEventDispatcher.builder().handlerResolver(injector::getInstance)            // Guice
 * JobEventDispatcher.builder().handlerResolver(applicationContext::getBean)      // Spring
 * }</pre>
 *
 * <p>It is asked once per handler class that has instance methods, while the dispatcher is built.
 * Returning {@code null} falls back to the class's accessible no-arg constructor; if there is none,
 * building the dispatcher fails with a message naming the class.
 */
@FunctionalInterface
public interface HandlerResolver {

  /**
   * Returns the instance that receives events for {@code handlerClass}, or {@code null} to fall
   * back to its no-arg constructor.
   *
   * @param handlerClass a class with {@code @OnJobEvent} instance methods
   * @return an instance of {@code handlerClass}, or {@code null}
   * @throws Exception any failure; building the dispatcher then fails naming the class
   */
  Object resolve(Class<?> handlerClass) throws Exception;
}
