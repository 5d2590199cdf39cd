package dev.zapjobs.events.runtime.testing;

import dev.zapjobs.events.JobEvent;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Throws on every event; counts its calls. */
public final class ThrowingHandler implements FunctionBinding.Sync {
  private final Supplier<? extends Throwable> failure;
  private final AtomicInteger calls = new AtomicInteger();

  /** Throws what {@code failure} makes, on every call. */
  public ThrowingHandler(Supplier<? extends Throwable> failure) {
    this.failure = failure;
  }

  /** Throws an {@link IllegalStateException} on every call. */
  public static ThrowingHandler runtimeException() {
    return new ThrowingHandler(() -> new IllegalStateException("handler bug"));
  }

  @Override
  public void accept(JobEvent e) throws Throwable {
    calls.incrementAndGet();
    throw failure.get();
  }

  /** How many times it was called. */
  public int calls() {
    return calls.get();
  }
}
