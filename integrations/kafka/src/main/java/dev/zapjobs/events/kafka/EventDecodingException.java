package dev.zapjobs.events.kafka;

/**
 * A record's value could not be read as a job event: it is not JSON, misses a required member,
 * carries a member of the wrong type, was written by a newer major version of the format, or
 * describes an event that the event records reject (a {@code JobFailed} that will retry but has no
 * {@code nextAttemptAt}, for example). The message names the member and the problem.
 */
public final class EventDecodingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  EventDecodingException(String message) {
    super(message);
  }

  EventDecodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
