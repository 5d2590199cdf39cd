package dev.zapjobs.events.runtime.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The wake-up handshake between publishers and the sleeping dispatcher thread: one wake-up per
 * quiet period, none per event.
 *
 * <p>The dispatcher thread {@linkplain #announce announces} that it is going to sleep, then looks
 * for work once more, and parks only if it finds none. A publisher hands its event over first and
 * {@linkplain #wake looks} for the announcement after. Both the announcement and the hand-over are
 * volatile writes followed by a volatile read of the other's, so at least one side sees the other:
 * either the dispatcher sees the event and does not park, or the publisher sees the announcement
 * and unparks it (an unpark that comes before the park makes the park return at once). No wake-up
 * is lost. The flag is cleared by whoever wins it, so a quiet period costs one unpark.
 */
final class Sleeper {
  private final AtomicBoolean asleep = new AtomicBoolean();
  private volatile Thread thread;

  /** The thread that sleeps; set once, before it starts. */
  void setThread(Thread thread) {
    this.thread = thread;
  }

  /** Dispatcher thread: about to sleep; look for work once more before parking. */
  void announce() {
    asleep.set(true);
  }

  /** Dispatcher thread: awake again (woken, timed out, or it found work). */
  void awake() {
    asleep.set(false);
  }

  /** Publisher, after its hand-over: true if this call must unpark the dispatcher thread. */
  boolean claimWakeUp() {
    return asleep.get()
        && asleep.compareAndSet(true, false); // a plain read first: no CAS per event
  }

  /** Publisher, after its hand-over: unparks the dispatcher thread if it announced sleep. */
  void wake() {
    if (claimWakeUp()) {
      LockSupport.unpark(thread);
    }
  }
}
