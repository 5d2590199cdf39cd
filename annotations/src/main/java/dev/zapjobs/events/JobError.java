package dev.zapjobs.events;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * An error as data, so that it can be logged, stored or sent without the original exception.
 *
 * @param type the exception's class name, for example {@code java.io.IOException}, or another short
 *     name for what went wrong (such as {@code "Vetoed"}); not blank
 * @param message the exception's message, or {@code null}
 * @param stackTrace the printed stack trace, or {@code null} if not known
 * @param throwable the original exception when the job ran in this process, else {@code null}
 */
public record JobError(String type, String message, String stackTrace, Throwable throwable) {

  /** Validates the components. */
  public JobError {
    Checks.notBlank(type, "type");
  }

  /** Captures a throwable: its class name, message, printed stack trace, and the throwable. */
  public static JobError of(Throwable throwable) {
    Objects.requireNonNull(throwable, "throwable");
    StringWriter trace = new StringWriter();
    throwable.printStackTrace(new PrintWriter(trace));
    return new JobError(
        throwable.getClass().getName(), throwable.getMessage(), trace.toString(), throwable);
  }

  /**
   * An error known only by its type and message, with no stack trace and no throwable: for errors
   * read from a job store or another process, or for runs that ended without running.
   */
  public static JobError of(String type, String message) {
    return new JobError(type, message, null, null);
  }

  /** {@code type: message}, without the stack trace. */
  @Override
  public String toString() {
    return message == null ? type : type + ": " + Checks.abbreviate(message, 200);
  }
}
