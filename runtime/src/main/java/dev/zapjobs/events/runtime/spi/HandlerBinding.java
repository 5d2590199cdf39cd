package dev.zapjobs.events.runtime.spi;

import dev.zapjobs.events.JobEvent;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The generated, reflection-free binding of the {@code @OnJobEvent} methods of one package: a table
 * that describes them, and direct calls to them.
 *
 * <p>The ZapJobs Events annotation processor writes one implementation per package and compile,
 * {@code ZapJobs_HandlerBinding} in the handlers' own package (so that package-private handlers
 * stay callable), and lists it in {@code
 * META-INF/services/dev.zapjobs.events.runtime.spi.HandlerBinding}. Application code does not
 * implement this interface; it may pass generated instances to {@code
 * JobEventDispatcher.Builder#addBinding} explicitly (for module-path or fully static setups).
 *
 * <p>Method {@code i} is the {@code i}-th entry of {@link #methods()}: {@link #newInstance(int)}
 * and {@link #invoke(Object, int, JobEvent)} take that number.
 */
public interface HandlerBinding {

  /**
   * The handler methods, in a fixed order (by handler class, then method name, then event type).
   * The dispatcher calls this once, when it is built.
   */
  List<HandlerMethod> methods();

  /**
   * How logs and statistics name {@code method}, one of {@link #methods()}. Generated bindings keep
   * the default, {@link HandlerMethod#toString()} ({@code Alerts.onFailed(JobFailed)}); a
   * hand-written binding may choose its own.
   */
  default String displayName(HandlerMethod method) {
    return method.toString();
  }

  /**
   * A new instance of the class that declares method {@code method}, made with its accessible
   * no-arg constructor (or its only enum constant), or {@code null} if it has none. Called only for
   * classes with instance methods, and only when no {@code HandlerResolver} supplied an instance.
   *
   * @throws Throwable whatever the constructor throws
   */
  Object newInstance(int method) throws Throwable;

  /**
   * Calls method {@code method} with {@code event}.
   *
   * @param handler the instance ({@code null} for a static method)
   * @param method the method's number
   * @param event an event of the method's {@link HandlerMethod#eventType()}
   * @return the stage the method returned for an asynchronous handler, or {@code null} for a {@code
   *     void} method
   * @throws Throwable whatever the method throws
   */
  CompletionStage<?> invoke(Object handler, int method, JobEvent event) throws Throwable;
}
