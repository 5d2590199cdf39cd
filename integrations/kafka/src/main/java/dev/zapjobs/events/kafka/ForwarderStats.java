package dev.zapjobs.events.kafka;

/**
 * A snapshot of a {@link KafkaForwarder}'s accounting: {@code forwarded() == acknowledged() +
 * failed() + pending()} in every snapshot.
 *
 * <p>Registered on a dispatcher, the forwarder's handler statistics tell the same story from the
 * dispatcher's side ({@code dispatcher.stats().handler(KafkaForwarder.HANDLER_ID)}): its {@code
 * delivered()} is {@link #acknowledged()} (a call is delivered when Kafka acknowledged the record),
 * its {@code failed()} is {@link #failed()}, and its {@code dropped()} counts the events that never
 * reached the forwarder because its queue was full.
 */
public final class ForwarderStats {
  private final long forwarded;
  private final long acknowledged;
  private final long failed;

  /** Made by the forwarder; exposed for tests of code that consumes stats. */
  public ForwarderStats(long forwarded, long acknowledged, long failed) {
    this.forwarded = forwarded;
    this.acknowledged = acknowledged;
    this.failed = failed;
  }

  /** Events handed to the forwarder (calls of {@link KafkaForwarder#forward}). */
  public long forwarded() {
    return forwarded;
  }

  /** Events written to the topic and acknowledged by Kafka (by every in-sync replica). */
  public long acknowledged() {
    return acknowledged;
  }

  /**
   * Events that did not reach Kafka: the producer failed them (delivery timeout, an error the
   * broker returned, the forwarder closed before they were acknowledged) or they could not be
   * encoded. Each is also logged.
   */
  public long failed() {
    return failed;
  }

  /** Events on their way: handed to the producer or waiting for it, not yet acknowledged. */
  public long pending() {
    return forwarded - acknowledged - failed;
  }

  @Override
  public String toString() {
    return "forwarded="
        + forwarded
        + " acknowledged="
        + acknowledged
        + " failed="
        + failed
        + " pending="
        + pending();
  }
}
