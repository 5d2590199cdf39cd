package dev.zapjobs.events.test.handlers;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.OnJobEvent;
import java.util.ArrayList;
import java.util.List;

/** Records every event it receives, and the thread it received it on. Not final: subclassed. */
public class Audit {
  private final List<JobEvent> received = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  @OnJobEvent
  synchronized void on(JobEvent event) {
    received.add(event);
    threads.add(Thread.currentThread());
  }

  /** What it received, in order. */
  public synchronized List<JobEvent> received() {
    return List.copyOf(received);
  }

  /** The thread of each call, in order. */
  public synchronized List<Thread> threads() {
    return List.copyOf(threads);
  }
}
