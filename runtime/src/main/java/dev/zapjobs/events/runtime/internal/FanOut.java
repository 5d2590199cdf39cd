package dev.zapjobs.events.runtime.internal;

import java.util.Arrays;

/**
 * Moves events from the intake ring into the handler queues, on the dispatcher thread: takes a
 * batch, and hands it out queue by queue (each handler's events stay in intake order). A handler
 * that takes every event of the batch gets it in one bulk offer.
 */
final class FanOut {
  /** The most events one pass takes from the intake. */
  static final int BATCH = 1024;

  private final MpscRing<Object> intake;
  private final HandlerQueue[] queues;

  /** The pass's batch: events (or envelopes) taken from the intake, not yet handed out. */
  private final Object[] batch = new Object[BATCH];

  /** The kind of each event in {@link #batch}. */
  private final byte[] kinds = new byte[BATCH];

  /** The events of {@link #batch} that one queue takes, when it takes only some. */
  private final Object[] picked = new Object[BATCH];

  /** Intake position up to which every taken event has been handed to the queues. */
  private volatile long fannedOut;

  FanOut(MpscRing<Object> intake, HandlerQueue[] queues) {
    this.intake = intake;
    this.queues = queues;
  }

  /** One pass: hands out up to a batch; returns how many events it took from the intake. */
  int pass() {
    int n = intake.drain(batch);
    if (n == 0) {
      return 0;
    }
    int present = 0;
    for (int i = 0; i < n; i++) {
      int k = EventKinds.of(Envelope.eventOf(batch[i]));
      kinds[i] = (byte) k;
      present |= 1 << k;
    }
    for (HandlerQueue q : queues) {
      Handler h = q.handler;
      if ((h.mask & present) == 0) {
        continue;
      }
      if ((h.mask & present) == present && h.filter == null) {
        q.enqueueAll(batch, n);
        continue;
      }
      int m = 0;
      for (int i = 0; i < n; i++) {
        // A filtered-out event is neither queued for this handler nor counted against it.
        if ((h.mask & (1 << kinds[i])) != 0 && h.accepts(Envelope.eventOf(batch[i]))) {
          picked[m++] = batch[i];
        }
      }
      if (m > 0) {
        q.enqueueAll(picked, m);
        Arrays.fill(picked, 0, m, null);
      }
    }
    Arrays.fill(batch, 0, n, null);
    fannedOut = intake.consumed();
    return n;
  }

  /** True when every event the intake accepted has been handed to the queues. */
  boolean caughtUp() {
    return fannedOut == intake.produced();
  }

  /** Accepted events not yet handed to the queues. */
  long backlog() {
    return Math.max(0, intake.produced() - fannedOut);
  }

  /** Events the intake accepted in total. */
  long accepted() {
    return intake.produced();
  }
}
