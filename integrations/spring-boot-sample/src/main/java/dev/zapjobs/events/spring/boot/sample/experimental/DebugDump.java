package dev.zapjobs.events.spring.boot.sample.experimental;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.OnJobEvent;

/**
 * A handler left out by zapjobs.events.handlers.exclude in application.properties: it is never
 * bound, so it is never created and receives nothing.
 */
public class DebugDump {
  @OnJobEvent
  static void dump(JobEvent e) {
    System.out.println("DEBUG " + e);
  }
}
