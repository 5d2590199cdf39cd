package dev.zapjobs.events.runtime.testing;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.SlowHandlerListener;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A slow-handler listener that blocks the thread it is called on — the dispatcher's own thread —
 * until {@link #release()}: while it is held, nothing drains the intake, so a test can fill the
 * intake exactly. Install it with a short slow-handler threshold and a handler that stays blocked.
 */
public final class BlockingListener implements SlowHandlerListener {
  private static final long GIVE_UP_SECONDS = 30;

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch gate = new CountDownLatch(1);

  @Override
  public void onSlowHandler(String handlerName, JobEvent event, Duration runningFor) {
    entered.countDown();
    try {
      gate.await(GIVE_UP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until the dispatcher thread is held in the listener. */
  public void awaitHeld() throws InterruptedException {
    if (!entered.await(GIVE_UP_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("the slow-handler listener was never called");
    }
  }

  /** Lets the dispatcher thread go (for good: later calls return at once). */
  public void release() {
    gate.countDown();
  }
}
