package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobEvent;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The job types and queues a handler method is limited to ({@code @OnJobEvent(jobTypes = …, queues
 * = …)}). An event it does not accept is never queued for that handler and never counted against
 * it, not even when the intake refuses it: the intake counts such a drop per filter and kind
 * ({@link #countIntakeDrop}), for the handlers that would have taken the event. One instance is
 * shared by all handlers with the same filter.
 */
public final class EventFilter {
  private final Set<String> jobTypes;
  private final Set<String> queues;
  private final LongAdder[] intakeDropped = new LongAdder[EventKinds.COUNT];

  /**
   * A filter; at least one of the sets is non-empty.
   *
   * @param jobTypes the accepted job type ids; empty for every job type
   * @param queues the accepted queues; empty for every queue
   */
  public EventFilter(Set<String> jobTypes, Set<String> queues) {
    this.jobTypes = Set.copyOf(jobTypes);
    this.queues = Set.copyOf(queues);
    for (int k = 0; k < EventKinds.COUNT; k++) {
      intakeDropped[k] = new LongAdder();
    }
  }

  /** Whether a handler with this filter takes {@code e} (its event type aside). */
  public boolean accepts(JobEvent e) {
    return (jobTypes.isEmpty() || jobTypes.contains(e.jobTypeId()))
        && (queues.isEmpty() || queues.contains(e.queue()));
  }

  /** Counts an event of kind {@code kind} that the intake refused, if this filter accepts it. */
  void countIntakeDrop(JobEvent e, int kind) {
    if (accepts(e)) {
      intakeDropped[kind].increment();
    }
  }

  /** Intake drops this filter accepted, of the kinds in {@code mask}. */
  long intakeDropped(int mask) {
    long total = 0;
    for (int k = 0; k < EventKinds.COUNT; k++) {
      if ((mask & (1 << k)) != 0) {
        total += intakeDropped[k].sum();
      }
    }
    return total;
  }
}
