package dev.zapjobs.events.bench.peers;

import dev.zapjobs.events.JobEvent;
import java.util.function.Consumer;

/**
 * The naive design: a {@code ThreadPoolExecutor} with a bounded queue, one {@code execute} per
 * event (the seed's design) or, finer, one per (event, handler).
 */
final class NaiveExecutor extends OnBoundedExecutor {
  private final Consumer<JobEvent>[] handlers;
  private final boolean taskPerHandler;

  NaiveExecutor(int handlerCount, boolean taskPerHandler) {
    super(
        taskPerHandler ? "executor-per-handler" : "executor-per-event",
        taskPerHandler ? 1 : handlerCount);
    this.handlers = Handlers.first(handlerCount);
    this.taskPerHandler = taskPerHandler;
  }

  @Override
  public void publish(JobEvent event) {
    if (taskPerHandler) {
      for (Consumer<JobEvent> handler : handlers) {
        executor.execute(() -> handler.accept(event));
      }
    } else {
      executor.execute(() -> Handlers.fanOut(handlers, event));
    }
  }
}
