package dev.zapjobs.events.quartz.internal;

import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/** What Quartz wraps around a job's exception, taken off; and the context of a listener failure. */
final class Errors {
  /** Quartz 2.5's wrapper (named, not linked: it is absent before 2.5). */
  private static final String PROCESS_EXCEPTION = "org.quartz.core.JobExecutionProcessException";

  private Errors() {}

  /**
   * The exception the job threw: {@code JobExecutionException}s that wrap a cause are taken off,
   * and so is the {@code SchedulerException} Quartz wraps around an exception that is not a {@code
   * JobExecutionException} ("Job threw an unhandled exception"). A {@code JobExecutionException}
   * without a cause is the job's own error and stays.
   */
  static Throwable unwrap(JobExecutionException thrown) {
    Throwable t = thrown;
    while (t instanceof JobExecutionException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t.getCause() != null
        && (t.getClass() == SchedulerException.class
            || t.getClass().getName().equals(PROCESS_EXCEPTION))) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Whether {@code error} says that a {@code JobListener} threw, not the job: Quartz reports both
   * to scheduler listeners while a fire runs, as "JobListener 'name' threw exception: …" and "Job
   * threw an unhandled exception" (the same words from 2.3 to 2.5).
   */
  static boolean isJobListenerFailure(SchedulerException error) {
    String message = error.getMessage();
    return message != null && message.startsWith("JobListener '");
  }
}
