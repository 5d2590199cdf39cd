package dev.zapjobs.events.quartz;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.JobFailed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A publisher in front of another: records every event in publish order, counts the runs that have
 * ended (a {@code JobCompleted}, or a {@code JobFailed} that is not retried), then passes the event
 * on. What the adapter published, as seen on Quartz's threads.
 */
final class Recorder implements JobEventPublisher {
  private final JobEventPublisher next;
  private final List<JobEvent> events = new ArrayList<>();
  private final Set<String> ended = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;

  Recorder(JobEventPublisher next) {
    this.next = next;
  }

  @Override
  public void publish(JobEvent event) {
    if (cut) {
      return;
    }
    synchronized (events) {
      events.add(event);
    }
    if (event instanceof JobCompleted || event instanceof JobFailed f && !f.willRetry()) {
      ended.add(event.runId());
    }
    next.publish(event);
  }

  /** From now on, events are dropped: what a node that died would publish. */
  void cut() {
    cut = true;
  }

  /** How many runs have ended. */
  int endedRuns() {
    return ended.size();
  }

  List<JobEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** The events of each run, in publish order, runs in the order of their first event. */
  Map<String, List<JobEvent>> byRun() {
    return byRun(events());
  }

  static Map<String, List<JobEvent>> byRun(List<? extends JobEvent> events) {
    Map<String, List<JobEvent>> runs = new LinkedHashMap<>();
    for (JobEvent e : events) {
      runs.computeIfAbsent(e.runId(), id -> new ArrayList<>()).add(e);
    }
    return runs;
  }
}
