package dev.zapjobs.events.test;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.JobFailed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link JobEventPublisher} that records every event, in publish order, for tests of the code
 * that publishes them: a job system, an adapter, a scheduler hook. Thread-safe: job systems publish
 * from their worker threads.
 *
 * <pre>{@code
 * RecordingPublisher events = new RecordingPublisher();
 * YourScheduler scheduler = new YourScheduler(events);      // the job system under test
 * String runId = scheduler.submit("nightly-report");
 *
 * assertTrue(events.awaitEndOf(runId, Duration.ofSeconds(10)));
 * assertThatEvents(events.eventsOf(runId))
 *     .are("Enqueued#1(API)", "Started#1", "Completed#1")
 *     .everyRunFollowsTheLifecycle();
 * }</pre>
 *
 * <p>{@link #forwardingTo(JobEventPublisher)} records and then hands each event on, for example to
 * a dispatcher, so a test sees both what was published and what the handlers made of it.
 */
public final class RecordingPublisher implements JobEventPublisher {
  private final Object lock = new Object();
  private final List<JobEvent> events = new ArrayList<>(); // guarded by lock
  private final JobEventPublisher next;

  /** A publisher that only records. */
  public RecordingPublisher() {
    this(null);
  }

  private RecordingPublisher(JobEventPublisher next) {
    this.next = next;
  }

  /**
   * A publisher that records each event and then publishes it to {@code next} (a dispatcher, or a
   * lambda that reacts to events, such as one that moves a test clock on each {@code JobRetrying}).
   */
  public static RecordingPublisher forwardingTo(JobEventPublisher next) {
    return new RecordingPublisher(Objects.requireNonNull(next, "next"));
  }

  /**
   * Records the event (and forwards it, if this publisher forwards).
   *
   * @throws NullPointerException if {@code event} is null, as the dispatcher does
   */
  @Override
  public void publish(JobEvent event) {
    Objects.requireNonNull(event, "event");
    synchronized (lock) {
      events.add(event);
      lock.notifyAll();
    }
    if (next != null) {
      next.publish(event);
    }
  }

  /** Every event recorded so far, in publish order (a copy). */
  public List<JobEvent> events() {
    synchronized (lock) {
      return List.copyOf(events);
    }
  }

  /** The events of type {@code type} recorded so far, in publish order. */
  public <E extends JobEvent> List<E> events(Class<E> type) {
    Objects.requireNonNull(type, "type");
    return events().stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The events of run {@code runId} recorded so far, in publish order. */
  public List<JobEvent> eventsOf(String runId) {
    Objects.requireNonNull(runId, "runId");
    return events().stream().filter(e -> e.runId().equals(runId)).toList();
  }

  /** The events of run {@code runId} and of type {@code type}, in publish order. */
  public <E extends JobEvent> List<E> eventsOf(String runId, Class<E> type) {
    Objects.requireNonNull(type, "type");
    return eventsOf(runId).stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The ids of the runs seen so far, in the order of their first event. */
  public List<String> runIds() {
    Set<String> ids = new LinkedHashSet<>();
    for (JobEvent e : events()) {
      ids.add(e.runId());
    }
    return List.copyOf(ids);
  }

  /** How many events were recorded. */
  public int size() {
    synchronized (lock) {
      return events.size();
    }
  }

  /** Forgets every event recorded so far. */
  public void clear() {
    synchronized (lock) {
      events.clear();
    }
  }

  /**
   * Waits until {@code condition} holds for the events recorded so far (checked now and after each
   * new event), or the timeout passes. For job systems that publish from their own threads.
   *
   * <pre>{@code
   * assertTrue(events.await(all -> all.size() >= 6, Duration.ofSeconds(10)));
   * }</pre>
   *
   * @return true if the condition holds, false on timeout
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean await(Predicate<? super List<JobEvent>> condition, Duration timeout)
      throws InterruptedException {
    Objects.requireNonNull(condition, "condition");
    long deadline = System.nanoTime() + Objects.requireNonNull(timeout, "timeout").toNanos();
    synchronized (lock) {
      while (!condition.test(List.copyOf(events))) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  /**
   * Waits until run {@code runId} has ended — its {@code JobCompleted}, or a {@code JobFailed} that
   * will not be retried, was recorded — or the timeout passes.
   *
   * @return true if the run ended, false on timeout
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean awaitEndOf(String runId, Duration timeout) throws InterruptedException {
    Objects.requireNonNull(runId, "runId");
    return await(all -> all.stream().anyMatch(e -> e.runId().equals(runId) && ends(e)), timeout);
  }

  static boolean ends(JobEvent e) {
    return e instanceof JobCompleted || (e instanceof JobFailed f && !f.willRetry());
  }

  /** How many events were recorded, and their notation (see {@link EventNotation}). */
  @Override
  public String toString() {
    List<JobEvent> all = events();
    return "RecordingPublisher[" + all.size() + " events: " + EventNotation.of(all) + "]";
  }
}
