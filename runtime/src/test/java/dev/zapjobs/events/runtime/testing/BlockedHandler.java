package dev.zapjobs.events.runtime.testing;

import dev.zapjobs.events.JobEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Records each event, then blocks on a gate until {@link #release()}. {@link #awaitEntered()}
 * returns once a call is inside the handler, so a test knows that the handler holds one event and
 * its queue is empty. The wait is interruptible: an interrupt ends the call with an {@link
 * InterruptedException}.
 */
public final class BlockedHandler implements FunctionBinding.Sync {
  private static final long GIVE_UP_SECONDS = 60;

  private final CountDownLatch gate = new CountDownLatch(1);
  private final Semaphore entered = new Semaphore(0);
  private final List<JobEvent> received = new CopyOnWriteArrayList<>();

  @Override
  public void accept(JobEvent e) throws InterruptedException {
    received.add(e);
    entered.release();
    if (!gate.await(GIVE_UP_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("BlockedHandler was never released");
    }
  }

  /** Waits until a call has entered the handler (one permit per call). */
  public void awaitEntered() throws InterruptedException {
    if (!entered.tryAcquire(GIVE_UP_SECONDS, TimeUnit.SECONDS)) {
      throw new AssertionError("BlockedHandler was never called");
    }
  }

  /** Opens the gate for good: the current call and every later one return at once. */
  public void release() {
    gate.countDown();
  }

  /** The events received so far (including the one it is blocked on), in order. */
  public List<JobEvent> received() {
    return List.copyOf(received);
  }
}
