package com.example.app.handlers;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.OnJobEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Handlers in a package that the module neither exports nor opens. */
public final class AuditHandlers {
  private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

  /** What every handler method received, as "method:EventType". */
  public static List<String> received() {
    return List.copyOf(RECEIVED);
  }

  @OnJobEvent
  public void onEnqueued(JobEnqueued e) {
    RECEIVED.add("onEnqueued:" + e.getClass().getSimpleName());
  }

  @OnJobEvent
  void onStarted(JobStarted e) {
    RECEIVED.add("onStarted:" + e.getClass().getSimpleName());
  }

  @OnJobEvent
  void onFailed(JobFailed e) {
    RECEIVED.add("onFailed:" + e.getClass().getSimpleName());
  }

  @OnJobEvent
  static void onRetrying(JobRetrying e) {
    RECEIVED.add("onRetrying:" + e.getClass().getSimpleName());
  }

  @OnJobEvent
  void onCompleted(JobCompleted e) {
    RECEIVED.add("onCompleted:" + e.getClass().getSimpleName());
  }

  @OnJobEvent
  void onAny(JobEvent e) {
    RECEIVED.add("onAny:" + e.getClass().getSimpleName());
  }
}
