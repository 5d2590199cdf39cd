package dev.zapjobs.events.runtime.internal;

/** What every ring shares: capacities are powers of two, so a position maps to a slot by a mask. */
final class Rings {
  private Rings() {}

  /** The capacity a ring made with {@code requestedCapacity} has: the next power of two. */
  static int roundedCapacity(int requestedCapacity) {
    if (requestedCapacity < 2) {
      throw new IllegalArgumentException("capacity must be >= 2, was " + requestedCapacity);
    }
    if (requestedCapacity > (1 << 30)) {
      throw new IllegalArgumentException("capacity must be <= 2^30, was " + requestedCapacity);
    }
    return Integer.highestOneBit(requestedCapacity - 1) << 1;
  }
}
