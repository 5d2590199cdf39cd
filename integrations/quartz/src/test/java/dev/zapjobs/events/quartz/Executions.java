package dev.zapjobs.events.quartz;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * What the jobs saw: each execution's run id, attempt and node, as the job itself read them with
 * {@link ZapJobsQuartz#runId} and {@link ZapJobsQuartz#attempt}. Put in the scheduler's context
 * under {@link #KEY}; also holds the latch that {@code block} jobs wait on.
 */
final class Executions {
  static final String KEY = "executions";

  /** One execution of a job. */
  record Execution(String runId, int attempt, String node) {}

  private final List<Execution> executions = new ArrayList<>();
  final CountDownLatch release = new CountDownLatch(1);
  final CountDownLatch blocked = new CountDownLatch(1);

  void executed(String runId, int attempt, String node) {
    synchronized (executions) {
      executions.add(new Execution(runId, attempt, node));
    }
  }

  List<Execution> all() {
    synchronized (executions) {
      return List.copyOf(executions);
    }
  }
}
