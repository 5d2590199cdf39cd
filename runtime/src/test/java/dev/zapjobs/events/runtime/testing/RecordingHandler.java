package dev.zapjobs.events.runtime.testing;

import dev.zapjobs.events.JobEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event it receives, in the order it receives them. */
public final class RecordingHandler implements FunctionBinding.Sync {
  private final List<JobEvent> received = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  @Override
  public void accept(JobEvent e) {
    threads.add(Thread.currentThread());
    received.add(e);
  }

  /** The events received so far, in order. */
  public List<JobEvent> received() {
    return List.copyOf(received);
  }

  /** How many events were received. */
  public int count() {
    return received.size();
  }

  /** The thread of every call, in order. */
  public List<Thread> threads() {
    return List.copyOf(threads);
  }
}
