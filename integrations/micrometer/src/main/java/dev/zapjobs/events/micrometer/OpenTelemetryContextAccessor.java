package dev.zapjobs.events.micrometer;

import io.micrometer.context.ThreadLocalAccessor;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayDeque;

/**
 * A context-propagation {@link ThreadLocalAccessor} for the OpenTelemetry {@link Context} (the
 * current span, baggage and anything else stored in it), for applications that use the
 * OpenTelemetry API or Java agent directly. Register it once:
 *
 * <pre>{@code
 * ContextRegistry.getInstance().registerThreadLocalAccessor(new OpenTelemetryContextAccessor());
 * }</pre>
 *
 * <p>It captures {@link Context#current()} unless that is the root context (nothing to carry).
 * Setting a value makes it current with {@link Context#makeCurrent()}, and restoring closes that
 * {@link Scope}, so OpenTelemetry's own bookkeeping (and its strict-context checks) see properly
 * nested scopes. Applications that trace through Micrometer Tracing need not register it: the
 * current {@code Observation} is propagated by Micrometer's own accessor, and its scope makes the
 * span current.
 *
 * <p>Needs {@code io.opentelemetry:opentelemetry-context} (part of {@code opentelemetry-api}) on
 * the class path.
 */
public final class OpenTelemetryContextAccessor implements ThreadLocalAccessor<Context> {

  /** The key under which the context is captured. */
  public static final String KEY = "zapjobs.opentelemetry.context";

  /** The scopes this accessor opened on each thread, innermost first. */
  private static final ThreadLocal<ArrayDeque<Scope>> SCOPES =
      ThreadLocal.withInitial(ArrayDeque::new);

  @Override
  public Object key() {
    return KEY;
  }

  @Override
  public Context getValue() {
    Context current = Context.current();
    return current == Context.root() ? null : current;
  }

  @Override
  public void setValue(Context value) {
    SCOPES.get().push(value.makeCurrent());
  }

  /** Makes the root context current (nothing), as a scope that {@link #restore()} closes. */
  @Override
  public void setValue() {
    SCOPES.get().push(Context.root().makeCurrent());
  }

  @Override
  public void restore(Context previousValue) {
    closeInnermost();
  }

  @Override
  public void restore() {
    closeInnermost();
  }

  private static void closeInnermost() {
    Scope scope = SCOPES.get().poll();
    if (scope != null) {
      scope.close();
    }
  }
}
