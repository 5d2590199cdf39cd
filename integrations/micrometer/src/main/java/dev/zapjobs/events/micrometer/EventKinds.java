package dev.zapjobs.events.micrometer;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;

/** The five event types as small indexes, so that meters are found without building strings. */
final class EventKinds {
  /** How many kinds there are. */
  static final int COUNT = 5;

  /** The tag value of each kind: the event type's simple name. */
  private static final String[] NAMES = {
    "JobEnqueued", "JobStarted", "JobCompleted", "JobFailed", "JobRetrying"
  };

  private EventKinds() {}

  /** The index of {@code event}'s type, 0 to {@link #COUNT} - 1. */
  static int of(JobEvent event) {
    if (event instanceof JobEnqueued) {
      return 0;
    } else if (event instanceof JobStarted) {
      return 1;
    } else if (event instanceof JobCompleted) {
      return 2;
    } else if (event instanceof JobFailed) {
      return 3;
    } else if (event instanceof JobRetrying) {
      return 4;
    }
    // JobEvent is sealed to the five types above.
    throw new IllegalArgumentException("not a job event type: " + event.getClass().getName());
  }

  /** The tag value of kind {@code index}. */
  static String name(int index) {
    return NAMES[index];
  }
}
