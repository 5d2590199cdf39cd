package dev.zapjobs.events.sample.runner;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEnqueued.Trigger;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small in-memory job runner: one delayed queue, a fixed pool of worker threads, retries with
 * exponential back-off, and a dead-letter list. It knows nothing of the ZapJobs Events runtime: it
 * emits lifecycle events through the one-method {@link JobEventPublisher}.
 *
 * <h2>Events of one run, in order</h2>
 *
 * <pre>
 * success:      JobEnqueued(trigger) → JobStarted#1 → JobCompleted#1
 * one retry:    JobEnqueued(trigger) → JobStarted#1 → JobFailed#1(willRetry) → JobRetrying#1→2
 *               → JobEnqueued#2(RETRY) → JobStarted#2 → JobCompleted#2
 * dead letter:  … → JobStarted#n → JobFailed#n(deadLettered)        (n = maxAttempts)
 * </pre>
 *
 * <p>A failure that will be retried emits, with one timestamp {@code t} (the moment the attempt
 * ended): {@code JobFailed(willRetry, nextAttemptAt = t + delay)}, {@code JobRetrying(delay, dueAt
 * = t + delay)} carrying the failed attempt, and {@code JobEnqueued(trigger = RETRY, dueAt)}
 * carrying the next attempt and the run's original {@code triggeredBy}. Each event is published
 * before the step it announces takes effect, so a handler never sees an attempt start before it was
 * enqueued.
 *
 * <p>Time comes from the injected {@link Clock}: timestamps, durations and due times. Durations are
 * clock differences clamped at zero (a wall clock may step back).
 *
 * <p>Usage: {@code JobRunner.builder().publisher(dispatcher).register(type).build()}, then {@link
 * #enqueue}, {@link #awaitIdle} and {@link #close(Duration)}.
 */
public final class JobRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  /** A run's queued attempt. */
  private record Attempt(JobRun run, JobType type, String triggeredBy) {}

  private final JobEventPublisher publisher;
  private final Clock clock;
  private final Map<String, JobType> types;
  private final DueQueue<Attempt> queue;
  private final ExecutorService workers;
  private final int workerCount;
  private final AtomicBoolean accepting = new AtomicBoolean(true);
  private final List<DeadLetter> deadLetters = new ArrayList<>();

  private final Object idleMonitor = new Object();
  private long inFlight; // guarded by idleMonitor

  private final LongAdder runs = new LongAdder();
  private final LongAdder attempts = new LongAdder();
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder failedAttempts = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder retriedRuns = new LongAdder();
  private final LongAdder deadLettered = new LongAdder();
  private final LongAdder publishFailures = new LongAdder();

  private JobRunner(Builder b) {
    this.publisher = b.publisher;
    this.clock = b.clock;
    this.types = Map.copyOf(b.types);
    this.queue = new DueQueue<>(clock);
    this.workerCount = b.workers;
    String prefix = b.workerName;
    AtomicInteger threadNo = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            workerCount,
            task -> {
              Thread t = new Thread(task, prefix + "-" + threadNo.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    for (int i = 0; i < workerCount; i++) {
      workers.execute(() -> work(Thread.currentThread().getName())); // worker id = thread name
    }
  }

  /** A builder; {@link Builder#publisher} and at least one {@link Builder#register} are needed. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Enqueues a run due now, triggered through the API by nobody in particular.
   *
   * @return the new run's id
   * @throws IllegalArgumentException if {@code jobTypeId} is not registered
   * @throws IllegalStateException if the runner is closing or closed
   */
  public String enqueue(String jobTypeId, String input) {
    return enqueue(jobTypeId, input, null, Trigger.API, null);
  }

  /**
   * Enqueues a run.
   *
   * @param jobTypeId a registered job type
   * @param input the input as JSON text, or {@code null}
   * @param dueAt when the first attempt is due, or {@code null} for now
   * @param trigger what caused it (MANUAL, SCHEDULE, API, CONTINUATION; RETRY is the runner's own)
   * @param triggeredBy who or what caused it, or {@code null}
   * @return the new run's id
   * @throws IllegalArgumentException if {@code jobTypeId} is not registered
   * @throws IllegalStateException if the runner is closing or closed
   */
  public String enqueue(
      String jobTypeId, String input, Instant dueAt, Trigger trigger, String triggeredBy) {
    Objects.requireNonNull(trigger, "trigger");
    JobType type = types.get(jobTypeId);
    if (type == null) {
      throw new IllegalArgumentException(
          "unknown job type '" + jobTypeId + "'; registered: " + types.keySet());
    }
    if (!accepting.get()) {
      throw new IllegalStateException("the runner is closed; cannot enqueue " + jobTypeId);
    }
    JobRun run = new JobRun(UUID.randomUUID().toString(), type.id(), type.queue(), 1, input);
    Instant now = clock.instant();
    synchronized (idleMonitor) {
      inFlight++;
    }
    runs.increment();
    publish(new JobEnqueued(run, now, dueAt, trigger, triggeredBy));
    queue.offer(new Attempt(run, type, triggeredBy), dueAt == null ? now : dueAt);
    return run.runId();
  }

  /**
   * Waits until every run enqueued so far has completed or been dead-lettered, and every event of
   * theirs has been handed to the publisher.
   *
   * @return {@code true} if idle, {@code false} if the timeout elapsed first
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idleMonitor) {
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idleMonitor, left);
      }
      return true;
    }
  }

  /** The counters, now. */
  public RunnerStats stats() {
    long pending;
    synchronized (idleMonitor) {
      pending = inFlight;
    }
    return new RunnerStats(
        runs.sum(),
        attempts.sum(),
        succeeded.sum(),
        failedAttempts.sum(),
        retries.sum(),
        retriedRuns.sum(),
        deadLettered.sum(),
        pending,
        publishFailures.sum());
  }

  /** The runs that failed for good, in the order they were dead-lettered. */
  public List<DeadLetter> deadLetters() {
    synchronized (deadLetters) {
      return List.copyOf(deadLetters);
    }
  }

  /** How many worker threads run jobs. */
  public int workerCount() {
    return workerCount;
  }

  /**
   * Shuts down cleanly: refuses new runs, lets the runs in flight finish (retries included) within
   * {@code timeout}, then stops the workers and waits for them to terminate. A run still unfinished
   * after that is abandoned in the queue (no further events).
   *
   * @return {@code true} if every run finished before the workers stopped
   */
  public boolean close(Duration timeout) {
    accepting.set(false);
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean idle = false;
    try {
      idle = awaitIdle(timeout);
      queue.close();
      workers.shutdown();
      long left = Math.max(0, deadline - System.nanoTime());
      if (!workers.awaitTermination(left, TimeUnit.NANOSECONDS)) {
        workers.shutdownNow();
        workers.awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      queue.close();
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (!idle) {
      log.warn("closed with {} run(s) unfinished", stats().inFlight());
    }
    return idle;
  }

  /** {@link #close(Duration)} with 30 seconds. */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  private void work(String workerId) {
    while (!Thread.currentThread().isInterrupted()) {
      Attempt next = queue.take();
      if (next == null) {
        return;
      }
      runAttempt(next, workerId);
    }
  }

  private void runAttempt(Attempt attempt, String workerId) {
    JobRun run = attempt.run();
    attempts.increment();
    Instant start = clock.instant();
    publish(new JobStarted(run, start, workerId));
    JobResult result = null;
    Throwable failure = null;
    try {
      result = attempt.type().function().execute(run);
    } catch (Throwable t) { // a job's failure, whatever it is, fails the attempt and not the worker
      failure = t;
    }
    Instant end = clock.instant();
    Duration took = Duration.between(start, end);
    if (took.isNegative()) {
      took = Duration.ZERO;
    }
    if (failure == null) {
      JobResult r = result == null ? JobResult.empty() : result;
      publish(new JobCompleted(run, end, took, r.output(), r.succeededItems(), r.failedItems()));
      succeeded.increment();
      finished();
    } else {
      failed(attempt, end, took, failure);
    }
  }

  private void failed(Attempt attempt, Instant end, Duration took, Throwable failure) {
    JobRun run = attempt.run();
    RetryPolicy policy = attempt.type().retryPolicy();
    JobError error = JobError.of(failure);
    failedAttempts.increment();
    if (policy.retriesAfter(run.attempt())) {
      Duration delay = policy.delayAfter(run.attempt());
      Instant dueAt = end.plus(delay);
      int nextAttempt = run.attempt() + 1;
      publish(
          JobFailed.builder(run).timestamp(end).duration(took).error(error).retryAt(dueAt).build());
      publish(
          JobRetrying.builder(run)
              .timestamp(end)
              .nextAttempt(nextAttempt)
              .maxAttempts(policy.maxAttempts())
              .delay(delay)
              .dueAt(dueAt)
              .lastError(error)
              .build());
      JobRun next = run.withAttempt(nextAttempt);
      publish(new JobEnqueued(next, end, dueAt, Trigger.RETRY, attempt.triggeredBy()));
      retries.increment();
      if (run.attempt() == 1) {
        retriedRuns.increment();
      }
      queue.offer(new Attempt(next, attempt.type(), attempt.triggeredBy()), dueAt);
    } else {
      synchronized (deadLetters) {
        deadLetters.add(new DeadLetter(run, end, error));
      }
      publish(
          JobFailed.builder(run)
              .timestamp(end)
              .duration(took)
              .error(error)
              .deadLettered(true)
              .build());
      deadLettered.increment();
      finished();
    }
  }

  private void finished() {
    synchronized (idleMonitor) {
      if (--inFlight == 0) {
        idleMonitor.notifyAll();
      }
    }
  }

  /** Publishes defensively: a publisher that breaks its contract must not kill a worker. */
  private void publish(JobEvent event) {
    try {
      publisher.publish(event);
    } catch (RuntimeException e) {
      publishFailures.increment();
      log.warn(
          "publisher threw on {} of run {}", event.getClass().getSimpleName(), event.runId(), e);
    }
  }

  /** Configures a {@link JobRunner}. */
  public static final class Builder {
    private JobEventPublisher publisher;
    private Clock clock = Clock.systemUTC();
    private int workers = 4;
    private String workerName = "worker";
    private final Map<String, JobType> types = new LinkedHashMap<>();

    private Builder() {}

    /** Where lifecycle events go; required. */
    public Builder publisher(JobEventPublisher publisher) {
      this.publisher = Objects.requireNonNull(publisher, "publisher");
      return this;
    }

    /**
     * The time source for timestamps, durations and due times; default {@link Clock#systemUTC()}.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How many worker threads; default 4. */
    public Builder workers(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("workers must be >= 1, was " + count);
      }
      this.workers = count;
      return this;
    }

    /** The prefix of worker ids and thread names ({@code prefix-1}, …); default {@code worker}. */
    public Builder workerName(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (prefix.isBlank()) {
        throw new IllegalArgumentException("prefix must not be blank");
      }
      this.workerName = prefix;
      return this;
    }

    /** Adds a job type; its id must be unique. */
    public Builder register(JobType type) {
      Objects.requireNonNull(type, "type");
      if (types.putIfAbsent(type.id(), type) != null) {
        throw new IllegalArgumentException("job type '" + type.id() + "' is registered twice");
      }
      return this;
    }

    /** Builds the runner and starts its workers. */
    public JobRunner build() {
      if (publisher == null) {
        throw new IllegalStateException(
            "publisher is required (JobEventPublisher.noop() for none)");
      }
      if (types.isEmpty()) {
        throw new IllegalStateException("register at least one job type");
      }
      return new JobRunner(this);
    }
  }
}
