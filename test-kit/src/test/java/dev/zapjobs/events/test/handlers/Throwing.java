package dev.zapjobs.events.test.handlers;

import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.OnJobEvent;

/** Throws on every failure it is told about: a handler with a bug. */
public final class Throwing {
  @OnJobEvent
  void onFailed(JobFailed event) {
    throw new IllegalStateException("bug in the handler for " + event.runId());
  }
}
