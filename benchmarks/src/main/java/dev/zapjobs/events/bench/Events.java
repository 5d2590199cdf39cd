package dev.zapjobs.events.bench;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The events every design publishes: made once, before measuring, so that the figures show what a
 * design costs beyond the event itself. Each event's {@code attempt} is its index + 1, so a handler
 * can tell which one it received.
 */
public final class Events {

  /** The size of the shared cycle {@link #shared()}; a power of two. */
  public static final int CYCLE = 1024;

  private static final JobError ERROR =
      new JobError("java.io.IOException", "connection reset", "at bench", null);
  private static final JobEvent[] SHARED = numbered(CYCLE);

  private Events() {}

  /** A cycle of {@link #CYCLE} events of all five types, distinct runs; do not modify. */
  public static JobEvent[] shared() {
    return SHARED;
  }

  /** {@code count} new events of all five types, event {@code i} with attempt {@code i + 1}. */
  public static JobEvent[] numbered(int count) {
    JobEvent[] events = new JobEvent[count];
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < count; i++) {
      JobRun run =
          new JobRun(UUID.randomUUID().toString(), "report.nightly", "default", i + 1, "{\"n\":1}");
      events[i] =
          switch (i % 5) {
            case 0 -> new JobEnqueued(run, now, null, JobEnqueued.Trigger.API, "bench");
            case 1 -> new JobStarted(run, now, "worker-1");
            case 2 -> new JobCompleted(run, now, Duration.ofMillis(12), "{}", 3, 0);
            case 3 ->
                new JobFailed(
                    run,
                    now,
                    Duration.ofMillis(12),
                    ERROR,
                    true,
                    now.plusSeconds(5),
                    false,
                    JobFailed.Reason.ERROR);
            default ->
                new JobRetrying(
                    run,
                    now,
                    i + 2,
                    OptionalInt.of(i + 5),
                    Duration.ofSeconds(5),
                    now.plusSeconds(5),
                    ERROR);
          };
    }
    return events;
  }

  /** Which event of {@link #numbered(int)} this is. */
  public static int indexOf(JobEvent event) {
    return event.attempt() - 1;
  }
}
