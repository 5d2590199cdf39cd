package dev.zapjobs.events.dbscheduler;

import dev.zapjobs.events.JobEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Keeps the events of one task instance in lifecycle order on this node, although db-scheduler
 * commits a retry (or the next recurrence) before the attempt that caused it has told its listeners
 * that it ended.
 *
 * <p>Each execution of an instance on this node opens a {@link Slot} when it starts, before it can
 * commit anything, and closes it when db-scheduler reports it complete. Only the oldest open slot
 * of an instance publishes at once; a younger one (the next attempt, picked by another thread in
 * the gap) holds its events until every older slot has closed, then they go out in order. A lane
 * exists only while an execution of its instance runs here, so the map stays as small as the thread
 * pool.
 *
 * <p>All changes to one lane happen inside {@link ConcurrentHashMap#compute}, which serialises them
 * per key; publishing there is safe because {@code publish} never blocks.
 */
final class RunLanes {
  private final ConcurrentHashMap<String, ArrayDeque<Slot>> lanes = new ConcurrentHashMap<>();
  private final Consumer<JobEvent> out;

  RunLanes(Consumer<JobEvent> out) {
    this.out = out;
  }

  /** One execution's place in its instance's lane. */
  static final class Slot {
    final String key;
    private final List<JobEvent> held = new ArrayList<>(4);
    private boolean closed;

    private Slot(String key) {
      this.key = key;
    }
  }

  /** Opens a slot for an execution of {@code key} that starts now. */
  Slot open(String key) {
    Slot slot = new Slot(key);
    lanes.compute(
        key,
        (k, lane) -> {
          ArrayDeque<Slot> l = lane == null ? new ArrayDeque<>(2) : lane;
          l.addLast(slot);
          return l;
        });
    return slot;
  }

  /** Publishes {@code event} of the execution in {@code slot}, or holds it behind older ones. */
  void emit(Slot slot, JobEvent event) {
    lanes.compute(
        slot.key,
        (k, lane) -> {
          if (lane == null || lane.peekFirst() == slot) {
            out.accept(event);
          } else {
            slot.held.add(event);
          }
          return lane;
        });
  }

  /**
   * Publishes the execution's last events (or holds them behind older slots) and closes its slot;
   * younger slots that waited only for this one publish what they held.
   */
  void close(Slot slot, List<JobEvent> last) {
    lanes.compute(
        slot.key,
        (k, lane) -> {
          if (lane == null) { // closed twice: nothing is waiting on it
            last.forEach(out);
            return null;
          }
          if (lane.peekFirst() == slot) {
            last.forEach(out);
          } else {
            slot.held.addAll(last);
          }
          slot.closed = true;
          while (!lane.isEmpty() && lane.peekFirst().closed) {
            lane.pollFirst();
            Slot next = lane.peekFirst();
            if (next != null) {
              next.held.forEach(out);
              next.held.clear();
            }
          }
          return lane.isEmpty() ? null : lane;
        });
  }

  /**
   * Publishes an event that belongs to no execution running here (a run enqueued by a client),
   * after whatever executions of the same instance are running here have published theirs.
   */
  void publish(String key, JobEvent event) {
    lanes.compute(
        key,
        (k, lane) -> {
          if (lane == null) {
            out.accept(event);
            return null;
          }
          Slot done = new Slot(key);
          done.held.add(event);
          done.closed = true;
          lane.addLast(done);
          return lane;
        });
  }

  /** How many instances have an execution open here (for tests). */
  int openLanes() {
    return lanes.size();
  }
}
