package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.JobEventObserver;
import dev.zapjobs.events.runtime.Outcome;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The registered {@link JobEventObserver}s, called in registration order. An observer that throws
 * is logged (rate-limited) and never disturbs the handler, the job or the accounting. The engine
 * holds {@code null} instead of an empty instance, so that without observers it does no work.
 */
public final class Observers {
  private final JobEventObserver[] all;
  private final RateLimitedLog failureLog = new RateLimitedLog(1, TimeUnit.SECONDS);

  private Observers(List<JobEventObserver> observers) {
    this.all = observers.toArray(new JobEventObserver[0]);
  }

  /** The observers, or {@code null} when there are none. */
  public static Observers of(List<JobEventObserver> observers) {
    return observers.isEmpty() ? null : new Observers(observers);
  }

  void settled(HandlerId id, JobEvent event, Outcome outcome, long nanos, Throwable failure) {
    for (JobEventObserver o : all) {
      try {
        o.onSettled(id, event, outcome, nanos, failure);
      } catch (Throwable t) {
        failed(o, "onSettled", id, t);
      }
    }
  }

  void dropped(HandlerId id, JobEvent event, DropReason reason) {
    for (JobEventObserver o : all) {
      try {
        o.onDropped(id, event, reason);
      } catch (Throwable t) {
        failed(o, "onDropped", id, t);
      }
    }
  }

  private void failed(JobEventObserver o, String method, HandlerId id, Throwable t) {
    long held = failureLog.tryAcquire();
    if (held >= 0) {
      Hooks.logFailure("JobEventObserver " + o.getClass().getName() + "." + method, id, held, t);
    }
  }
}
