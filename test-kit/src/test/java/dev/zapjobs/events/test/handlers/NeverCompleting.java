package dev.zapjobs.events.test.handlers;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.OnJobEvent;
import java.util.concurrent.CompletableFuture;

/** An asynchronous handler whose stage never completes. */
public final class NeverCompleting {
  @OnJobEvent
  CompletableFuture<Void> onCompleted(JobCompleted event) {
    return new CompletableFuture<>();
  }
}
