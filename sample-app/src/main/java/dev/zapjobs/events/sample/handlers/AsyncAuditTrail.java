package dev.zapjobs.events.sample.handlers;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.OnJobEvent;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * An asynchronous handler: writes an audit record of every attempt's outcome to a (simulated)
 * remote store and returns the write's {@link CompletableFuture}. The dispatcher counts the event
 * as delivered when the future completes, and as failed if it fails or times out; no dispatcher
 * thread waits for the write meanwhile.
 */
public final class AsyncAuditTrail {
  private final Executor store;
  private final Queue<String> records = new ConcurrentLinkedQueue<>();

  /** Writes with a 2 ms simulated latency. */
  public AsyncAuditTrail() {
    this(CompletableFuture.delayedExecutor(2, TimeUnit.MILLISECONDS));
  }

  /** Writes on {@code store}, which stands for the remote store's client. */
  public AsyncAuditTrail(Executor store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Audits a successful attempt. */
  @OnJobEvent
  public CompletableFuture<Void> record(JobCompleted e) {
    return write(e, "completed in " + e.duration().toMillis() + " ms");
  }

  /** Audits a failed attempt. */
  @OnJobEvent
  public CompletableFuture<Void> record(JobFailed e) {
    return write(
        e,
        "failed: " + e.error().message() + (e.deadLettered() ? " (dead-lettered)" : " (retrying)"));
  }

  private CompletableFuture<Void> write(JobEvent e, String what) {
    String line = e.runId() + " " + e.jobTypeId() + "#" + e.attempt() + " " + what;
    return CompletableFuture.runAsync(() -> records.add(line), store);
  }

  /** The audit records written so far. */
  public List<String> records() {
    return List.copyOf(records);
  }
}
