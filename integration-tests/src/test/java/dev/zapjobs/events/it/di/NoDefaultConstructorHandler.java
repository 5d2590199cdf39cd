package dev.zapjobs.events.it.di;

import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.OnJobEvent;

/** Instance handlers, and no no-arg constructor: without a resolver nothing can make one. */
final class NoDefaultConstructorHandler {
  private final AuditLog log;

  NoDefaultConstructorHandler(AuditLog log) {
    this.log = log;
  }

  @OnJobEvent
  void onFailed(JobFailed e) {
    log.recordTyped(e);
  }
}
