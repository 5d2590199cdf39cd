package dev.zapjobs.events.bench.peers;

import dev.zapjobs.events.JobEvent;

/**
 * One way of getting an event from the job thread to the benchmark handlers: the small adapter each
 * compared library or hand-rolled design gets. Every asynchronous design is given one consumer
 * thread and bounded queues; what a full queue refuses is dropped and counted, never blocked on.
 */
public interface Design extends AutoCloseable {

  /** Publishes {@code event} from the calling (job) thread. */
  void publish(JobEvent event);

  /**
   * Handler deliveries lost so far because a queue was full (an event refused for 4 handlers counts
   * 4), or {@code -1} when the design cannot drop (its queue is unbounded).
   */
  long lostDeliveries();

  /** Stops the design's threads; waits a little for what is queued. */
  @Override
  void close();
}
