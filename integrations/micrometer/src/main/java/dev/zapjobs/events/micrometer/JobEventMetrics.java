package dev.zapjobs.events.micrometer;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.runtime.JobEventObserver;
import dev.zapjobs.events.runtime.Outcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer metrics for a {@link JobEventDispatcher}: a {@code Timer} of every handler call with
 * its exact duration, counters of failures and drops, and gauges of each handler's queue and of the
 * intake backlog. The meters are listed in {@code docs/METRICS-AND-TRACING.md}.
 *
 * <p>The common case is one call, which adds the observer to the builder, builds the dispatcher and
 * binds the meters:
 *
 * <pre>{@code
 * JobEventDispatcher dispatcher = JobEventMetrics.monitor(registry, JobEventDispatcher.builder());
 * }</pre>
 *
 * <p>Where the registry comes later or from a container (a Spring {@code MeterBinder} bean), the
 * parts are separate: the instance is the {@link JobEventObserver} to register on the builder, the
 * {@link MeterBinder} to bind to one or more registries, and {@link #attach} gives it the built
 * dispatcher for the gauges. The three steps may happen in any order:
 *
 * <pre>{@code
 * JobEventMetrics metrics = new JobEventMetrics(Tags.of("dispatcher", "billing"));
 * JobEventDispatcher dispatcher = JobEventDispatcher.builder().observer(metrics).build();
 * metrics.attach(dispatcher).bindTo(registry);
 * }</pre>
 *
 * <p>Until a registry is bound, the observer returns at once and allocates nothing. Meters of
 * handler calls are created on a handler's first call of each kind; after that, recording a call
 * allocates nothing (the registry's own meters permitting). Tags are of low cardinality: the
 * handler ({@link HandlerId#toString()}), the event's type, the outcome, the drop reason and, on
 * failures, the exception's class.
 *
 * <p>One instance serves one dispatcher. It is thread-safe.
 */
public final class JobEventMetrics implements JobEventObserver, MeterBinder {

  /** Prefix of every meter name. */
  public static final String PREFIX = "zapjobs.events.";

  /**
   * Timer of settled handler calls, tags {@code handler}, {@code event}, {@code outcome}: each
   * call's exact duration.
   */
  public static final String CALLS = PREFIX + "handler.calls";

  /**
   * Counter of failed handler calls, tags {@code handler}, {@code event}, {@code outcome}, {@code
   * exception} (the failure's simple class name).
   */
  public static final String FAILED = PREFIX + "handler.failed";

  /**
   * Counter of deliveries dropped before they reached the handler, tags {@code handler}, {@code
   * event}, {@code reason}.
   */
  public static final String DROPPED = PREFIX + "handler.dropped";

  /** Gauge of events waiting in a handler's queue, tag {@code handler}. */
  public static final String QUEUED = PREFIX + "handler.queued";

  /** Gauge of calls started and not yet settled (0 or 1 per handler), tag {@code handler}. */
  public static final String ACTIVE = PREFIX + "handler.active";

  /** Gauge of the capacity of a handler's queue, tag {@code handler}. */
  public static final String QUEUE_CAPACITY = PREFIX + "handler.queue.capacity";

  /** Gauge of events accepted by {@code publish} and not yet handed to the handlers' queues. */
  public static final String INTAKE_BACKLOG = PREFIX + "intake.backlog";

  private static final Binding[] NONE = new Binding[0];

  private final Tags tags;
  private final Object lock = new Object();

  /** One per bound registry; replaced (copy on write) under {@link #lock}. */
  private volatile Binding[] bindings = NONE;

  private JobEventDispatcher dispatcher;

  /** Metrics with no extra tags. */
  public JobEventMetrics() {
    this(Tags.empty());
  }

  /**
   * Metrics with extra tags on every meter, for example {@code Tags.of("dispatcher", "billing")}
   * when an application runs more than one dispatcher.
   */
  public JobEventMetrics(Iterable<Tag> tags) {
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
  }

  /**
   * Adds a {@code JobEventMetrics} to {@code builder} as its observer, builds the dispatcher, and
   * binds the meters to {@code registry}.
   *
   * @param registry where the meters go
   * @param builder a configured builder; this adds an observer and calls {@code build()}
   * @return the built, running dispatcher
   */
  public static JobEventDispatcher monitor(
      MeterRegistry registry, JobEventDispatcher.Builder builder) {
    return monitor(registry, builder, Tags.empty());
  }

  /** {@link #monitor(MeterRegistry, JobEventDispatcher.Builder)} with extra tags on every meter. */
  public static JobEventDispatcher monitor(
      MeterRegistry registry, JobEventDispatcher.Builder builder, Iterable<Tag> tags) {
    Objects.requireNonNull(registry, "registry");
    JobEventMetrics metrics = new JobEventMetrics(tags);
    JobEventDispatcher dispatcher = builder.observer(metrics).build();
    metrics.attach(dispatcher).bindTo(registry);
    return dispatcher;
  }

  /**
   * Gives this the dispatcher it observes, whose queues the gauges report, in every registry bound
   * before or after.
   *
   * @return this
   * @throws IllegalStateException if a dispatcher was attached already: use one instance per
   *     dispatcher
   */
  public JobEventMetrics attach(JobEventDispatcher dispatcher) {
    Objects.requireNonNull(dispatcher, "dispatcher");
    synchronized (lock) {
      if (this.dispatcher != null) {
        throw new IllegalStateException(
            "A dispatcher is attached already; use one JobEventMetrics per dispatcher (give each"
                + " its own tags, e.g. new JobEventMetrics(Tags.of(\"dispatcher\", name)))");
      }
      this.dispatcher = dispatcher;
      for (Binding b : bindings) {
        registerGauges(b.registry, dispatcher);
      }
    }
    return this;
  }

  /**
   * Binds the meters to {@code registry}: from now on every settled call and every drop is recorded
   * there, and the gauges of the attached dispatcher (now or later) are registered. Binding more
   * than one registry records into each; binding one twice has no further effect.
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    synchronized (lock) {
      for (Binding b : bindings) {
        if (b.registry == registry) {
          return;
        }
      }
      Binding[] next = Arrays.copyOf(bindings, bindings.length + 1);
      next[next.length - 1] = new Binding(registry, tags);
      bindings = next;
      if (dispatcher != null) {
        registerGauges(registry, dispatcher);
      }
    }
  }

  @Override
  public void onSettled(
      HandlerId handler, JobEvent event, Outcome outcome, long durationNanos, Throwable failure) {
    Binding[] bs = bindings;
    for (Binding b : bs) {
      b.meters(handler).settled(EventKinds.of(event), outcome, durationNanos, failure);
    }
  }

  @Override
  public void onDropped(HandlerId handler, JobEvent event, DropReason reason) {
    Binding[] bs = bindings;
    for (Binding b : bs) {
      b.meters(handler).dropped(EventKinds.of(event), reason);
    }
  }

  private void registerGauges(MeterRegistry registry, JobEventDispatcher d) {
    for (HandlerId id : d.handlerIds()) {
      Tags t = tags.and("handler", id.toString());
      Gauge.builder(QUEUED, d, x -> x.stats(id).queued())
          .tags(t)
          .description("Events waiting in the handler's queue")
          .baseUnit("events")
          .register(registry);
      Gauge.builder(ACTIVE, d, x -> x.stats(id).inFlight())
          .tags(t)
          .description("Handler calls started and not yet settled")
          .baseUnit("calls")
          .register(registry);
      Gauge.builder(QUEUE_CAPACITY, d, x -> x.stats(id).queueCapacity())
          .tags(t)
          .description("Capacity of the handler's queue")
          .baseUnit("events")
          .register(registry);
    }
    Gauge.builder(INTAKE_BACKLOG, d, x -> x.stats().intakeBacklog())
        .tags(tags)
        .description("Events accepted by publish and not yet handed to the handlers' queues")
        .baseUnit("events")
        .register(registry);
  }

  /** The meters of one registry, made on first use per handler. */
  private static final class Binding {
    final MeterRegistry registry;
    final Tags tags;
    final ConcurrentHashMap<HandlerId, HandlerMeters> byHandler = new ConcurrentHashMap<>();

    Binding(MeterRegistry registry, Tags tags) {
      this.registry = registry;
      this.tags = tags;
    }

    HandlerMeters meters(HandlerId id) {
      HandlerMeters m = byHandler.get(id);
      return m != null
          ? m
          : byHandler.computeIfAbsent(id, k -> new HandlerMeters(registry, tags, k));
    }
  }
}
