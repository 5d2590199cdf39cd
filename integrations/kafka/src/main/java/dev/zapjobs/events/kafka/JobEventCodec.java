package dev.zapjobs.events.kafka;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.kafka.internal.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Writes job events as JSON and reads them back, without reflection: every member is written and
 * read by code in this class, so it works with closed JPMS packages and after shrinking and
 * obfuscation.
 *
 * <pre>{@code
 * byte[] value = JobEventCodec.encode(event);   // UTF-8 JSON, one object
 * JobEvent back = JobEventCodec.decode(value);  // equal to event, except JobError.throwable (null)
 * }</pre>
 *
 * <p>The format is versioned by its {@code "v"} member ({@value #VERSION}). Within a version it
 * only grows: a reader ignores members it does not know, and fills defaults for optional members
 * that are missing, so an older reader reads what a newer writer adds. A record with a higher
 * {@code "v"} (an incompatible change) is refused with an {@link EventDecodingException}. Members
 * whose value is null are left out. Timestamps are ISO-8601 instants in UTC ({@code
 * "2026-03-01T12:00:00.123456789Z"}), durations ISO-8601 durations ({@code "PT0.25S"}), exact to
 * the nanosecond; the job's input and output are JSON text carried as strings. A {@link JobError}
 * travels as its type, message and stack trace; its {@code throwable} stays in the process that
 * caught it, and is null after decoding. The members, their defaults and an example are in {@code
 * docs/KAFKA.md}.
 */
public final class JobEventCodec {
  /** The format version this codec writes and the highest it reads. */
  public static final int VERSION = 1;

  private JobEventCodec() {}

  // ------------------------------------------------------------------------------------- writing

  /** The event as UTF-8 JSON. */
  public static byte[] encode(JobEvent event) {
    return toJson(event).getBytes(StandardCharsets.UTF_8);
  }

  /** The event as JSON text. */
  public static String toJson(JobEvent event) {
    Json.Writer w = new Json.Writer().number("v", VERSION).string("event", eventName(event));
    JobRun run = event.run();
    w.object("run")
        .string("runId", run.runId())
        .string("jobTypeId", run.jobTypeId())
        .string("queue", run.queue())
        .number("attempt", run.attempt())
        .string("input", run.input())
        .end();
    w.string("timestamp", event.timestamp().toString());
    if (event instanceof JobEnqueued e) {
      w.string("dueAt", instant(e.dueAt()))
          .string("trigger", e.trigger().name())
          .string("triggeredBy", e.triggeredBy());
    } else if (event instanceof JobStarted e) {
      w.string("workerId", e.workerId());
    } else if (event instanceof JobCompleted e) {
      w.string("duration", e.duration().toString())
          .string("output", e.output())
          .number("succeededItems", e.succeededItems())
          .number("failedItems", e.failedItems());
    } else if (event instanceof JobFailed e) {
      w.string("duration", e.duration().toString());
      error(w, "error", e.error());
      w.bool("willRetry", e.willRetry())
          .string("nextAttemptAt", instant(e.nextAttemptAt()))
          .bool("deadLettered", e.deadLettered())
          .string("reason", e.reason().name());
    } else if (event instanceof JobRetrying e) {
      w.number("nextAttempt", e.nextAttempt());
      if (e.maxAttempts().isPresent()) {
        w.number("maxAttempts", e.maxAttempts().getAsInt());
      }
      w.string("delay", e.delay().toString()).string("dueAt", e.dueAt().toString());
      error(w, "lastError", e.lastError());
    }
    return w.end().toString();
  }

  /** The simple name of the event's record: {@code "JobFailed"}. Also the record's type header. */
  public static String eventName(JobEvent event) {
    // Not getClass().getSimpleName(): an obfuscator may rename the records.
    if (event instanceof JobEnqueued) {
      return "JobEnqueued";
    } else if (event instanceof JobStarted) {
      return "JobStarted";
    } else if (event instanceof JobCompleted) {
      return "JobCompleted";
    } else if (event instanceof JobFailed) {
      return "JobFailed";
    } else if (event instanceof JobRetrying) {
      return "JobRetrying";
    }
    throw new IllegalArgumentException("not a job event: " + event);
  }

  private static void error(Json.Writer w, String name, JobError error) {
    w.object(name)
        .string("type", error.type())
        .string("message", error.message())
        .string("stackTrace", error.stackTrace())
        .end();
  }

  private static String instant(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  // ------------------------------------------------------------------------------------- reading

  /**
   * Reads an event written by {@link #encode} (by this or a later version of the same format).
   *
   * @throws EventDecodingException if it is not such an event; the message says why
   */
  public static JobEvent decode(byte[] value) {
    if (value == null) {
      throw new EventDecodingException("Cannot decode a job event: the record has no value");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(value))
              .toString();
    } catch (CharacterCodingException e) {
      throw new EventDecodingException("Cannot decode a job event: the value is not UTF-8", e);
    }
    return fromJson(text);
  }

  /**
   * Reads an event from JSON text written by {@link #toJson}.
   *
   * @throws EventDecodingException if it is not such an event; the message says why
   */
  public static JobEvent fromJson(String json) {
    Object root;
    try {
      root = Json.parse(json);
    } catch (Json.ParseException e) {
      throw new EventDecodingException("Cannot decode a job event: not JSON: " + e.getMessage(), e);
    }
    if (!(root instanceof Map<?, ?>)) {
      throw new EventDecodingException("Cannot decode a job event: the value is not a JSON object");
    }
    Members m = new Members((Map<?, ?>) root, "");
    long version = m.requiredLong("v");
    if (version < 1 || version > VERSION) {
      throw new EventDecodingException(
          "Cannot decode a job event of format version "
              + version
              + ": this reader understands versions 1 to "
              + VERSION
              + (version > VERSION ? "; upgrade zapjobs-events-kafka" : ""));
    }
    String kind = m.requiredString("event");
    try {
      JobRun run = run(m.requiredObject("run"));
      Instant timestamp = m.requiredInstant("timestamp");
      return switch (kind) {
        case "JobEnqueued" -> enqueued(m, run, timestamp);
        case "JobStarted" -> new JobStarted(run, timestamp, m.requiredString("workerId"));
        case "JobCompleted" ->
            new JobCompleted(
                run,
                timestamp,
                m.duration("duration", Duration.ZERO),
                m.string("output"),
                m.longValue("succeededItems", 0),
                m.longValue("failedItems", 0));
        case "JobFailed" -> failed(m, run, timestamp);
        case "JobRetrying" -> retrying(m, run, timestamp);
        default ->
            throw new EventDecodingException(
                "Cannot decode a job event: unknown event \""
                    + kind
                    + "\" (known: JobEnqueued, JobStarted, JobCompleted, JobFailed, JobRetrying)");
      };
    } catch (EventDecodingException e) {
      throw e;
    } catch (RuntimeException e) { // the record rejected a value: say which event it was
      throw new EventDecodingException(
          "Cannot decode a " + kind + ": " + e.getMessage() + " (" + e.getClass().getName() + ")",
          e);
    }
  }

  private static JobRun run(Members r) {
    return new JobRun(
        r.requiredString("runId"),
        r.requiredString("jobTypeId"),
        r.string("queue", JobRun.DEFAULT_QUEUE),
        r.intValue("attempt", 1),
        r.string("input"));
  }

  private static JobEnqueued enqueued(Members m, JobRun run, Instant timestamp) {
    JobEnqueued.Trigger trigger = JobEnqueued.Trigger.API;
    String name = m.string("trigger");
    if (name != null) {
      for (JobEnqueued.Trigger t : JobEnqueued.Trigger.values()) {
        if (t.name().equals(name)) {
          trigger = t;
        }
      }
    }
    return new JobEnqueued(run, timestamp, m.instant("dueAt"), trigger, m.string("triggeredBy"));
  }

  private static JobFailed failed(Members m, JobRun run, Instant timestamp) {
    JobFailed.Reason reason = JobFailed.Reason.ERROR;
    String name = m.string("reason");
    if (name != null) {
      for (JobFailed.Reason r : JobFailed.Reason.values()) {
        if (r.name().equals(name)) {
          reason = r;
        }
      }
    }
    return new JobFailed(
        run,
        timestamp,
        m.duration("duration", Duration.ZERO),
        error(m.requiredObject("error")),
        m.bool("willRetry", false),
        m.instant("nextAttemptAt"),
        m.bool("deadLettered", false),
        reason);
  }

  private static JobRetrying retrying(Members m, JobRun run, Instant timestamp) {
    Duration delay = m.duration("delay", null);
    Instant dueAt = m.instant("dueAt");
    if (delay == null && dueAt == null) {
      throw new EventDecodingException(
          "Cannot decode a JobRetrying: it has neither \"delay\" nor \"dueAt\"");
    }
    if (delay == null) {
      delay = Duration.between(timestamp, dueAt);
    } else if (dueAt == null) {
      dueAt = timestamp.plus(delay);
    }
    Long max = m.optionalLong("maxAttempts");
    return new JobRetrying(
        run,
        timestamp,
        m.intValue("nextAttempt", run.attempt() + 1),
        max == null ? OptionalInt.empty() : OptionalInt.of(toInt(max, "maxAttempts")),
        delay,
        dueAt,
        error(m.requiredObject("lastError")));
  }

  private static JobError error(Members e) {
    return new JobError(
        e.requiredString("type"), e.string("message"), e.string("stackTrace"), null);
  }

  private static int toInt(long value, String path) {
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new EventDecodingException(
          "Cannot decode a job event: \"" + path + "\" is out of range: " + value);
    }
    return (int) value;
  }

  /** Typed access to the members of one object; {@code prefix} names it in messages. */
  private static final class Members {
    private final Map<?, ?> members;
    private final String prefix;

    Members(Map<?, ?> members, String prefix) {
      this.members = members;
      this.prefix = prefix;
    }

    private Object get(String name) {
      Object v = members.get(name);
      return v == Json.NULL ? null : v;
    }

    private EventDecodingException problem(String name, String what) {
      return new EventDecodingException(
          "Cannot decode a job event: \"" + prefix + name + "\" " + what);
    }

    private <T> T required(String name, T value) {
      if (value == null) {
        throw problem(name, "is missing");
      }
      return value;
    }

    String string(String name) {
      Object v = get(name);
      if (v == null || v instanceof String) {
        return (String) v;
      }
      throw problem(name, "must be a string");
    }

    String string(String name, String fallback) {
      String v = string(name);
      return v == null ? fallback : v;
    }

    String requiredString(String name) {
      return required(name, string(name));
    }

    Long optionalLong(String name) {
      Object v = get(name);
      if (v == null) {
        return null;
      }
      if (v instanceof Json.Num n) {
        try {
          return Long.parseLong(n.text());
        } catch (NumberFormatException e) {
          throw problem(name, "must be a whole number, was " + n.text());
        }
      }
      throw problem(name, "must be a number");
    }

    long longValue(String name, long fallback) {
      Long v = optionalLong(name);
      return v == null ? fallback : v;
    }

    long requiredLong(String name) {
      return required(name, optionalLong(name));
    }

    int intValue(String name, int fallback) {
      Long v = optionalLong(name);
      return v == null ? fallback : toInt(v, prefix + name);
    }

    boolean bool(String name, boolean fallback) {
      Object v = get(name);
      if (v == null) {
        return fallback;
      }
      if (v instanceof Boolean b) {
        return b;
      }
      throw problem(name, "must be true or false");
    }

    Instant instant(String name) {
      String v = string(name);
      try {
        return v == null ? null : Instant.parse(v);
      } catch (DateTimeParseException e) {
        throw problem(name, "must be an ISO-8601 instant such as 2026-03-01T12:00:00Z, was " + v);
      }
    }

    Instant requiredInstant(String name) {
      return required(name, instant(name));
    }

    Duration duration(String name, Duration fallback) {
      String v = string(name);
      try {
        return v == null ? fallback : Duration.parse(v);
      } catch (DateTimeParseException e) {
        throw problem(name, "must be an ISO-8601 duration such as PT0.25S, was " + v);
      }
    }

    Members requiredObject(String name) {
      Object v = required(name, get(name));
      if (v instanceof Map<?, ?> map) {
        return new Members(map, prefix + name + ".");
      }
      throw problem(name, "must be an object");
    }
  }
}
