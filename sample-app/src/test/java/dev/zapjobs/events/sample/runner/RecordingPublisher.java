package dev.zapjobs.events.sample.runner;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobEventPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Records every event in publish order; optionally reacts to each (for example, moves a clock). */
final class RecordingPublisher implements JobEventPublisher {
  private final List<JobEvent> events = new ArrayList<>();
  private final Consumer<JobEvent> reaction;

  RecordingPublisher() {
    this(event -> {});
  }

  RecordingPublisher(Consumer<JobEvent> reaction) {
    this.reaction = reaction;
  }

  @Override
  public void publish(JobEvent event) {
    synchronized (events) {
      events.add(event);
    }
    reaction.accept(event);
  }

  List<JobEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  List<JobEvent> eventsOf(String runId) {
    return events().stream().filter(e -> e.runId().equals(runId)).toList();
  }
}
