package dev.zapjobs.events.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link JobEventDispatcher#close(Duration)} achieved: whether it drained, and the final
 * stats.
 */
public final class CloseReport {
  private final boolean drained;
  private final Duration took;
  private final DispatcherStats stats;

  /** Made by the dispatcher. */
  public CloseReport(boolean drained, Duration took, DispatcherStats stats) {
    this.drained = drained;
    this.took = Objects.requireNonNull(took, "took");
    this.stats = Objects.requireNonNull(stats, "stats");
  }

  /**
   * True if every accepted event was settled (delivered, failed or dropped) before the deadline;
   * false if some were left, as {@link DispatcherStats#pending()} shows. When {@code close} was
   * called from inside a handler, that handler's own call cannot end before close returns: it is
   * not waited for, shows as {@linkplain HandlerStats#inFlight() in flight}, and does not make the
   * report undrained; the events queued behind it are not delivered and do.
   */
  public boolean drained() {
    return drained;
  }

  /** How long closing took. */
  public Duration took() {
    return took;
  }

  /** The accounting at the moment close returned. */
  public DispatcherStats stats() {
    return stats;
  }

  @Override
  public String toString() {
    return (drained
            ? "closed in " + took.toMillis() + " ms, every event settled"
            : "closed at the deadline after "
                + took.toMillis()
                + " ms with "
                + stats.pending()
                + " deliveries left undelivered")
        + System.lineSeparator()
        + stats;
  }
}
