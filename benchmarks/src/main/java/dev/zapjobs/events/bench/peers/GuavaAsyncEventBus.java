package dev.zapjobs.events.bench.peers;

import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.Subscribe;
import dev.zapjobs.events.JobEvent;
import java.util.function.Consumer;

/**
 * Guava's {@link AsyncEventBus} with one {@code @Subscribe} listener per handler, on a bounded
 * single-thread executor whose refusals are counted (Guava itself would throw them into {@code
 * post}). Guava runs one task per (event, listener).
 */
final class GuavaAsyncEventBus extends OnBoundedExecutor {

  /** A listener as a Guava user writes it. */
  public static final class Listener {
    private final Consumer<JobEvent> handler;

    Listener(Consumer<JobEvent> handler) {
      this.handler = handler;
    }

    /** Receives every event. */
    @Subscribe
    public void on(JobEvent event) {
      handler.accept(event);
    }
  }

  private final AsyncEventBus bus;

  GuavaAsyncEventBus(int handlerCount) {
    super("guava", 1);
    bus = new AsyncEventBus("bench", executor);
    for (Consumer<JobEvent> handler : Handlers.first(handlerCount)) {
      bus.register(new Listener(handler));
    }
  }

  @Override
  public void publish(JobEvent event) {
    bus.post(event);
  }
}
