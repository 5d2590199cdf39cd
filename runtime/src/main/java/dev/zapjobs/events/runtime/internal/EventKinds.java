package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;

/** Maps the five event records to small indexes, and handler parameter types to bit masks. */
public final class EventKinds {
  /** How many concrete event kinds exist. */
  public static final int COUNT = 5;

  private static final int ALL = (1 << COUNT) - 1;

  private EventKinds() {}

  /** The index (0..4) of an event's kind. */
  public static int of(JobEvent e) {
    if (e instanceof JobStarted) {
      return 1;
    } else if (e instanceof JobCompleted) {
      return 2;
    } else if (e instanceof JobFailed) {
      return 3;
    } else if (e instanceof JobRetrying) {
      return 4;
    } else if (e instanceof JobEnqueued) {
      return 0;
    }
    throw new IllegalArgumentException("not a known event type: " + e.getClass().getName());
  }

  /** The kinds a handler taking {@code type} receives, as a bit mask over {@link #of} indexes. */
  public static int maskOf(Class<? extends JobEvent> type) {
    if (type == JobEvent.class) {
      return ALL;
    } else if (type == JobEnqueued.class) {
      return 1;
    } else if (type == JobStarted.class) {
      return 1 << 1;
    } else if (type == JobCompleted.class) {
      return 1 << 2;
    } else if (type == JobFailed.class) {
      return 1 << 3;
    } else if (type == JobRetrying.class) {
      return 1 << 4;
    }
    throw new IllegalArgumentException("not an event type: " + type.getName());
  }
}
