package dev.zapjobs.events.bench.peers;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.bench.handlers.BenchHandlers;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.runtime.spi.HandlerBinding;
import java.time.Duration;
import java.util.ServiceLoader;

/**
 * ZapJobs Events: our {@link JobEventDispatcher} at its default settings, given the generated
 * bindings of the first {@code n} benchmark handler classes explicitly (found with ServiceLoader,
 * so that the 1,000 start-up handlers on the same class path stay out of it).
 */
final class ZapJobsDispatcher implements Design {
  private final JobEventDispatcher dispatcher;

  ZapJobsDispatcher(int handlerCount) {
    dispatcher = JobEventDispatcher.builder().addBinding(bindings(handlerCount)).build();
  }

  /** The generated bindings of {@code H00 ..}, in handler order; fails if one is missing. */
  static HandlerBinding[] bindings(int count) {
    HandlerBinding[] bindings = new HandlerBinding[count];
    for (HandlerBinding binding : ServiceLoader.load(HandlerBinding.class)) {
      int index = BenchHandlers.CLASSES.indexOf(binding.handlerClass());
      if (index >= 0 && index < count) {
        bindings[index] = binding;
      }
    }
    for (int i = 0; i < count; i++) {
      if (bindings[i] == null) {
        throw new IllegalStateException(
            "no generated binding for "
                + BenchHandlers.CLASSES.get(i)
                + "; did the processor run?");
      }
    }
    return bindings;
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
