package dev.zapjobs.events.runtime.spi;

import dev.zapjobs.events.JobEvent;
import java.util.concurrent.CompletionStage;

/**
 * The generated, reflection-free binding of one handler class: it names the class's
 * {@code @OnJobEvent} methods and calls them directly.
 *
 * <p>The ZapJobs Events annotation processor writes one implementation per handler class, named
 * {@code <Outer>_<Inner>_JobEventHandlers}, in the handler's own package, and lists it in {@code
 * META-INF/services/dev.zapjobs.events.runtime.spi.HandlerBinding}. Application code does not
 * implement this interface; it may pass generated instances to {@code
 * JobEventDispatcher.Builder#addBinding} explicitly (for module-path or fully static setups).
 *
 * <p>Methods are numbered {@code 0 .. methodCount()-1} in a stable order (by method name, then
 * parameter type).
 */
public interface HandlerBinding {

  /** The handler class; the key under which a {@code HandlerResolver} is asked for an instance. */
  Class<?> handlerClass();

  /**
   * Whether any method is an instance method, so that the dispatcher needs an instance of {@link
   * #handlerClass()}. False when every method is static.
   */
  boolean needsInstance();

  /**
   * A new instance made with the class's accessible no-arg constructor, or {@code null} if it has
   * none (the class is abstract, or every no-arg constructor is private or missing). Called only
   * when {@link #needsInstance()} and no {@code HandlerResolver} supplied one.
   */
  Object newInstance();

  /** How many {@code @OnJobEvent} methods the class has (at least one). */
  int methodCount();

  /**
   * A readable, stable name of method {@code method}, as {@code SimpleClass.method(EventType)};
   * used in logs and statistics.
   */
  String methodName(int method);

  /**
   * The event type method {@code method} takes: {@code JobEvent.class} (every event) or one of the
   * five event records.
   */
  Class<? extends JobEvent> eventType(int method);

  /**
   * Calls method {@code method} with {@code event}.
   *
   * @param handler the instance ({@code null} for a static method)
   * @param method the method's number
   * @param event an event of the method's {@link #eventType(int)}
   * @return the stage the method returned for an asynchronous handler, or {@code null} for a {@code
   *     void} method
   * @throws Throwable whatever the method throws
   */
  CompletionStage<?> invoke(Object handler, int method, JobEvent event) throws Throwable;
}
