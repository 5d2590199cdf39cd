package dev.zapjobs.events.runtime.testing;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import dev.zapjobs.events.runtime.spi.HandlerMethod;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * A hand-written {@link HandlerBinding} for runtime tests (the processor is not on the runtime's
 * test path): each "method" is a function of the event, named as the test chooses. Static, so no
 * instance is needed.
 */
public final class FunctionBinding implements HandlerBinding {

  /** A handler method body; may throw anything. */
  @FunctionalInterface
  public interface Body {
    CompletionStage<?> apply(JobEvent e) throws Throwable;
  }

  private final Class<?> handlerClass;
  private final List<HandlerMethod> methods = new ArrayList<>();
  private final List<Body> bodies = new ArrayList<>();
  private final Map<HandlerMethod, String> names = new IdentityHashMap<>();

  /** A binding that reports {@code handlerClass} as its class (any class; it is only a key). */
  public FunctionBinding(Class<?> handlerClass) {
    this.handlerClass = handlerClass;
  }

  /** Adds a synchronous method, named {@code name} in logs and statistics. */
  public FunctionBinding on(String name, Class<? extends JobEvent> type, Sync body) {
    return on(name, type, UnaryOperator.identity(), body);
  }

  /**
   * Adds a synchronous method whose descriptor {@code describe} refines, for example with {@code m
   * -> m.withJobTypes("billing")}.
   */
  public FunctionBinding on(
      String name,
      Class<? extends JobEvent> type,
      UnaryOperator<HandlerMethod> describe,
      Sync body) {
    return add(
        name,
        describe.apply(
            HandlerMethod.staticMethod(
                handlerClass, handlerClass.getSimpleName(), methodName(name), type)),
        e -> {
          body.accept(e);
          return null;
        });
  }

  /** Adds an asynchronous (or general) method. */
  public FunctionBinding onAsync(String name, Class<? extends JobEvent> type, Body body) {
    return add(
        name,
        HandlerMethod.staticMethod(
                handlerClass, handlerClass.getSimpleName(), methodName(name), type)
            .async(),
        body);
  }

  private FunctionBinding add(String name, HandlerMethod method, Body body) {
    methods.add(method);
    bodies.add(body);
    names.put(method, name);
    return this;
  }

  /** {@code "Audit.all(JobEvent)"} -> {@code "all"}; a name without those parts is kept. */
  private static String methodName(String name) {
    int paren = name.indexOf('(');
    String head = paren < 0 ? name : name.substring(0, paren);
    return head.substring(head.lastIndexOf('.') + 1);
  }

  /** A synchronous body. */
  @FunctionalInterface
  public interface Sync {
    void accept(JobEvent e) throws Throwable;
  }

  @Override
  public List<HandlerMethod> methods() {
    return List.copyOf(methods);
  }

  @Override
  public String displayName(HandlerMethod method) {
    return names.get(method);
  }

  @Override
  public Object newInstance(int method) {
    return null;
  }

  @Override
  public CompletionStage<?> invoke(Object handler, int method, JobEvent event) throws Throwable {
    return bodies.get(method).apply(event);
  }
}
