package dev.zapjobs.events.processor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;

/**
 * Every text the processor prints, each with a short stable id in brackets that users can search
 * for. Errors are worded as a rule followed by the fix. {@code docs/COMPILER-ERRORS.md} lists them
 * with examples; tests import this catalogue rather than copying texts.
 */
enum Message {
  PRIVATE_METHOD(
      "ZJE-PRIVATE",
      "@OnJobEvent methods must not be private; make the method package-private or public"),
  ABSTRACT_METHOD(
      "ZJE-ABSTRACT",
      "@OnJobEvent methods must not be abstract; annotate the implementing method in a concrete"
          + " class instead"),
  INTERFACE_METHOD(
      "ZJE-INTERFACE",
      "@OnJobEvent methods must be declared in a class, not in %s %s; move the method to a class"),
  TYPE_PARAMETERS(
      "ZJE-TYPE-PARAMETERS",
      "@OnJobEvent methods must not have type parameters; remove %s from the method"),
  VARARGS(
      "ZJE-VARARGS",
      "@OnJobEvent methods must not be varargs; take one event, e.g. (JobEvent event) or (JobFailed"
          + " event)"),
  PARAMETER_COUNT(
      "ZJE-PARAMETER-COUNT",
      "@OnJobEvent methods must take exactly one parameter, the event, but %s takes %d; accepted"
          + " types: "
          + Message.ACCEPTED),
  PARAMETER_TYPE(
      "ZJE-PARAMETER-TYPE",
      "@OnJobEvent methods must take JobEvent (every event) or one of the five event records, not"
          + " %s; accepted types: "
          + Message.ACCEPTED),
  RETURN_TYPE(
      "ZJE-RETURN-TYPE",
      "@OnJobEvent methods must return void, or a CompletionStage (such as CompletableFuture) for an"
          + " asynchronous handler, not %s"),
  PRIVATE_CLASS(
      "ZJE-PRIVATE-CLASS",
      "@OnJobEvent methods must not be in a private class; make %s package-private or public"),
  INNER_CLASS(
      "ZJE-INNER-CLASS",
      "@OnJobEvent methods must not be in an inner (non-static) class; make %s static"),
  LOCAL_CLASS(
      "ZJE-LOCAL-CLASS",
      "@OnJobEvent methods must not be in a local or anonymous class; move the method to a"
          + " top-level or static nested class"),
  FILTER_EMPTY(
      "ZJE-FILTER-EMPTY",
      "@OnJobEvent(%s = ...) must not contain an empty or blank string, which no event has; remove"
          + " it, or write the %s you mean"),
  FILTER_WHITESPACE(
      "ZJE-FILTER-WHITESPACE",
      "@OnJobEvent(%s = ...) value \"%s\" starts or ends with whitespace, so it would never match;"
          + " write \"%s\""),
  FILTER_DUPLICATE(
      "ZJE-FILTER-DUPLICATE",
      "@OnJobEvent(%s = ...) lists \"%s\" more than once; remove the repetition"),
  PROVIDES(
      "ZJE-PROVIDES",
      "module %s provides "
          + KnownTypes.HANDLER_BINDING
          + " but not %s, the binding of the @OnJobEvent methods in package %s: ServiceLoader would"
          + " never call them; list every binding: provides "
          + KnownTypes.HANDLER_BINDING
          + " with %s;"),
  LATE_HANDLER(
      "ZJE-LATE-HANDLER",
      "%s was generated in a later round than the other handler classes of package %s, whose"
          + " binding is already written; generate handler classes into a package of their own"),
  HANDLER_CLASS("ZJE-HANDLERS", "%s: %d @OnJobEvent method(s), bound by %s: %s"),
  INTERNAL("ZJE-INTERNAL", "ZapJobs Events processor failed: %s");

  /** The types a handler method may take, as the messages name them. */
  static final String ACCEPTED =
      "JobEvent, JobEnqueued, JobStarted, JobCompleted, JobFailed, JobRetrying";

  private final String id;
  private final String template;

  Message(String id, String template) {
    this.id = id;
    this.template = template;
  }

  /** The id in brackets, e.g. {@code [ZJE-PRIVATE]}. */
  String id() {
    return "[" + id + "]";
  }

  /** The full text, id first, with {@code args} filled in. */
  String format(Object... args) {
    return id() + " " + String.format(Locale.ROOT, template, args);
  }

  /** {@link #INTERNAL} with the stack trace of {@code failure}. */
  static String internal(Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return INTERNAL.format(trace);
  }
}
