package dev.zapjobs.events.jobrunr;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.OnJobEvent;

/** Throws on every event: the scheduler must never see it. */
public final class ThrowingHandler {
  @OnJobEvent
  void on(JobEvent e) {
    throw new IllegalStateException("handler failure on " + e.runId());
  }
}
