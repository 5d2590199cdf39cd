package dev.zapjobs.events.micrometer;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.HandlerCallInterceptor;
import dev.zapjobs.events.runtime.HandlerId;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.Objects;

/**
 * Carries the thread-local context of the job thread that publishes an event — the SLF4J MDC, the
 * OpenTelemetry context, the current Micrometer {@code Observation}, any {@code ThreadLocal} with a
 * registered accessor — into every handler call made for it, synchronous or asynchronous, with
 * {@code io.micrometer:context-propagation}.
 *
 * <pre>{@code
 * ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor());
 * JobEventDispatcher dispatcher = JobEventDispatcher.builder()
 *     .interceptor(ContextPropagatingInterceptor.create())
 *     .build();
 * }</pre>
 *
 * <ul>
 *   <li>At {@code publish}, on the job thread, it takes a {@link ContextSnapshot} of every accessor
 *       of the {@link ContextRegistry} that has a value. If none has, it carries nothing and {@code
 *       publish} allocates nothing for it.
 *   <li>Just before each handler call, on the handler thread, it sets those values; right after the
 *       method returns or throws (for an asynchronous handler: when it has returned its stage), it
 *       restores what the handler thread had before. A value not captured is left as the handler
 *       thread has it, which on the dispatcher's threads is nothing, since every call restores what
 *       it replaced — the default of {@code ContextSnapshotFactory} and of context-propagation's
 *       {@code ContextExecutorService}. For the stricter "exactly what the job thread had", build
 *       the factory with {@code clearMissing(true)}: then every call also clears the accessors that
 *       had no value at publish (and an event published with nothing current carries an empty
 *       snapshot).
 * </ul>
 *
 * <p>Code run later by an asynchronous handler's stage on another thread sees none of it; wrap that
 * executor with context-propagation's {@code ContextExecutorService} if it needs to.
 */
public final class ContextPropagatingInterceptor implements HandlerCallInterceptor {

  /**
   * What {@code captureAll} returns, without allocating, when no accessor has a value: the
   * library's shared empty snapshot. Carried as {@code null} (nothing to carry). Should a version
   * of the library return a fresh empty snapshot instead, it is carried and restores nothing.
   */
  private static final ContextSnapshot NOTHING =
      ContextSnapshotFactory.builder().contextRegistry(new ContextRegistry()).build().captureAll();

  private static final Object[] NO_CONTEXTS = new Object[0];

  private static final Call NO_CALL = () -> {};

  private final ContextSnapshotFactory factory;

  private ContextPropagatingInterceptor(ContextSnapshotFactory factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * Propagates every accessor of the global {@link ContextRegistry#getInstance()}: those registered
   * with {@code ServiceLoader} (Micrometer's {@code ObservationThreadLocalAccessor}, when
   * micrometer-observation is present) and those the application registers, such as {@code new
   * Slf4jThreadLocalAccessor()} for the MDC or {@link OpenTelemetryContextAccessor}.
   */
  public static ContextPropagatingInterceptor create() {
    return create(ContextSnapshotFactory.builder().build());
  }

  /**
   * Propagates with {@code factory}: its registry decides which thread-locals are carried, its
   * {@code clearMissing} whether the ones without a value at publish are cleared in the call.
   */
  public static ContextPropagatingInterceptor create(ContextSnapshotFactory factory) {
    return new ContextPropagatingInterceptor(factory);
  }

  /** On the publishing thread: a snapshot of what is current, or {@code null} for nothing. */
  @Override
  public Object capture(JobEvent event) {
    ContextSnapshot snapshot = factory.captureAll(NO_CONTEXTS);
    return snapshot == NOTHING ? null : snapshot;
  }

  /** On the handler thread: makes the snapshot current until the returned call is closed. */
  @Override
  public Call enter(HandlerId handler, JobEvent event, Object captured) {
    if (captured == null) {
      return NO_CALL;
    }
    ContextSnapshot.Scope scope = ((ContextSnapshot) captured).setThreadLocals();
    return scope::close;
  }
}
