package dev.zapjobs.events.bench.peers;

import dev.zapjobs.events.JobEvent;
import java.util.function.Consumer;

/** The limit: the job thread calls every handler itself. Not asynchronous, never drops. */
final class DirectCall implements Design {
  private final Consumer<JobEvent>[] handlers;

  DirectCall(int handlerCount) {
    handlers = Handlers.first(handlerCount);
  }

  @Override
  public void publish(JobEvent event) {
    Handlers.fanOut(handlers, event);
  }

  @Override
  public long lostDeliveries() {
    return 0;
  }

  @Override
  public void close() {}
}
