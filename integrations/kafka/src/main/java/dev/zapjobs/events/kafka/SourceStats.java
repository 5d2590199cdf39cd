package dev.zapjobs.events.kafka;

/**
 * A snapshot of a {@link KafkaSource}'s accounting, on top of its dispatcher's own ({@code
 * source.dispatcher().stats()}). In every snapshot taken while the source is stopped or idle:
 *
 * <pre>
 * received  == published + undecodable + buffered + discarded
 * published == settled + inFlight + abandoned
 * </pre>
 *
 * (while records flow the counters are read one after another and may be a few records apart).
 */
public final class SourceStats {
  private final long received;
  private final long published;
  private final long settled;
  private final long inFlight;
  private final long undecodable;
  private final long buffered;
  private final long discarded;
  private final long abandoned;
  private final long droppedDeliveries;
  private final long offsetsCommitted;
  private final long commitFailures;
  private final long backPressurePauses;
  private final long partitionsRevoked;

  /** Made by the source; exposed for tests of code that consumes stats. */
  public SourceStats(
      long received,
      long published,
      long settled,
      long inFlight,
      long undecodable,
      long buffered,
      long discarded,
      long abandoned,
      long droppedDeliveries,
      long offsetsCommitted,
      long commitFailures,
      long backPressurePauses,
      long partitionsRevoked) {
    this.received = received;
    this.published = published;
    this.settled = settled;
    this.inFlight = inFlight;
    this.undecodable = undecodable;
    this.buffered = buffered;
    this.discarded = discarded;
    this.abandoned = abandoned;
    this.droppedDeliveries = droppedDeliveries;
    this.offsetsCommitted = offsetsCommitted;
    this.commitFailures = commitFailures;
    this.backPressurePauses = backPressurePauses;
    this.partitionsRevoked = partitionsRevoked;
  }

  /** Records fetched from the topic. */
  public long received() {
    return received;
  }

  /** Events decoded and published into the dispatcher. */
  public long published() {
    return published;
  }

  /** Published events that every handler has settled (delivered, failed, or dropped). */
  public long settled() {
    return settled;
  }

  /** Published events that some handler has not settled yet. */
  public long inFlight() {
    return inFlight;
  }

  /** Records skipped because they are not job events this codec can read (each one is logged). */
  public long undecodable() {
    return undecodable;
  }

  /** Records fetched and waiting for room under the in-flight bound. */
  public long buffered() {
    return buffered;
  }

  /**
   * Records fetched but never published, because their partition was revoked or the source closed
   * first. Their offsets were not committed: the partition's next owner reads them.
   */
  public long discarded() {
    return discarded;
  }

  /**
   * Events published but not settled when their partition was revoked (or lost), after the wait for
   * them. Their offsets were not committed, so the partition's next owner delivers them again:
   * these are the duplicates at-least-once allows. (This node's handlers still get them too.)
   */
  public long abandoned() {
    return abandoned;
  }

  /**
   * Deliveries the dispatcher dropped (a handler's queue or the intake was full). The source counts
   * the event as settled for that handler, which therefore never sees it; with the in-flight bound
   * below every queue's capacity this happens only if something else publishes into the same
   * dispatcher. Each drop is logged.
   */
  public long droppedDeliveries() {
    return droppedDeliveries;
  }

  /**
   * How far the committed offsets advanced while this source owned the partitions, summed over
   * partitions: the number of records committed (on a topic without gaps in its offsets).
   */
  public long offsetsCommitted() {
    return offsetsCommitted;
  }

  /** Commits that failed (the offsets are committed with the next one). */
  public long commitFailures() {
    return commitFailures;
  }

  /** Times the source paused its partitions because the in-flight bound was reached. */
  public long backPressurePauses() {
    return backPressurePauses;
  }

  /** Partitions taken from this source by rebalances (or lost). */
  public long partitionsRevoked() {
    return partitionsRevoked;
  }

  @Override
  public String toString() {
    return "received="
        + received
        + " published="
        + published
        + " settled="
        + settled
        + " inFlight="
        + inFlight
        + " undecodable="
        + undecodable
        + " buffered="
        + buffered
        + " discarded="
        + discarded
        + " abandoned="
        + abandoned
        + " droppedDeliveries="
        + droppedDeliveries
        + " offsetsCommitted="
        + offsetsCommitted
        + " commitFailures="
        + commitFailures
        + " backPressurePauses="
        + backPressurePauses
        + " partitionsRevoked="
        + partitionsRevoked;
  }
}
