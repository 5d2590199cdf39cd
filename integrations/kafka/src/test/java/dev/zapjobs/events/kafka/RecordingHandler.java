package dev.zapjobs.events.kafka;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.OnJobEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records, per run, the sequence numbers of the events it receives, and every order violation: an
 * event whose sequence number is not greater than the last one of its run seen by this handler.
 */
final class RecordingHandler {
  final Map<String, List<Integer>> runs = new ConcurrentHashMap<>();
  final List<String> outOfOrder = new ArrayList<>();
  final AtomicLong received = new AtomicLong();

  @OnJobEvent
  void on(JobEvent event) {
    List<Integer> seen = runs.computeIfAbsent(event.runId(), r -> new ArrayList<>());
    int seq = TestRuns.sequenceOf(event);
    synchronized (seen) { // the test reads the lists while events arrive
      if (!seen.isEmpty() && seen.get(seen.size() - 1) >= seq) {
        synchronized (outOfOrder) {
          outOfOrder.add(event.runId() + ": " + seq + " after " + seen);
        }
      }
      seen.add(seq);
    }
    received.incrementAndGet();
  }
}
