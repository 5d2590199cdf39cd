package dev.zapjobs.events.bench.peers;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.bench.handlers.BenchHandlers;
import dev.zapjobs.events.bench.handlers.ZapJobs_HandlerBinding;
import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.HandlerCallInterceptor;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.runtime.JobEventObserver;
import dev.zapjobs.events.runtime.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * ZapJobs Events: our {@link JobEventDispatcher} at its default settings, given the generated
 * binding of the benchmark handlers' package explicitly and kept to the first {@code n} handler
 * classes (so that the 1,000 start-up handlers on the same class path stay out of it) — optionally
 * with a {@link JobEventObserver} or a {@link HandlerCallInterceptor} registered, to measure what
 * each costs.
 */
final class ZapJobsDispatcher implements Design {

  /** What is registered on the dispatcher besides the handlers. */
  enum Hooks {
    /** Nothing: the default. */
    NONE,
    /** An observer that counts calls and sums their durations, as a metrics binding would. */
    OBSERVER,
    /**
     * An interceptor that carries a per-thread value from the publisher to the handler calls and
     * restores the handler thread's own after each call, as an MDC or tracing interceptor would.
     */
    INTERCEPTOR
  }

  private final JobEventDispatcher dispatcher;

  ZapJobsDispatcher(int handlerCount) {
    this(handlerCount, Hooks.NONE);
  }

  ZapJobsDispatcher(int handlerCount, Hooks hooks) {
    List<Class<?>> handlers = BenchHandlers.CLASSES.subList(0, handlerCount);
    JobEventDispatcher.Builder builder =
        JobEventDispatcher.builder()
            .addBinding(new ZapJobs_HandlerBinding())
            .handlerFilter(handlers::contains);
    if (hooks == Hooks.OBSERVER) {
      builder.observer(new SummingObserver());
    } else if (hooks == Hooks.INTERCEPTOR) {
      builder.interceptor(new ContextInterceptor());
    }
    dispatcher = builder.build();
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

  /** Counts settled calls and sums their durations; counts drops. */
  static final class SummingObserver implements JobEventObserver {
    private final LongAdder calls = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final LongAdder drops = new LongAdder();

    @Override
    public void onSettled(
        HandlerId handler, JobEvent event, Outcome outcome, long durationNanos, Throwable failure) {
      calls.increment();
      nanos.add(durationNanos);
    }

    @Override
    public void onDropped(HandlerId handler, JobEvent event, DropReason reason) {
      drops.increment();
    }
  }

  /** Carries {@link #CONTEXT} from the publishing thread into each handler call. */
  static final class ContextInterceptor implements HandlerCallInterceptor {
    /** Stands for the MDC or a tracing context: one object per thread, already there. */
    static final ThreadLocal<Object> CONTEXT = ThreadLocal.withInitial(Object::new);

    @Override
    public Object capture(JobEvent event) {
      return CONTEXT.get();
    }

    @Override
    public Call enter(HandlerId handler, JobEvent event, Object captured) {
      Object before = CONTEXT.get();
      CONTEXT.set(captured);
      return () -> CONTEXT.set(before);
    }
  }
}
