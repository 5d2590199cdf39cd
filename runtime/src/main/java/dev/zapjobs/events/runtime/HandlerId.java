package dev.zapjobs.events.runtime;

import dev.zapjobs.events.JobEvent;
import java.util.Objects;

/**
 * Identifies one handler method: its class, its name and the event type it takes. Stable across
 * runs of the same build, so it can be used as a map key, a metric tag or a log field, and to look
 * up statistics without matching strings:
 *
 * <pre>{@code
 * HandlerStats s = dispatcher.stats().handler(HandlerId.of(Alerts.class, "onFailed", JobFailed.class));
 * }</pre>
 *
 * <p>Two handler methods of one class never share an id (Java forbids two methods with one name and
 * one parameter type), and two classes with the same simple name have different ids.
 */
public final class HandlerId {
  private final Class<?> handlerClass;
  private final String method;
  private final Class<? extends JobEvent> eventType;
  private final String displayName;

  private HandlerId(Class<?> handlerClass, String method, Class<? extends JobEvent> eventType) {
    this.handlerClass = Objects.requireNonNull(handlerClass, "handlerClass");
    this.method = Objects.requireNonNull(method, "method");
    this.eventType = Objects.requireNonNull(eventType, "eventType");
    if (method.isEmpty()) {
      throw new IllegalArgumentException("method must not be empty");
    }
    this.displayName =
        simpleName(handlerClass) + "." + method + "(" + eventType.getSimpleName() + ")";
  }

  /**
   * The id of the handler method {@code method(eventType)} of {@code handlerClass}.
   *
   * @param handlerClass the class that declares the {@code @OnJobEvent} method
   * @param method the method's name
   * @param eventType its parameter type: {@code JobEvent.class} or one of the five event records
   */
  public static HandlerId of(
      Class<?> handlerClass, String method, Class<? extends JobEvent> eventType) {
    return new HandlerId(handlerClass, method, eventType);
  }

  /** The class that declares the handler method. */
  public Class<?> handlerClass() {
    return handlerClass;
  }

  /** The handler method's name. */
  public String method() {
    return method;
  }

  /** The event type the method takes: {@code JobEvent} (every event) or one event record. */
  public Class<? extends JobEvent> eventType() {
    return eventType;
  }

  /**
   * A short name for people: {@code Alerts.onFailed(JobFailed)}, with the enclosing classes of a
   * nested class ({@code Outer.Inner.on(JobEvent)}). Not unique across packages; use the id itself
   * (or {@link #toString()}) where uniqueness matters.
   */
  public String displayName() {
    return displayName;
  }

  /**
   * The stable, unique text form, {@code com.acme.Alerts.onFailed(JobFailed)}: the class's binary
   * name with {@code $} replaced by {@code .}, the method and the event type's simple name.
   */
  @Override
  public String toString() {
    return handlerClass.getName().replace('$', '.')
        + "."
        + method
        + "("
        + eventType.getSimpleName()
        + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HandlerId other
        && handlerClass == other.handlerClass
        && method.equals(other.method)
        && eventType == other.eventType;
  }

  @Override
  public int hashCode() {
    return (handlerClass.hashCode() * 31 + method.hashCode()) * 31 + eventType.hashCode();
  }

  private static String simpleName(Class<?> type) {
    String binary = type.getName();
    int dot = binary.lastIndexOf('.');
    return binary.substring(dot + 1).replace('$', '.');
  }
}
