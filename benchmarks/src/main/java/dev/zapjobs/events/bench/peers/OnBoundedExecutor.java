package dev.zapjobs.events.bench.peers;

import java.util.concurrent.ThreadPoolExecutor;

/**
 * The base of every design that hands tasks to a single-thread executor with a bounded queue:
 * refused tasks are discarded and counted, each costing {@code deliveriesPerTask} deliveries.
 */
abstract class OnBoundedExecutor implements Design {
  private final Handlers.CountingDiscard onFull = new Handlers.CountingDiscard();
  private final int deliveriesPerTask;

  /** The executor, one thread, bounded queue. */
  protected final ThreadPoolExecutor executor;

  OnBoundedExecutor(String threadName, int deliveriesPerTask) {
    this.deliveriesPerTask = deliveriesPerTask;
    this.executor = Handlers.singleThreadBounded(threadName, onFull);
  }

  @Override
  public long lostDeliveries() {
    return onFull.rejected() * deliveriesPerTask;
  }

  @Override
  public void close() {
    Handlers.shutDown(executor);
  }
}
