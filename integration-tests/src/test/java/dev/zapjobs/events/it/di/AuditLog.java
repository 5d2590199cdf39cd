package dev.zapjobs.events.it.di;

import dev.zapjobs.events.JobEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The dependency the containers inject into the handlers: records what each handler received. */
public final class AuditLog {
  private final List<String> byType = new CopyOnWriteArrayList<>();
  private final List<JobEvent> everything = new CopyOnWriteArrayList<>();

  /** Called by the per-type handler methods. */
  void recordTyped(JobEvent event) {
    byType.add(event.getClass().getSimpleName());
  }

  /** Called by the {@code JobEvent} handler method, which sees every event in publish order. */
  void recordAny(JobEvent event) {
    everything.add(event);
  }

  /** Simple names of the event types that the per-type methods received, in arrival order. */
  public List<String> typed() {
    return List.copyOf(byType);
  }

  /** The events the catch-all method received, in arrival order. */
  public List<JobEvent> any() {
    return List.copyOf(everything);
  }
}
