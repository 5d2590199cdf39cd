package dev.zapjobs.events.runtime.spi;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code @OnJobEvent} method, as a {@link HandlerBinding} describes it: the class that declares
 * it (and its name as written, which stays readable when a shrinker renames the class), its name,
 * the event type it takes, whether it is static or asynchronous, and the job types and queues it is
 * limited to. Immutable; the {@code with…} methods and {@link #async()} return copies, so that a
 * generated table reads as one expression per method:
 *
 * <pre>{@code
 * HandlerMethod.instanceMethod(Alerts.class, "Alerts", "onFailed", JobFailed.class)
 *     .withQueues("billing")
 * }</pre>
 */
public final class HandlerMethod {
  private final Class<?> handlerClass;
  private final String className;
  private final String name;
  private final Class<? extends JobEvent> eventType;
  private final boolean isStatic;
  private final boolean async;
  private final Set<String> jobTypes;
  private final Set<String> queues;

  private HandlerMethod(
      Class<?> handlerClass,
      String className,
      String name,
      Class<? extends JobEvent> eventType,
      boolean isStatic,
      boolean async,
      Set<String> jobTypes,
      Set<String> queues) {
    this.handlerClass = Objects.requireNonNull(handlerClass, "handlerClass");
    this.className = Objects.requireNonNull(className, "className");
    this.name = Objects.requireNonNull(name, "name");
    this.eventType = Objects.requireNonNull(eventType, "eventType");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name must not be empty");
    }
    this.isStatic = isStatic;
    this.async = async;
    this.jobTypes = jobTypes;
    this.queues = queues;
  }

  /**
   * An instance method {@code handlerClass.name(eventType)} returning {@code void}.
   *
   * @param handlerClass the class that declares it
   * @param className the class's name within its package, as written ({@code "Outer.Inner"})
   * @param name the method's name
   * @param eventType its parameter type
   */
  public static HandlerMethod instanceMethod(
      Class<?> handlerClass, String className, String name, Class<? extends JobEvent> eventType) {
    return new HandlerMethod(
        handlerClass, className, name, eventType, false, false, Set.of(), Set.of());
  }

  /** A static method; the parameters are those of {@link #instanceMethod}. */
  public static HandlerMethod staticMethod(
      Class<?> handlerClass, String className, String name, Class<? extends JobEvent> eventType) {
    return new HandlerMethod(
        handlerClass, className, name, eventType, true, false, Set.of(), Set.of());
  }

  /** This method, returning a {@code CompletionStage} that the dispatcher waits for. */
  public HandlerMethod async() {
    return new HandlerMethod(
        handlerClass, className, name, eventType, isStatic, true, jobTypes, queues);
  }

  /**
   * This method, limited to events of these job types.
   *
   * @throws IllegalArgumentException if a value is empty or repeated
   */
  public HandlerMethod withJobTypes(String... jobTypes) {
    return new HandlerMethod(
        handlerClass,
        className,
        name,
        eventType,
        isStatic,
        async,
        filter("jobTypes", jobTypes),
        queues);
  }

  /**
   * This method, limited to events on these queues.
   *
   * @throws IllegalArgumentException if a value is empty or repeated
   */
  public HandlerMethod withQueues(String... queues) {
    return new HandlerMethod(
        handlerClass,
        className,
        name,
        eventType,
        isStatic,
        async,
        jobTypes,
        filter("queues", queues));
  }

  private static Set<String> filter(String what, String... values) {
    Set<String> set = new LinkedHashSet<>();
    for (String value : Objects.requireNonNull(values, what)) {
      if (Objects.requireNonNull(value, what).isEmpty()) {
        throw new IllegalArgumentException(what + " must not contain an empty string");
      }
      if (!set.add(value)) {
        throw new IllegalArgumentException(what + " lists \"" + value + "\" twice");
      }
    }
    return Collections.unmodifiableSet(set);
  }

  /** The class that declares the method; the key under which a {@code HandlerResolver} is asked. */
  public Class<?> handlerClass() {
    return handlerClass;
  }

  /** The class's name within its package, as written in the source ({@code "Outer.Inner"}). */
  public String className() {
    return className;
  }

  /** The method's name, as declared. */
  public String name() {
    return name;
  }

  /** The event type it takes: {@code JobEvent} (every event) or one of the five event records. */
  public Class<? extends JobEvent> eventType() {
    return eventType;
  }

  /** Whether it is static, so that it needs no instance. */
  public boolean isStatic() {
    return isStatic;
  }

  /** Whether it returns a {@code CompletionStage}. */
  public boolean isAsync() {
    return async;
  }

  /** The job types it is limited to, in declaration order; empty for every job type. */
  public Set<String> jobTypes() {
    return jobTypes;
  }

  /** The queues it is limited to, in declaration order; empty for every queue. */
  public Set<String> queues() {
    return queues;
  }

  /**
   * {@code Alerts.onFailed(JobFailed)}: the class's name within its package, the method and the
   * event type's simple name, all as written in the source (none is taken from a {@code Class}, so
   * the name stays readable after a shrinker renamed the classes).
   */
  @Override
  public String toString() {
    // A StringBuilder, not string concatenation: the dispatcher names every handler at start-up,
    // and each concatenation site costs a method-handle bootstrap on first use.
    return new StringBuilder(className.length() + name.length() + 16)
        .append(className)
        .append('.')
        .append(name)
        .append('(')
        .append(eventName(eventType))
        .append(')')
        .toString();
  }

  /** {@code "JobFailed"} for {@code JobFailed.class}: string constants, which shrinkers leave. */
  private static String eventName(Class<? extends JobEvent> type) {
    if (type == JobEvent.class) {
      return "JobEvent";
    } else if (type == JobEnqueued.class) {
      return "JobEnqueued";
    } else if (type == JobStarted.class) {
      return "JobStarted";
    } else if (type == JobCompleted.class) {
      return "JobCompleted";
    } else if (type == JobFailed.class) {
      return "JobFailed";
    } else if (type == JobRetrying.class) {
      return "JobRetrying";
    }
    return type.getSimpleName();
  }
}
