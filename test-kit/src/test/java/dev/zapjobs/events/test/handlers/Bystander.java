package dev.zapjobs.events.test.handlers;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.OnJobEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A handler on the test class path that no test puts under test: its binding is discovered with
 * every other, and the extension must keep it out. It counts its calls in a static list, since the
 * dispatcher would make its own instance with the no-arg constructor.
 */
public final class Bystander {
  /** Every event any instance received. */
  public static final List<JobEvent> RECEIVED = new CopyOnWriteArrayList<>();

  @OnJobEvent
  void on(JobEvent event) {
    RECEIVED.add(event);
  }
}
