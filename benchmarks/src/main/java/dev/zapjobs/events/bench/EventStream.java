package dev.zapjobs.events.bench;

import dev.zapjobs.events.JobEvent;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Per publisher thread: the next event of the shared, pre-built cycle. */
@State(Scope.Thread)
public class EventStream {
  private final JobEvent[] events = Events.shared();
  private int next;

  /** The next event; allocates nothing. */
  public JobEvent next() {
    return events[next++ & (Events.CYCLE - 1)];
  }
}
