package dev.zapjobs.events.it.di;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.OnJobEvent;
import jakarta.inject.Inject;

/**
 * Handlers with a constructor-injected dependency and no no-arg constructor: only a container can
 * make one. Package-private methods, as users write them.
 */
final class GuiceAuditHandlers {
  private final AuditLog log;

  @Inject
  GuiceAuditHandlers(AuditLog log) {
    this.log = log;
  }

  @OnJobEvent
  void onEnqueued(JobEnqueued e) {
    log.recordTyped(e);
  }

  @OnJobEvent
  void onStarted(JobStarted e) {
    log.recordTyped(e);
  }

  @OnJobEvent
  void onCompleted(JobCompleted e) {
    log.recordTyped(e);
  }

  @OnJobEvent
  void onFailed(JobFailed e) {
    log.recordTyped(e);
  }

  @OnJobEvent
  void onRetrying(JobRetrying e) {
    log.recordTyped(e);
  }

  @OnJobEvent
  void onAny(JobEvent e) {
    log.recordAny(e);
  }
}
