package dev.zapjobs.events.runtime;

/**
 * What a handler's queue does when an event arrives and the queue is full. Whatever the policy, the
 * publishing job thread never waits, and every dropped event is counted in {@link
 * HandlerStats#dropped(DropReason)} and logged (rate-limited).
 */
public enum OverflowPolicy {
  /** Keep what is queued; drop the arriving event ({@link DropReason#QUEUE_FULL}). The default. */
  DROP_NEWEST,
  /**
   * Drop the oldest queued event ({@link DropReason#EVICTED}) to make room for the arriving one:
   * the handler sees the most recent events. The dispatcher never waits for room: if the handler's
   * thread is paused just as it takes the oldest event out, the arriving one is held back and
   * queued on the dispatcher's next pass.
   */
  DROP_OLDEST
}
