package dev.zapjobs.events;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * An error as data, so that it can be logged, stored or sent without the original exception.
 *
 * @param type the exception's class name, for example {@code java.io.IOException}; not blank
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
}
