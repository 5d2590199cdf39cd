package dev.zapjobs.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEnqueued.Trigger;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobFailed.Reason;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JobEventCodecTest {
  private static final Instant T = Instant.parse("2026-03-01T12:00:00.123456789Z");
  private static final JobRun FULL_RUN =
      new JobRun("run-42", "charge-card", "payments", 3, "{\"order\":\"A-1017\",\"cents\":4999}");
  private static final JobRun BARE_RUN = JobRun.of("r", "t");
  private static final JobError FULL_ERROR =
      new JobError(
          "java.lang.IllegalStateException",
          "card declined",
          "java.lang.IllegalStateException: card declined\n\tat A.b(A.java:1)\n",
          null);
  private static final JobError BARE_ERROR = JobError.of("Vetoed", null);

  /** Every event type with every member set, and with every optional member absent. */
  static Stream<JobEvent> events() {
    return Stream.of(
        new JobEnqueued(FULL_RUN, T, T.plusSeconds(30), Trigger.SCHEDULE, "cron 0 2 * * *"),
        new JobEnqueued(BARE_RUN, T, null, Trigger.API, null),
        new JobStarted(FULL_RUN, T, "worker-7@node-2"),
        new JobCompleted(FULL_RUN, T, Duration.ofNanos(1_234_567_891), "{\"rows\":123}", 120, 3),
        new JobCompleted(BARE_RUN, T, Duration.ZERO, null, 0, 0),
        new JobFailed(
            FULL_RUN,
            T,
            Duration.ofMillis(15),
            FULL_ERROR,
            true,
            T.plusMillis(250),
            false,
            Reason.ERROR),
        new JobFailed(BARE_RUN, T, Duration.ZERO, BARE_ERROR, false, null, true, Reason.VETOED),
        new JobRetrying(
            FULL_RUN,
            T,
            4,
            OptionalInt.of(5),
            Duration.ofMillis(250),
            T.plusMillis(250),
            FULL_ERROR),
        new JobRetrying(BARE_RUN, T, 2, OptionalInt.empty(), Duration.ZERO, T, BARE_ERROR));
  }

  @ParameterizedTest
  @MethodSource("events")
  void everyEvent_roundTripsExactly(JobEvent event) {
    byte[] value = JobEventCodec.encode(event);

    assertThat(JobEventCodec.decode(value)).isEqualTo(event);
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void everyReason_roundTrips(Reason reason) {
    JobFailed failed =
        new JobFailed(FULL_RUN, T, Duration.ZERO, FULL_ERROR, false, null, true, reason);

    assertThat(JobEventCodec.decode(JobEventCodec.encode(failed))).isEqualTo(failed);
  }

  @ParameterizedTest
  @EnumSource(Trigger.class)
  void everyTrigger_roundTrips(Trigger trigger) {
    JobEnqueued enqueued = new JobEnqueued(FULL_RUN, T, null, trigger, "someone");

    assertThat(JobEventCodec.decode(JobEventCodec.encode(enqueued))).isEqualTo(enqueued);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "quote \" backslash \\ slash /",
        "controls \u0000 \u0001 \b \f \n \r \t \u001f \u007f",
        "unicode é ü 日本語 \uD83D\uDE80 rocket",
        "lone surrogates \uD800 and \uDC00 and \uDBFF",
        "json {\"a\":[1,2,{\"b\":null}]}",
        "x"
      })
  void anyText_roundTripsExactly(String text) {
    JobRun run = new JobRun(text, text, text, 1, text);
    JobFailed failed =
        new JobFailed(
            run,
            T,
            Duration.ZERO,
            new JobError(text, text, text, null),
            false,
            null,
            false,
            Reason.ERROR);

    assertThat(JobEventCodec.decode(JobEventCodec.encode(failed))).isEqualTo(failed);
  }

  @Test
  void extremeValues_roundTrip() {
    JobRun run = new JobRun("r", "t", "q", Integer.MAX_VALUE - 1, null);
    List<JobEvent> events = new ArrayList<>();
    events.add(
        new JobCompleted(
            run,
            Instant.MAX,
            Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
            null,
            Long.MAX_VALUE,
            Long.MAX_VALUE));
    events.add(new JobStarted(run, Instant.MIN, "w"));
    events.add(new JobStarted(run, Instant.EPOCH, "w"));
    events.add(
        new JobRetrying(
            run,
            T,
            Integer.MAX_VALUE,
            OptionalInt.of(Integer.MAX_VALUE),
            Duration.ofNanos(1),
            T.plusNanos(1),
            BARE_ERROR));

    for (JobEvent e : events) {
      assertThat(JobEventCodec.decode(JobEventCodec.encode(e))).isEqualTo(e);
    }
  }

  @Test
  void throwable_staysInTheProcess_typeMessageAndTraceTravel() {
    JobError caught = JobError.of(new IOException("mail server down"));
    JobFailed failed = JobFailed.builder(FULL_RUN).timestamp(T).error(caught).build();

    JobFailed back = (JobFailed) JobEventCodec.decode(JobEventCodec.encode(failed));

    assertThat(back.error().throwable()).isNull();
    assertThat(back.error().type()).isEqualTo("java.io.IOException");
    assertThat(back.error().message()).isEqualTo("mail server down");
    assertThat(back.error().stackTrace())
        .isEqualTo(caught.stackTrace())
        .contains("mail server down");
    assertThat(back)
        .isEqualTo(
            new JobFailed(
                FULL_RUN,
                T,
                Duration.ZERO,
                new JobError(caught.type(), caught.message(), caught.stackTrace(), null),
                false,
                null,
                false,
                Reason.ERROR));
  }

  @Test
  void format_isTheDocumentedOne_nullsLeftOut() {
    JobFailed failed =
        new JobFailed(
            JobRun.of("run-42", "charge-card").withQueue("payments").withAttempt(4),
            T,
            Duration.ofMillis(12),
            JobError.of("java.lang.IllegalStateException", "card declined"),
            false,
            null,
            true,
            Reason.ERROR);

    assertThat(JobEventCodec.toJson(failed))
        .isEqualTo(
            "{\"v\":1,\"event\":\"JobFailed\",\"run\":{\"runId\":\"run-42\",\"jobTypeId\":\"charge-card\","
                + "\"queue\":\"payments\",\"attempt\":4},\"timestamp\":\"2026-03-01T12:00:00.123456789Z\","
                + "\"duration\":\"PT0.012S\",\"error\":{\"type\":\"java.lang.IllegalStateException\","
                + "\"message\":\"card declined\"},\"willRetry\":false,\"deadLettered\":true,\"reason\":\"ERROR\"}");
    assertThat(JobEventCodec.eventName(failed)).isEqualTo("JobFailed");
  }

  // ------------------------------------------------------------------ forward compatibility

  @Test
  void unknownMembers_anywhere_areIgnored() {
    String json =
        "{\"v\":1,\"event\":\"JobStarted\",\"traceparent\":\"00-abc-def-01\","
            + "\"run\":{\"runId\":\"r\",\"jobTypeId\":\"t\",\"tenant\":{\"id\":7,\"tags\":[\"a\",{\"b\":[]}]},"
            + "\"priority\":-1.5e3,\"urgent\":true,\"nothing\":null},"
            + "\"timestamp\":\"2026-03-01T12:00:00Z\",\"workerId\":\"w\",\"host\":\"node-2\","
            + "\"future\":[1,2,3]}";

    assertThat(JobEventCodec.fromJson(json))
        .isEqualTo(new JobStarted(BARE_RUN, Instant.parse("2026-03-01T12:00:00Z"), "w"));
  }

  @Test
  void unknownMembersInErrors_areIgnored() {
    String json =
        "{\"v\":1,\"event\":\"JobFailed\",\"run\":{\"runId\":\"r\",\"jobTypeId\":\"t\"},"
            + "\"timestamp\":\"2026-03-01T12:00:00Z\",\"error\":{\"type\":\"X\",\"code\":42,\"cause\":{\"type\":\"Y\"}}}";

    JobFailed failed = (JobFailed) JobEventCodec.fromJson(json);

    assertThat(failed.error()).isEqualTo(JobError.of("X", null));
  }

  @Test
  void missingOptionalMembers_getTheirDefaults() {
    String base =
        "\"run\":{\"runId\":\"r\",\"jobTypeId\":\"t\"},\"timestamp\":\"2026-03-01T12:00:00Z\"";
    Instant t = Instant.parse("2026-03-01T12:00:00Z");
    JobError x = JobError.of("X", null);

    assertThat(JobEventCodec.fromJson("{\"v\":1,\"event\":\"JobEnqueued\"," + base + "}"))
        .isEqualTo(new JobEnqueued(BARE_RUN, t, null, Trigger.API, null));
    assertThat(JobEventCodec.fromJson("{\"v\":1,\"event\":\"JobCompleted\"," + base + "}"))
        .isEqualTo(new JobCompleted(BARE_RUN, t, Duration.ZERO, null, 0, 0));
    assertThat(
            JobEventCodec.fromJson(
                "{\"v\":1,\"event\":\"JobFailed\"," + base + ",\"error\":{\"type\":\"X\"}}"))
        .isEqualTo(new JobFailed(BARE_RUN, t, Duration.ZERO, x, false, null, false, Reason.ERROR));
    assertThat(
            JobEventCodec.fromJson(
                "{\"v\":1,\"event\":\"JobRetrying\","
                    + base
                    + ",\"delay\":\"PT2S\",\"lastError\":{\"type\":\"X\"}}"))
        .isEqualTo(
            new JobRetrying(
                BARE_RUN, t, 2, OptionalInt.empty(), Duration.ofSeconds(2), t.plusSeconds(2), x));
    assertThat(
            JobEventCodec.fromJson(
                "{\"v\":1,\"event\":\"JobRetrying\","
                    + base
                    + ",\"dueAt\":\"2026-03-01T12:00:03Z\",\"lastError\":{\"type\":\"X\"}}"))
        .isEqualTo(
            new JobRetrying(
                BARE_RUN, t, 2, OptionalInt.empty(), Duration.ofSeconds(3), t.plusSeconds(3), x));
  }

  @Test
  void explicitNulls_readLikeMissingMembers() {
    String json =
        "{\"v\":1,\"event\":\"JobEnqueued\",\"run\":{\"runId\":\"r\",\"jobTypeId\":\"t\",\"queue\":null,"
            + "\"input\":null},\"timestamp\":\"2026-03-01T12:00:00Z\",\"dueAt\":null,\"trigger\":null,\"triggeredBy\":null}";

    assertThat(JobEventCodec.fromJson(json))
        .isEqualTo(
            new JobEnqueued(
                BARE_RUN, Instant.parse("2026-03-01T12:00:00Z"), null, Trigger.API, null));
  }

  @Test
  void unknownEnumConstants_fallBackToTheDefaults() {
    String base =
        "\"run\":{\"runId\":\"r\",\"jobTypeId\":\"t\"},\"timestamp\":\"2026-03-01T12:00:00Z\"";

    JobEnqueued enqueued =
        (JobEnqueued)
            JobEventCodec.fromJson(
                "{\"v\":1,\"event\":\"JobEnqueued\"," + base + ",\"trigger\":\"WEBHOOK\"}");
    JobFailed failed =
        (JobFailed)
            JobEventCodec.fromJson(
                "{\"v\":1,\"event\":\"JobFailed\","
                    + base
                    + ",\"error\":{\"type\":\"X\"},\"reason\":\"PREEMPTED\"}");

    assertThat(enqueued.trigger()).isEqualTo(Trigger.API);
    assertThat(failed.reason()).isEqualTo(Reason.ERROR);
  }

  @Test
  void whitespaceAndMemberOrder_doNotMatter() {
    String json =
        " {\n \"timestamp\" : \"2026-03-01T12:00:00Z\" ,\t\"workerId\":\"w\",\r\n"
            + " \"run\" : { \"jobTypeId\" : \"t\" , \"runId\" : \"r\" } , \"event\" : \"JobStarted\", \"v\" : 1 } ";

    assertThat(JobEventCodec.fromJson(json))
        .isEqualTo(new JobStarted(BARE_RUN, Instant.parse("2026-03-01T12:00:00Z"), "w"));
  }

  // ------------------------------------------------------------------ refusals, with reasons

  @Test
  void newerMajorVersion_isRefused_namingTheFix() {
    String json =
        JobEventCodec.toJson(new JobStarted(BARE_RUN, T, "w")).replace("\"v\":1", "\"v\":2");

    assertThatThrownBy(() -> JobEventCodec.fromJson(json))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("format version 2")
        .hasMessageContaining("upgrade zapjobs-events-kafka");
  }

  static Stream<String[]> malformed() {
    String run = "\"run\":{\"runId\":\"r\",\"jobTypeId\":\"t\"}";
    String ts = "\"timestamp\":\"2026-03-01T12:00:00Z\"";
    return Stream.of(
        new String[] {"", "not JSON"},
        new String[] {"[1,2]", "not a JSON object"},
        new String[] {"{\"v\":1,\"event\":\"JobStarted\"", "not JSON"},
        new String[] {"{\"v\":1} trailing", "not JSON"},
        new String[] {
          "{\"event\":\"JobStarted\"," + run + "," + ts + ",\"workerId\":\"w\"}", "\"v\" is missing"
        },
        new String[] {"{\"v\":\"1\",\"event\":\"JobStarted\"}", "\"v\" must be a number"},
        new String[] {"{\"v\":1.5,\"event\":\"JobStarted\"}", "\"v\" must be a whole number"},
        new String[] {"{\"v\":1," + run + "," + ts + "}", "\"event\" is missing"},
        new String[] {
          "{\"v\":1,\"event\":\"JobPaused\"," + run + "," + ts + "}", "unknown event \"JobPaused\""
        },
        new String[] {
          "{\"v\":1,\"event\":\"JobStarted\"," + ts + ",\"workerId\":\"w\"}", "\"run\" is missing"
        },
        new String[] {
          "{\"v\":1,\"event\":\"JobStarted\",\"run\":{\"jobTypeId\":\"t\"},"
              + ts
              + ",\"workerId\":\"w\"}",
          "\"run.runId\" is missing"
        },
        new String[] {
          "{\"v\":1,\"event\":\"JobStarted\",\"run\":[]," + ts + "}", "\"run\" must be an object"
        },
        new String[] {
          "{\"v\":1,\"event\":\"JobStarted\"," + run + ",\"workerId\":\"w\"}",
          "\"timestamp\" is missing"
        },
        new String[] {
          "{\"v\":1,\"event\":\"JobStarted\","
              + run
              + ",\"timestamp\":\"yesterday\",\"workerId\":\"w\"}",
          "ISO-8601 instant"
        },
        new String[] {
          "{\"v\":1,\"event\":\"JobStarted\"," + run + "," + ts + "}", "\"workerId\" is missing"
        },
        new String[] {
          "{\"v\":1,\"event\":\"JobFailed\"," + run + "," + ts + "}", "\"error\" is missing"
        },
        new String[] {
          "{\"v\":1,\"event\":\"JobFailed\"," + run + "," + ts + ",\"error\":{\"message\":\"m\"}}",
          "\"error.type\" is missing"
        },
        new String[] {
          "{\"v\":1,\"event\":\"JobFailed\","
              + run
              + ","
              + ts
              + ",\"error\":{\"type\":\"X\"},\"willRetry\":\"yes\"}",
          "\"willRetry\" must be true or false"
        },
        new String[] {
          "{\"v\":1,\"event\":\"JobFailed\","
              + run
              + ","
              + ts
              + ",\"error\":{\"type\":\"X\"},\"willRetry\":true}",
          "nextAttemptAt must be set"
        },
        new String[] {
          "{\"v\":1,\"event\":\"JobCompleted\"," + run + "," + ts + ",\"duration\":\"2s\"}",
          "ISO-8601 duration"
        },
        new String[] {
          "{\"v\":1,\"event\":\"JobCompleted\"," + run + "," + ts + ",\"duration\":\"-PT1S\"}",
          "Cannot decode a JobCompleted"
        },
        new String[] {
          "{\"v\":1,\"event\":\"JobRetrying\","
              + run
              + ","
              + ts
              + ",\"lastError\":{\"type\":\"X\"}}",
          "neither \"delay\" nor \"dueAt\""
        },
        new String[] {
          "{\"v\":1,\"event\":\"JobStarted\",\"run\":{\"runId\":\"r\",\"jobTypeId\":\"t\",\"attempt\":99999999999},"
              + ts
              + ",\"workerId\":\"w\"}",
          "\"run.attempt\" is out of range"
        },
        new String[] {"{\"v\":1,\"v\":1}", "appears twice"},
        new String[] {"{\"v\":1,\"event\":\"JobStarted\",\"x\":\"a\u0001b\"}", "control character"},
        new String[] {"{\"v\":1,\"event\":\"JobStarted\",\"x\":\"\\q\"}", "invalid escape"},
        new String[] {"{\"v\":01}", "expected ',' or '}'"},
        new String[] {"{\"v\":-}", "malformed number"},
        new String[] {"{\"v\":1,\"x\":" + "[".repeat(40) + "]".repeat(40) + "}", "deeper than 32"});
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedRecords_areRefused_sayingWhy(String json, String reason) {
    assertThatThrownBy(() -> JobEventCodec.fromJson(json))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void invalidUtf8_isRefused() {
    assertThatThrownBy(() -> JobEventCodec.decode(new byte[] {'{', (byte) 0xC3, '}'}))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("not UTF-8");
    assertThatThrownBy(() -> JobEventCodec.decode(null))
        .isInstanceOf(EventDecodingException.class)
        .hasMessageContaining("no value");
  }

  @Test
  void encodedValue_isUtf8Json() {
    JobStarted started = new JobStarted(new JobRun("é", "t", "q", 1, null), T, "w");

    String text = new String(JobEventCodec.encode(started), StandardCharsets.UTF_8);

    assertThat(text).startsWith("{\"v\":1,\"event\":\"JobStarted\",\"run\":{\"runId\":\"é\"");
  }
}
