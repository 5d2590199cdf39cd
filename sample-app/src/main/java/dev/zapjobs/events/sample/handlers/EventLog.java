package dev.zapjobs.events.sample.handlers;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.OnJobEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per event. A single method takes every event, so that the lines of one run come out
 * in the order the job emitted them: the dispatcher keeps publish order per handler method, and
 * separate methods (one per event type) would be separate subscribers with no order between them.
 * The method is package-private: the generated binding lives in this package and calls it directly.
 */
public final class EventLog {
  private static final Logger log = LoggerFactory.getLogger(EventLog.class);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  /** Creates the handler. */
  public EventLog() {}

  @OnJobEvent
  void on(JobEvent event) {
    if (log.isInfoEnabled()) {
      log.info("{}", line(event));
    }
  }

  /** The log line of {@code event}, without the logger's prefix. */
  static String line(JobEvent event) {
    if (event instanceof JobEnqueued e) {
      return String.format(
          "ENQUEUED  %s %s by %s%s",
          who(e),
          e.trigger(),
          e.triggeredBy() == null ? "-" : e.triggeredBy(),
          e.dueAt() == null ? "" : ", due " + time(e.dueAt()));
    } else if (event instanceof JobStarted e) {
      return String.format("STARTED   %s on %s", who(e), e.workerId());
    } else if (event instanceof JobCompleted e) {
      return String.format(
          "COMPLETED %s in %d ms, items %d ok / %d failed, output %s",
          who(e), e.duration().toMillis(), e.succeededItems(), e.failedItems(), e.output());
    } else if (event instanceof JobFailed e) {
      return String.format(
          "FAILED    %s after %d ms: %s: %s; %s",
          who(e),
          e.duration().toMillis(),
          e.error().type(),
          e.error().message(),
          e.willRetry()
              ? "retry at " + time(e.nextAttemptAt())
              : e.deadLettered() ? "DEAD-LETTERED" : "given up");
    } else if (event instanceof JobRetrying e) {
      return String.format(
          "RETRYING  %s as attempt %d of %s in %d ms",
          who(e),
          e.nextAttempt(),
          e.maxAttempts().isPresent() ? String.valueOf(e.maxAttempts().getAsInt()) : "?",
          e.delay().toMillis());
    }
    throw new IllegalArgumentException("unknown event type " + event.getClass().getName());
  }

  /**
   * {@code send-email#2 [3f2a9c1e] mail}: type, attempt, run id (a UUID shortened to its first 8
   * characters; other ids, such as Quartz's {@code trigger@time}, whole), queue.
   */
  private static String who(JobEvent e) {
    String id = e.runId();
    return e.jobTypeId()
        + "#"
        + e.attempt()
        + " ["
        + (id.length() == 36 ? id.substring(0, 8) : id)
        + "] "
        + e.queue();
  }

  private static String time(Instant instant) {
    return TIME.format(instant);
  }
}
