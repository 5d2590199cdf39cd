package dev.zapjobs.events.runtime.testing;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import dev.zapjobs.events.runtime.spi.HandlerMethod;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A hand-written binding like the generated one for a class with one instance method {@code
 * on(JobEvent)}: {@link #newInstance(int)} is what the generated code does with the class's no-arg
 * constructor (null when it has none).
 *
 * @param <T> the handler class
 */
public final class InstanceBinding<T extends Consumer<JobEvent>> implements HandlerBinding {
  private final Class<T> type;
  private final Supplier<T> noArgConstructor;

  /** A binding whose {@code newInstance()} calls {@code noArgConstructor} (may return null). */
  public InstanceBinding(Class<T> type, Supplier<T> noArgConstructor) {
    this.type = type;
    this.noArgConstructor = noArgConstructor;
  }

  @Override
  public List<HandlerMethod> methods() {
    return List.of(HandlerMethod.instanceMethod(type, type.getSimpleName(), "on", JobEvent.class));
  }

  @Override
  public Object newInstance(int method) {
    return noArgConstructor.get();
  }

  @Override
  public CompletionStage<?> invoke(Object handler, int method, JobEvent event) {
    type.cast(handler).accept(event);
    return null;
  }
}
