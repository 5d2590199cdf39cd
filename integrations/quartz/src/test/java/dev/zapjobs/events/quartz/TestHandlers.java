package dev.zapjobs.events.quartz;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.OnJobEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The handlers every test dispatcher finds (by ServiceLoader, from the bindings our processor
 * generates for them), and the instances a test gives it: {@code handlerResolver(h::resolve)}.
 */
final class TestHandlers {
  final RunLog log = new RunLog();
  final Alerts alerts = new Alerts();
  final ThrowingHandler throwing = new ThrowingHandler();
  final BlockedHandler blocked;
  private final Map<Class<?>, Object> byClass;

  /** With the blocked handler waiting on {@code gate} (a released latch: it does not block). */
  TestHandlers(CountDownLatch gate) {
    blocked = new BlockedHandler(gate);
    byClass =
        Map.of(
            RunLog.class, log,
            Alerts.class, alerts,
            ThrowingHandler.class, throwing,
            BlockedHandler.class, blocked);
  }

  Object resolve(Class<?> handlerClass) {
    return byClass.get(handlerClass);
  }

  /** Every event, in the order it was delivered to this one method. */
  static final class RunLog {
    private final List<JobEvent> events = new ArrayList<>();

    @OnJobEvent
    void on(JobEvent event) {
      synchronized (events) {
        events.add(event);
      }
    }

    List<JobEvent> events() {
      synchronized (events) {
        return List.copyOf(events);
      }
    }
  }

  /** The README's alert, as written there: a run that failed for good. */
  static final class Alerts {
    private final List<JobFailed> alerts = new ArrayList<>();

    @OnJobEvent
    void onFailed(JobFailed e) {
      if (e.deadLettered()) {
        synchronized (alerts) {
          alerts.add(e);
        }
      }
    }

    List<JobFailed> alerts() {
      synchronized (alerts) {
        return List.copyOf(alerts);
      }
    }
  }

  /** Throws on every event. */
  static final class ThrowingHandler {
    final AtomicLong calls = new AtomicLong();

    @OnJobEvent
    void on(JobEvent event) {
      calls.incrementAndGet();
      throw new IllegalStateException("handler failure on " + event.runId());
    }
  }

  /** Blocks on its gate, on the first event and every other, until the test opens it. */
  static final class BlockedHandler {
    private final CountDownLatch gate;
    final AtomicLong calls = new AtomicLong();

    BlockedHandler(CountDownLatch gate) {
      this.gate = gate;
    }

    @OnJobEvent
    void on(JobEvent event) throws InterruptedException {
      calls.incrementAndGet();
      if (!gate.await(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("never released");
      }
    }
  }
}
