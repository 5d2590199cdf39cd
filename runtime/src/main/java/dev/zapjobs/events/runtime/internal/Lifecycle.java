package dev.zapjobs.events.runtime.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dispatcher's life, in one state variable that only moves forward.
 *
 * <pre>
 *           close()              every accepted event         the dispatcher thread
 *  OPEN ──────────────> CLOSING ───── settled ──────> STOPPING ──── found it idle ────> STOPPED
 *                          │                              │                                │
 *                          │ the deadline passed          │ the deadline passed            │ the report
 *                          │                              │                                │ is not drained
 *                          └──────────────────────────────┴────────────> HALTED <──────────┘
 * </pre>
 *
 * <table>
 *   <caption>What each state means to each thread</caption>
 *   <tr><th>state</th><th>publish</th><th>dispatcher thread</th><th>drain tasks</th></tr>
 *   <tr><td>OPEN</td><td>accepts</td><td>runs</td><td>deliver</td></tr>
 *   <tr><td>CLOSING</td><td>refuses, counted</td><td>runs: what was accepted is delivered</td>
 *       <td>deliver</td></tr>
 *   <tr><td>STOPPING</td><td>refuses</td><td>ticks, never sleeps; ends once idle (so events that
 *       raced with close are fanned out and awaited)</td><td>deliver</td></tr>
 *   <tr><td>STOPPED</td><td>refuses</td><td>ends after a last pass</td><td>deliver what they
 *       have</td></tr>
 *   <tr><td>HALTED</td><td>refuses</td><td>ends after a last pass</td><td>take no further
 *       event</td></tr>
 * </table>
 *
 * <p>Only {@link Shutdown} moves the state. Everyone else reads it with one volatile read.
 */
final class Lifecycle {
  static final int OPEN = 0;
  static final int CLOSING = 1;
  static final int STOPPING = 2;
  static final int STOPPED = 3;
  static final int HALTED = 4;

  private final AtomicInteger state = new AtomicInteger(OPEN);

  int get() {
    return state.get();
  }

  boolean isOpen() {
    return state.get() == OPEN;
  }

  /** OPEN to CLOSING; true for the one close that made the move. */
  boolean beginClose() {
    return state.compareAndSet(OPEN, CLOSING);
  }

  /** Moves to {@code target} unless the state is there or beyond already. */
  void advanceTo(int target) {
    int s;
    while ((s = state.get()) < target && !state.compareAndSet(s, target)) {
      // another thread moved it: look again
    }
  }
}
