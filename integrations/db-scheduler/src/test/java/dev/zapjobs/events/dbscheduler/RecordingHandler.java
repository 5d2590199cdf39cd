package dev.zapjobs.events.dbscheduler;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.OnJobEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records every event in delivery order (one handler method: the publish order of its node). */
public final class RecordingHandler {
  private final List<JobEvent> events = new ArrayList<>();

  @OnJobEvent
  synchronized void on(JobEvent e) {
    events.add(e);
  }

  /** The events so far, in delivery order. */
  public synchronized List<JobEvent> events() {
    return List.copyOf(events);
  }

  /** The events so far, by run id, each run's in delivery order. */
  public synchronized Map<String, List<JobEvent>> byRun() {
    Map<String, List<JobEvent>> runs = new LinkedHashMap<>();
    for (JobEvent e : events) {
      runs.computeIfAbsent(e.runId(), id -> new ArrayList<>()).add(e);
    }
    return runs;
  }
}
