package dev.zapjobs.events.runtime.testing;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A hand-written {@link HandlerBinding} for runtime tests (the processor is not on the runtime's
 * test path): each "method" is a function of the event. Static, so no instance is needed.
 */
public final class FunctionBinding implements HandlerBinding {

  /** A handler method body; may throw anything. */
  @FunctionalInterface
  public interface Body {
    CompletionStage<?> apply(JobEvent e) throws Throwable;
  }

  private record Method(String name, Class<? extends JobEvent> type, Body body) {}

  private final Class<?> handlerClass;
  private final List<Method> methods = new ArrayList<>();

  /** A binding that reports {@code handlerClass} as its class (any class; it is only a key). */
  public FunctionBinding(Class<?> handlerClass) {
    this.handlerClass = handlerClass;
  }

  /** Adds a synchronous method. */
  public FunctionBinding on(String name, Class<? extends JobEvent> type, Sync body) {
    methods.add(
        new Method(
            name,
            type,
            e -> {
              body.accept(e);
              return null;
            }));
    return this;
  }

  /** Adds an asynchronous (or general) method. */
  public FunctionBinding onAsync(String name, Class<? extends JobEvent> type, Body body) {
    methods.add(new Method(name, type, body));
    return this;
  }

  /** A synchronous body. */
  @FunctionalInterface
  public interface Sync {
    void accept(JobEvent e) throws Throwable;
  }

  @Override
  public Class<?> handlerClass() {
    return handlerClass;
  }

  @Override
  public boolean needsInstance() {
    return false;
  }

  @Override
  public Object newInstance() {
    return null;
  }

  @Override
  public int methodCount() {
    return methods.size();
  }

  @Override
  public String methodName(int method) {
    return methods.get(method).name();
  }

  @Override
  public Class<? extends JobEvent> eventType(int method) {
    return methods.get(method).type();
  }

  @Override
  public CompletionStage<?> invoke(Object handler, int method, JobEvent event) throws Throwable {
    return methods.get(method).body().apply(event);
  }
}
