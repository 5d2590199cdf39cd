package dev.zapjobs.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that receives job lifecycle events.
 *
 * <p>The method takes exactly one parameter, whose type selects the events it receives: {@link
 * JobEvent} for every event, or one of {@link JobEnqueued}, {@link JobStarted}, {@link
 * JobCompleted}, {@link JobFailed}, {@link JobRetrying}. It returns {@code void}, or a {@link
 * java.util.concurrent.CompletionStage} (any subtype, such as {@code CompletableFuture}) for an
 * asynchronous handler. It may be static or an instance method; public, protected or
 * package-private, but not private or abstract; without type parameters and not varargs; and may
 * declare checked exceptions. It must be declared in a class, record or enum (not an interface)
 * that is top-level or static nested (not inner, local or anonymous), and neither that class nor
 * any class around it may be private.
 *
 * <pre>{@code
 * final class Alerts {
 *   @OnJobEvent
 *   void onFailed(JobFailed e) {
 *     if (e.deadLettered()) pager.page(e.jobTypeId() + " failed for good: " + e.error().message());
 *   }
 * }
 * }</pre>
 *
 * <p>Two optional filters narrow what a method receives, at no cost to the job: the dispatcher
 * never even queues an event that a method filters out, and does not count it against that method.
 * Both compare exactly (case-sensitive); an empty list, the default, accepts everything; when both
 * are given, an event must match both.
 *
 * <pre>{@code
 * @OnJobEvent(jobTypes = {"send-invoice", "charge-card"}, queues = "billing")
 * void onBillingFailure(JobFailed e) { ... }
 * }</pre>
 *
 * <p>The ZapJobs Events annotation processor checks every annotated method at compile time and
 * generates, per package, one reflection-free class ({@code ZapJobs_HandlerBinding}) that calls the
 * package's handler methods directly, registered for {@link java.util.ServiceLoader}. Misuse,
 * including an empty, blank or repeated filter value, is a compile error on the method.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface OnJobEvent {
  /**
   * Only events whose {@link JobEvent#jobTypeId()} is one of these; empty (the default) for every
   * job type. Values must be distinct, non-empty and without leading or trailing whitespace.
   */
  String[] jobTypes() default {};

  /**
   * Only events whose {@link JobEvent#queue()} is one of these; empty (the default) for every
   * queue. Values must be distinct, non-empty and without leading or trailing whitespace.
   */
  String[] queues() default {};
}
