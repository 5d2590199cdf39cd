package dev.zapjobs.events.test;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEnqueued.Trigger;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Realistic runs for tests: every event one run emits, in the order of {@code docs/EVENTS.md}, with
 * the right attempt numbers, timestamps, durations, retry back-off and due times.
 *
 * <pre>{@code
 * Clock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
 * JobRun run = JobRun.of("run-1", "nightly-report");
 *
 * List<JobEvent> ok = JobRuns.succeeding(run, clock);
 * // Enqueued#1(API), Started#1, Completed#1
 *
 * List<JobEvent> flaky = JobRuns.failingTwiceThenSucceeding(run, clock);
 * // Enqueued#1(API), Started#1, Failed#1(retry), Retrying#1->2, Enqueued#2(RETRY), Started#2,
 * // Failed#2(retry), Retrying#2->3, Enqueued#3(RETRY), Started#3, Completed#3
 *
 * List<JobEvent> dead = JobRuns.failingForGood(run, clock);
 * // ... Started#3, Failed#3(dead)
 *
 * List<JobEvent> custom = JobRuns.of(run).clock(clock).maxAttempts(5)
 *     .backOff(Duration.ofSeconds(30), 2.0).error(new IOException("disk full"))
 *     .failingThenSucceeding(3);
 * }</pre>
 *
 * <p>The timeline, with the defaults of {@link Builder}: the run is enqueued at {@code t0 =
 * clock.instant()} (read once, when the sequence is built; the clock is never moved), each attempt
 * starts as soon as it is due and runs for 250 ms; after attempt {@code n} fails at time {@code t},
 * {@code JobFailed}, {@code JobRetrying} and {@code JobEnqueued(RETRY)} share the timestamp {@code
 * t}, the next attempt is due at {@code t + 1 s × 2^(n-1)} and starts then. At most 3 attempts; a
 * final failure is dead-lettered (as job systems without a dead-letter state report it).
 */
public final class JobRuns {
  private JobRuns() {}

  /** {@code Enqueued#1(API), Started#1, Completed#1}, starting at {@code clock.instant()}. */
  public static List<JobEvent> succeeding(JobRun run, Clock clock) {
    return of(run).clock(clock).succeeding();
  }

  /**
   * Attempts 1 and 2 fail and are retried, attempt 3 succeeds: eleven events, starting at {@code
   * clock.instant()}.
   */
  public static List<JobEvent> failingTwiceThenSucceeding(JobRun run, Clock clock) {
    return of(run).clock(clock).failingThenSucceeding(2);
  }

  /**
   * Every attempt fails; the third and last is dead-lettered: {@code ..., Started#3,
   * Failed#3(dead)}, starting at {@code clock.instant()}.
   */
  public static List<JobEvent> failingForGood(JobRun run, Clock clock) {
    return of(run).clock(clock).failingForGood();
  }

  /**
   * A builder for runs of {@code run}, for any variation of the defaults.
   *
   * @param run the run, at attempt 1 (as {@link JobRun#of} makes it): its id, job type, queue and
   *     input go into every event
   * @throws IllegalArgumentException if {@code run} is not at attempt 1
   */
  public static Builder of(JobRun run) {
    return new Builder(run);
  }

  /** Configures the run's timeline and outcome; each terminal method builds one run's events. */
  public static final class Builder {
    private final JobRun run;
    private Clock clock = Clock.systemUTC();
    private Instant start;
    private Instant dueAt;
    private Trigger trigger = Trigger.API;
    private String triggeredBy;
    private Duration queueWait = Duration.ZERO;
    private Duration attemptDuration = Duration.ofMillis(250);
    private int maxAttempts = 3;
    private boolean maxAttemptsKnown = true;
    private Duration baseDelay = Duration.ofSeconds(1);
    private double multiplier = 2.0;
    private JobError error = JobError.of("java.io.IOException", "simulated failure");
    private String workerId = "worker-1";
    private String output;
    private boolean deadLettered = true;

    private Builder(JobRun run) {
      this.run = Objects.requireNonNull(run, "run");
      if (run.attempt() != 1) {
        throw new IllegalArgumentException(
            "run must be at attempt 1 (JobRuns builds a run from its first attempt), was attempt "
                + run.attempt()
                + "; pass run.withAttempt(1)");
      }
    }

    /** Where the run starts: {@code clock.instant()}, read when a sequence is built. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      this.start = null;
      return this;
    }

    /** Starts the run at {@code start} instead of reading a clock. */
    public Builder startingAt(Instant start) {
      this.start = Objects.requireNonNull(start, "start");
      return this;
    }

    /** What enqueued the run, and who; default {@code API}, by nobody in particular. */
    public Builder trigger(Trigger trigger, String triggeredBy) {
      Objects.requireNonNull(trigger, "trigger");
      if (trigger == Trigger.RETRY) {
        throw new IllegalArgumentException(
            "trigger must not be RETRY: that is the trigger of the re-enqueued attempts, which"
                + " JobRuns adds itself");
      }
      this.trigger = trigger;
      this.triggeredBy = triggeredBy;
      return this;
    }

    /**
     * The first attempt is scheduled for {@code dueAt} ({@code JobEnqueued.dueAt}) and starts then;
     * default: due at once ({@code dueAt} null).
     */
    public Builder dueAt(Instant dueAt) {
      this.dueAt = Objects.requireNonNull(dueAt, "dueAt");
      return this;
    }

    /** How long each attempt waits between being due and starting; default zero. */
    public Builder waitingInQueue(Duration wait) {
      this.queueWait = notNegative(wait, "wait");
      return this;
    }

    /** How long each attempt runs before it completes or fails; default 250 ms. */
    public Builder attemptDuration(Duration duration) {
      this.attemptDuration = notNegative(duration, "duration");
      return this;
    }

    /** The retry limit, the highest attempt number that is tried; default 3. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * The job system does not say its retry limit: {@code JobRetrying.maxAttempts()} is empty. The
     * run still ends after {@link #maxAttempts} attempts.
     */
    public Builder unknownMaxAttempts() {
      this.maxAttemptsKnown = false;
      return this;
    }

    /**
     * Exponential back-off: after attempt {@code n} fails, the next is due {@code base ×
     * multiplier^(n-1)} later; default 1 s, doubling.
     */
    public Builder backOff(Duration base, double multiplier) {
      this.baseDelay = notNegative(base, "base");
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException("multiplier must be finite and >= 1, was " + multiplier);
      }
      this.multiplier = multiplier;
      return this;
    }

    /**
     * The error of every failed attempt; default {@code java.io.IOException: simulated failure}.
     */
    public Builder error(JobError error) {
      this.error = Objects.requireNonNull(error, "error");
      return this;
    }

    /** The error of every failed attempt, captured from {@code error} (stack trace included). */
    public Builder error(Throwable error) {
      return error(JobError.of(Objects.requireNonNull(error, "error")));
    }

    /** The worker that runs every attempt; default {@code worker-1}. */
    public Builder workerId(String workerId) {
      Objects.requireNonNull(workerId, "workerId");
      if (workerId.isBlank()) {
        throw new IllegalArgumentException("workerId must not be blank");
      }
      this.workerId = workerId;
      return this;
    }

    /** The output (JSON text) of the attempt that succeeds; default none. */
    public Builder output(String output) {
      this.output = output;
      return this;
    }

    /**
     * Whether a final failure is dead-lettered; default true. With false the last {@code JobFailed}
     * has neither {@code willRetry} nor {@code deadLettered}, as from a job system told not to
     * report dead letters.
     */
    public Builder deadLettered(boolean deadLettered) {
      this.deadLettered = deadLettered;
      return this;
    }

    /** {@code Enqueued#1, Started#1, Completed#1}. */
    public List<JobEvent> succeeding() {
      return failingThenSucceeding(0);
    }

    /**
     * Attempts {@code 1..failures} fail and are retried, attempt {@code failures + 1} succeeds.
     *
     * @throws IllegalArgumentException if {@code failures} is negative, or leaves no attempt to
     *     succeed within {@link #maxAttempts}
     */
    public List<JobEvent> failingThenSucceeding(int failures) {
      if (failures < 0) {
        throw new IllegalArgumentException("failures must be >= 0, was " + failures);
      }
      if (failures >= maxAttempts) {
        throw new IllegalArgumentException(
            "failingThenSucceeding("
                + failures
                + ") needs at least "
                + (failures + 1)
                + " attempts, but maxAttempts is "
                + maxAttempts
                + "; set maxAttempts("
                + (failures + 1)
                + ") or more");
      }
      Timeline t = new Timeline();
      for (int n = 1; n <= failures; n++) {
        t.attempt();
        t.failAndRetry();
      }
      t.attempt();
      t.events.add(
          JobCompleted.builder(t.current)
              .timestamp(t.time)
              .duration(attemptDuration)
              .output(output)
              .build());
      return List.copyOf(t.events);
    }

    /** Every attempt up to {@link #maxAttempts} fails; the last one ends the run. */
    public List<JobEvent> failingForGood() {
      Timeline t = new Timeline();
      for (int n = 1; n < maxAttempts; n++) {
        t.attempt();
        t.failAndRetry();
      }
      t.attempt();
      t.events.add(
          JobFailed.builder(t.current)
              .timestamp(t.time)
              .duration(attemptDuration)
              .error(error)
              .deadLettered(deadLettered)
              .build());
      return List.copyOf(t.events);
    }

    /**
     * The run ends before its first attempt starts: {@code Enqueued#1}, then {@code JobFailed} with
     * {@code reason}, a zero duration, an error naming what happened ({@code Vetoed}, {@code
     * Misfired} or {@code Cancelled}), at the time the attempt was due, not retried.
     *
     * @param reason {@code VETOED}, {@code MISFIRED} or {@code CANCELLED}
     * @throws IllegalArgumentException for {@code ERROR} (the attempt ran: use {@link
     *     #failingForGood()}) or {@code ABANDONED} (it started: use {@link #abandoned()})
     */
    public List<JobEvent> endingWithoutRunning(JobFailed.Reason reason) {
      Objects.requireNonNull(reason, "reason");
      if (reason == JobFailed.Reason.ERROR || reason == JobFailed.Reason.ABANDONED) {
        throw new IllegalArgumentException(
            "a run that ends with "
                + reason
                + " has started; use "
                + (reason == JobFailed.Reason.ERROR ? "failingForGood()" : "abandoned()"));
      }
      Timeline t = new Timeline();
      Instant at = t.dueTime();
      String type = reason.name().charAt(0) + reason.name().substring(1).toLowerCase();
      t.events.add(
          JobFailed.builder(t.current)
              .timestamp(at)
              .error(JobError.of(type, "the run was " + type.toLowerCase() + " before it started"))
              .reason(reason)
              .deadLettered(deadLettered)
              .build());
      return List.copyOf(t.events);
    }

    /**
     * The first attempt starts, then its worker stops without finishing it: {@code Enqueued#1,
     * Started#1, Failed#1(ABANDONED)}, after the attempt duration, not retried.
     */
    public List<JobEvent> abandoned() {
      Timeline t = new Timeline();
      t.attempt();
      t.events.add(
          JobFailed.builder(t.current)
              .timestamp(t.time)
              .duration(attemptDuration)
              .error(JobError.of("Abandoned", "the worker " + workerId + " stopped"))
              .reason(JobFailed.Reason.ABANDONED)
              .deadLettered(deadLettered)
              .build());
      return List.copyOf(t.events);
    }

    /** The back-off after attempt {@code failed} failed: {@code base × multiplier^(failed-1)}. */
    Duration delayAfter(int failed) {
      double nanos = baseDelay.toNanos() * Math.pow(multiplier, failed - 1);
      return nanos >= Long.MAX_VALUE
          ? Duration.ofNanos(Long.MAX_VALUE)
          : Duration.ofNanos((long) nanos);
    }

    /** One run being written: the events so far, the current attempt and the time. */
    private final class Timeline {
      final List<JobEvent> events = new ArrayList<>();
      JobRun current = run;
      Instant time;
      Instant due;

      Timeline() {
        time = start != null ? start : clock.instant();
        due = dueAt == null ? time : (dueAt.isAfter(time) ? dueAt : time);
        events.add(
            JobEnqueued.builder(run)
                .timestamp(time)
                .dueAt(dueAt)
                .trigger(trigger)
                .triggeredBy(triggeredBy)
                .build());
      }

      /** When the current attempt is due. */
      Instant dueTime() {
        return due;
      }

      /** The current attempt starts when due (after the queue wait) and runs its duration. */
      void attempt() {
        time = due.plus(queueWait);
        events.add(JobStarted.builder(current).timestamp(time).workerId(workerId).build());
        time = time.plus(attemptDuration);
      }

      /** The current attempt failed at {@code time}: the failure trio, then the next attempt. */
      void failAndRetry() {
        Duration delay = delayAfter(current.attempt());
        Instant next = time.plus(delay);
        events.add(
            JobFailed.builder(current)
                .timestamp(time)
                .duration(attemptDuration)
                .error(error)
                .retryAt(next)
                .build());
        JobRetrying.Builder retrying =
            JobRetrying.builder(current).timestamp(time).delay(delay).dueAt(next).lastError(error);
        if (maxAttemptsKnown) {
          retrying.maxAttempts(maxAttempts);
        }
        events.add(retrying.build());
        current = current.withAttempt(current.attempt() + 1);
        events.add(
            JobEnqueued.builder(current)
                .timestamp(time)
                .dueAt(next)
                .trigger(Trigger.RETRY)
                .triggeredBy(triggeredBy)
                .build());
        due = next;
      }
    }

    private static Duration notNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + d);
      }
      return d;
    }
  }
}
