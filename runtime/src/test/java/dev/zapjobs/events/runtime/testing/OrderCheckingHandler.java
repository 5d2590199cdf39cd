package dev.zapjobs.events.runtime.testing;

import dev.zapjobs.events.JobEvent;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks, for events made by {@link Events#numbered}, that each run's events arrive in publish
 * order (strictly increasing sequence numbers; gaps are allowed, since drops are) and that the
 * handler is never called by two threads at once. Records the problems it sees rather than
 * throwing, so a test can report them all.
 */
public final class OrderCheckingHandler implements FunctionBinding.Sync {
  private static final int MAX_PROBLEMS = 20;

  private final AtomicIntegerArray lastSeq;
  private final AtomicInteger inside = new AtomicInteger();
  private final AtomicLong calls = new AtomicLong();
  private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
  private final AtomicInteger problemCount = new AtomicInteger();
  private final String name;

  /** A checker for runs {@code 0 .. runs-1}. */
  public OrderCheckingHandler(String name, int runs) {
    this.name = name;
    this.lastSeq = new AtomicIntegerArray(runs);
  }

  @Override
  public void accept(JobEvent e) {
    if (inside.incrementAndGet() != 1) {
      problem("called by two threads at once");
    }
    calls.incrementAndGet();
    int run = Events.runIndex(e);
    int seq = e.attempt();
    int last = lastSeq.get(run);
    if (seq <= last) {
      problem("run " + run + ": event " + seq + " arrived after event " + last);
    }
    lastSeq.set(run, seq);
    inside.decrementAndGet();
  }

  private void problem(String what) {
    if (problemCount.incrementAndGet() <= MAX_PROBLEMS) {
      problems.add(name + ": " + what);
    }
  }

  /** Every call, whatever happened after the check. */
  public long calls() {
    return calls.get();
  }

  /** The last sequence number seen for {@code run} (0 if none). */
  public int lastSeq(int run) {
    return lastSeq.get(run);
  }

  /** The first problems seen (empty if none). */
  public List<String> problems() {
    return List.copyOf(problems);
  }
}
