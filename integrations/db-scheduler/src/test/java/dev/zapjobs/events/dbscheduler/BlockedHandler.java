package dev.zapjobs.events.dbscheduler;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.OnJobEvent;
import java.util.concurrent.CountDownLatch;

/** Blocks on its first event until released: jobs must complete meanwhile. */
public final class BlockedHandler {
  private final CountDownLatch release;
  private final CountDownLatch entered = new CountDownLatch(1);

  /** A handler that blocks until {@code release} opens. */
  public BlockedHandler(CountDownLatch release) {
    this.release = release;
  }

  /** A handler that never blocks. */
  public BlockedHandler() {
    this(new CountDownLatch(0));
  }

  @OnJobEvent
  void on(JobEvent e) throws InterruptedException {
    entered.countDown();
    release.await();
  }

  /** Whether a call is (or was) blocked inside the handler. */
  public boolean entered() {
    return entered.getCount() == 0;
  }
}
