package dev.zapjobs.events.test.handlers;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.OnJobEvent;
import java.util.List;

/** An instance handler without a no-arg constructor: a test must pass its instance. */
public final class NeedsAStore {
  private final List<JobCompleted> store;

  /** Keeps what it receives in {@code store}. */
  public NeedsAStore(List<JobCompleted> store) {
    this.store = store;
  }

  @OnJobEvent
  void onCompleted(JobCompleted event) {
    store.add(event);
  }
}
