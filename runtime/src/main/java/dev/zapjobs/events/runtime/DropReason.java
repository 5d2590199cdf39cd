package dev.zapjobs.events.runtime;

/** Why an event did not reach a handler. Each reason is counted per handler. */
public enum DropReason {
  /** The handler's queue was full and the policy was {@link OverflowPolicy#DROP_NEWEST}. */
  QUEUE_FULL,
  /**
   * Removed from a full queue to make room for a newer event, under {@link
   * OverflowPolicy#DROP_OLDEST}: the oldest queued event — or, in the rare moment when the
   * handler's thread is paused while taking the oldest out, the event held back for the slot it is
   * freeing.
   */
  EVICTED,
  /**
   * The dispatcher's shared intake ring was full, so the event was refused at {@code publish}: it
   * reaches none of the handlers that subscribe to it, and each of them counts it.
   */
  INTAKE_FULL
}
