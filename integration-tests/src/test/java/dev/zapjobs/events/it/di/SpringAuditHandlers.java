package dev.zapjobs.events.it.di;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.OnJobEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.springframework.stereotype.Component;

/**
 * A Spring component whose only constructor takes its dependency; one handler is asynchronous and
 * one is public, to cover those shapes under a container too.
 */
@Component
final class SpringAuditHandlers {
  private final AuditLog log;

  SpringAuditHandlers(AuditLog log) {
    this.log = log;
  }

  @OnJobEvent
  public void onEnqueued(JobEnqueued e) {
    log.recordTyped(e);
  }

  @OnJobEvent
  void onStarted(JobStarted e) {
    log.recordTyped(e);
  }

  @OnJobEvent
  CompletionStage<Void> onCompleted(JobCompleted e) {
    return CompletableFuture.runAsync(() -> log.recordTyped(e));
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
