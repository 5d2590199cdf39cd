package dev.zapjobs.events.runtime.internal;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.HandlerCallInterceptor;
import dev.zapjobs.events.runtime.HandlerCallInterceptor.Call;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.Outcome;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The registered {@link HandlerCallInterceptor}s: captured in registration order on the publishing
 * thread, entered in registration order around each handler call, closed and settled in reverse.
 * With one interceptor (the usual case) nothing is wrapped in arrays. An interceptor that throws is
 * logged (rate-limited) and skipped for that event or call; it never counts as a handler failure.
 * The engine holds {@code null} instead of an empty instance.
 */
public final class Interceptors {
  private final HandlerCallInterceptor[] all;

  /** The interceptor when there is exactly one, else null. */
  private final HandlerCallInterceptor single;

  private final RateLimitedLog failureLog = new RateLimitedLog(1, TimeUnit.SECONDS);

  private Interceptors(List<HandlerCallInterceptor> interceptors) {
    this.all = interceptors.toArray(new HandlerCallInterceptor[0]);
    this.single = all.length == 1 ? all[0] : null;
  }

  /** The interceptors, or {@code null} when there are none. */
  public static Interceptors of(List<HandlerCallInterceptor> interceptors) {
    return interceptors.isEmpty() ? null : new Interceptors(interceptors);
  }

  /**
   * On the publishing thread: what goes into the rings for {@code event} — the event itself when no
   * interceptor captured anything, else an {@link Envelope} with the captures.
   */
  Object wrap(JobEvent event) {
    if (single != null) {
      Object captured = capture(single, event);
      return captured == null ? event : new Envelope(event, captured);
    }
    Object[] captured = null;
    for (int i = 0; i < all.length; i++) {
      Object c = capture(all[i], event);
      if (c != null) {
        if (captured == null) {
          captured = new Object[all.length];
        }
        captured[i] = c;
      }
    }
    return captured == null ? event : new Envelope(event, captured);
  }

  /**
   * On the handler thread, just before the method is called: the call's scope, to be passed to
   * {@link #close} and {@link #settled} — one {@link Call} (or null if entering failed), or one per
   * interceptor.
   */
  Object enter(HandlerId id, JobEvent event, Object captured) {
    if (single != null) {
      return enter(single, id, event, captured);
    }
    Object[] byInterceptor = (Object[]) captured;
    Call[] calls = new Call[all.length];
    for (int i = 0; i < all.length; i++) {
      calls[i] = enter(all[i], id, event, byInterceptor == null ? null : byInterceptor[i]);
    }
    return calls;
  }

  /** On the handler thread, right after the method returned or threw. */
  void close(Object scope, HandlerId id) {
    if (scope instanceof Call[] calls) {
      for (int i = calls.length - 1; i >= 0; i--) {
        close(calls[i], id);
      }
    } else if (scope != null) {
      close((Call) scope, id);
    }
  }

  /** Once, when the call settled, after it was counted. */
  void settled(Object scope, HandlerId id, Outcome outcome, long nanos, Throwable failure) {
    if (scope instanceof Call[] calls) {
      for (int i = calls.length - 1; i >= 0; i--) {
        settled(calls[i], id, outcome, nanos, failure);
      }
    } else if (scope != null) {
      settled((Call) scope, id, outcome, nanos, failure);
    }
  }

  private Object capture(HandlerCallInterceptor interceptor, JobEvent event) {
    try {
      return interceptor.capture(event);
    } catch (Throwable t) {
      failed(interceptor.getClass().getName() + ".capture", null, t);
      return null;
    }
  }

  private Call enter(HandlerCallInterceptor interceptor, HandlerId id, JobEvent e, Object c) {
    try {
      return interceptor.enter(id, e, c);
    } catch (Throwable t) {
      failed(interceptor.getClass().getName() + ".enter", id, t);
      return null;
    }
  }

  private void close(Call call, HandlerId id) {
    if (call == null) {
      return;
    }
    try {
      call.close();
    } catch (Throwable t) {
      failed(call.getClass().getName() + ".close", id, t);
    }
  }

  private void settled(Call call, HandlerId id, Outcome o, long nanos, Throwable failure) {
    if (call == null) {
      return;
    }
    try {
      call.settled(o, nanos, failure);
    } catch (Throwable t) {
      failed(call.getClass().getName() + ".settled", id, t);
    }
  }

  private void failed(String what, HandlerId id, Throwable t) {
    long held = failureLog.tryAcquire();
    if (held >= 0) {
      Hooks.logFailure("HandlerCallInterceptor " + what, id, held, t);
    }
  }
}
