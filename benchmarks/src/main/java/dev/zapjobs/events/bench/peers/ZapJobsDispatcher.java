package dev.zapjobs.events.bench.peers;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.bench.handlers.BenchHandlers;
import dev.zapjobs.events.bench.handlers.ZapJobs_HandlerBinding;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;

/**
 * ZapJobs Events: our {@link JobEventDispatcher} at its default settings, given the generated
 * binding of the benchmark handlers' package explicitly and narrowed to the first {@code n} handler
 * classes (so that the 1,000 start-up handlers on the same class path stay out of it).
 */
final class ZapJobsDispatcher implements Design {
  private final JobEventDispatcher dispatcher;

  ZapJobsDispatcher(int handlerCount) {
    dispatcher =
        JobEventDispatcher.builder()
            .addBinding(new ZapJobs_HandlerBinding())
            .onlyHandlers(BenchHandlers.CLASSES.subList(0, handlerCount).toArray(new Class<?>[0]))
            .build();
  }

  @Override
  public void publish(JobEvent event) {
    dispatcher.publish(event);
  }

  @Override
  public long lostDeliveries() {
    return dispatcher.stats().dropped();
  }

  @Override
  public void close() {
    dispatcher.close(Duration.ofSeconds(5));
  }
}
