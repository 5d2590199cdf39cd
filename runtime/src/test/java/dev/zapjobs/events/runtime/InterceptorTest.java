package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import dev.zapjobs.events.runtime.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link HandlerCallInterceptor} SPI: what is current on the publishing thread is current
 * inside every handler call for that event, on the handler's thread, and gone right after it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InterceptorTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Stands for the MDC or a tracing context: a value current on one thread. */
  static final ThreadLocal<String> TRACE = new ThreadLocal<>();

  static final class Traced {}

  private static final HandlerId SYNC = HandlerId.of(Traced.class, "sync", JobEvent.class);

  /**
   * Carries {@link #TRACE} from the publishing thread into each call and restores what was there
   * after it, as an MDC interceptor does; logs each step as {@code "<label> <step> <attempt>"}.
   */
  static final class TraceInterceptor implements HandlerCallInterceptor {
    final String label;
    final List<String> log;

    TraceInterceptor(String label, List<String> log) {
      this.label = label;
      this.log = log;
    }

    @Override
    public Object capture(JobEvent event) {
      return TRACE.get();
    }

    @Override
    public Call enter(HandlerId handler, JobEvent event, Object captured) {
      String before = TRACE.get();
      TRACE.set((String) captured);
      Thread thread = Thread.currentThread();
      log.add(label + " enter " + event.attempt());
      return new Call() {
        @Override
        public void close() {
          TRACE.set(before);
          log.add(
              label
                  + (Thread.currentThread() == thread ? " close " : " WRONG-THREAD ")
                  + event.attempt());
        }

        @Override
        public void settled(Outcome outcome, long durationNanos, Throwable failure) {
          log.add(label + " settled " + event.attempt() + " " + outcome);
        }
      };
    }
  }

  /** What a handler saw during one call. */
  record Seen(String trace, Thread thread) {}

  @Test
  void shouldMakeTheCapturedValueCurrentInsideSyncAndAsyncCallsAndNowhereElse() throws Exception {
    Map<Integer, Seen> sync = new ConcurrentHashMap<>();
    Map<Integer, Seen> async = new ConcurrentHashMap<>();
    List<String> leaks = new CopyOnWriteArrayList<>();
    ExecutorService completer = Executors.newSingleThreadExecutor();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Traced.class)
                    .on(
                        "Traced.sync(JobEvent)",
                        JobEvent.class,
                        e -> sync.put(e.attempt(), new Seen(TRACE.get(), Thread.currentThread())))
                    .onAsync(
                        "Traced.async(JobEvent)",
                        JobEvent.class,
                        e -> {
                          async.put(e.attempt(), new Seen(TRACE.get(), Thread.currentThread()));
                          return CompletableFuture.runAsync(() -> {}, completer);
                        }))
            .interceptor(new TraceInterceptor("mdc", new CopyOnWriteArrayList<>()))
            // told after each call, on the thread that settled it: the value must be gone there
            .observer(
                new JobEventObserver() {
                  @Override
                  public void onSettled(
                      HandlerId h, JobEvent e, Outcome o, long nanos, Throwable failure) {
                    if (TRACE.get() != null) {
                      leaks.add(h + " " + e.attempt() + " left " + TRACE.get());
                    }
                  }
                })
            .threads(1) // one handler thread for both handlers: a leak would meet the next call
            .build();
    Thread publisher = Thread.currentThread();
    int events = 200;
    for (int seq = 1; seq <= events; seq++) {
      // every other event is published with no value: it must see none, whatever ran before it
      TRACE.set(seq % 2 == 0 ? null : "trace-" + seq);
      d.publish(Events.numbered(9, seq));
    }
    TRACE.remove();
    assertThat(d.awaitIdle(WAIT)).isTrue();
    completer.shutdown();

    for (int seq = 1; seq <= events; seq++) {
      String expected = seq % 2 == 0 ? null : "trace-" + seq;
      assertThat(sync.get(seq).trace()).as("sync call %d", seq).isEqualTo(expected);
      assertThat(async.get(seq).trace()).as("async call %d", seq).isEqualTo(expected);
      assertThat(sync.get(seq).thread()).isNotSameAs(publisher);
      assertThat(async.get(seq).thread()).isNotSameAs(publisher);
    }
    assertThat(leaks).isEmpty();
    assertThat(d.close(WAIT).drained()).isTrue();
  }

  @Test
  void shouldEnterInRegistrationOrder_andCloseThenSettleInReverse() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Traced.class)
                    .on(
                        "Traced.sync(JobEvent)",
                        JobEvent.class,
                        e -> {
                          log.add("call " + e.attempt());
                          if (e.attempt() == 2) {
                            throw new IllegalStateException("boom");
                          }
                        }))
            .interceptor(new TraceInterceptor("a", log))
            .interceptor(new TraceInterceptor("b", log))
            .build();
    d.publish(Events.numbered(10, 1));
    d.publish(Events.numbered(10, 2));
    assertThat(d.awaitIdle(WAIT)).isTrue();

    assertThat(log)
        .containsExactly(
            "a enter 1",
            "b enter 1",
            "call 1",
            "b close 1",
            "a close 1",
            "b settled 1 DELIVERED",
            "a settled 1 DELIVERED",
            "a enter 2",
            "b enter 2",
            "call 2",
            "b close 2",
            "a close 2",
            "b settled 2 THROWN",
            "a settled 2 THROWN");
    assertThat(d.close(WAIT).drained()).isTrue();
  }

  @Test
  void shouldCloseAnAsyncCallWhenTheMethodReturns_andSettleItWhenItsStageCompletes()
      throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> stage = new CompletableFuture<>();
    List<Thread> settledOn = new CopyOnWriteArrayList<>();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Traced.class)
                    .onAsync(
                        "Traced.async(JobEvent)",
                        JobEvent.class,
                        e -> {
                          log.add("call " + e.attempt());
                          return stage;
                        }))
            .interceptor(new TraceInterceptor("mdc", log))
            .interceptor(
                new HandlerCallInterceptor() {
                  @Override
                  public Object capture(JobEvent event) {
                    return null;
                  }

                  @Override
                  public Call enter(HandlerId handler, JobEvent event, Object captured) {
                    return new Call() {
                      @Override
                      public void close() {}

                      @Override
                      public void settled(Outcome outcome, long nanos, Throwable failure) {
                        settledOn.add(Thread.currentThread());
                      }
                    };
                  }
                })
            .build();
    d.publish(Events.numbered(10, 1));
    await().atMost(WAIT).until(() -> log.contains("mdc close 1"));
    assertThat(log).containsExactly("mdc enter 1", "call 1", "mdc close 1");

    stage.complete(null); // settles the call, on this thread

    assertThat(log)
        .containsExactly("mdc enter 1", "call 1", "mdc close 1", "mdc settled 1 DELIVERED");
    assertThat(settledOn).containsExactly(Thread.currentThread());
    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(d.close(WAIT).drained()).isTrue();
  }

  @Test
  void shouldCarryTheValueInSynchronousModeToo() {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Traced.class)
                    .on(
                        "Traced.sync(JobEvent)",
                        JobEvent.class,
                        e -> seen.add(new Seen(TRACE.get(), Thread.currentThread()))))
            .interceptor(
                new HandlerCallInterceptor() {
                  @Override
                  public Object capture(JobEvent event) {
                    return "captured";
                  }

                  @Override
                  public Call enter(HandlerId handler, JobEvent event, Object captured) {
                    String before = TRACE.get();
                    TRACE.set((String) captured);
                    return () -> TRACE.set(before);
                  }
                })
            .synchronous()
            .build();
    TRACE.set("outer");
    try {
      d.publish(Events.numbered(11, 1));
      assertThat(TRACE.get()).isEqualTo("outer"); // restored by close, on this same thread
    } finally {
      TRACE.remove();
    }
    assertThat(seen).containsExactly(new Seen("captured", Thread.currentThread()));
    d.close(WAIT);
  }

  @Test
  void shouldDeliverWithoutTheInterceptorWhenItThrows_andNeverCountItAsAHandlerFailure()
      throws Exception {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    HandlerCallInterceptor broken =
        new HandlerCallInterceptor() {
          @Override
          public Object capture(JobEvent event) {
            if (event.attempt() == 1) {
              throw new IllegalStateException("capture bug");
            }
            return "ok";
          }

          @Override
          public Call enter(HandlerId handler, JobEvent event, Object captured) {
            if (event.attempt() == 2) {
              throw new IllegalStateException("enter bug");
            }
            TRACE.set((String) captured);
            return new Call() {
              @Override
              public void close() {
                TRACE.remove();
                throw new IllegalStateException("close bug");
              }

              @Override
              public void settled(Outcome outcome, long durationNanos, Throwable failure) {
                throw new IllegalStateException("settled bug");
              }
            };
          }
        };
    try (LogCapture log = LogCapture.of("dev.zapjobs.events.runtime")) {
      JobEventDispatcher d =
          JobEventDispatcher.builder()
              .addBinding(
                  new FunctionBinding(Traced.class)
                      .on(
                          "Traced.sync(JobEvent)",
                          JobEvent.class,
                          e -> seen.add(new Seen(TRACE.get(), Thread.currentThread()))))
              .interceptor(broken)
              .build();
      for (int seq = 1; seq <= 3; seq++) {
        d.publish(Events.numbered(12, seq));
      }
      assertThat(d.awaitIdle(WAIT)).isTrue();

      assertThat(seen).extracting(Seen::trace).containsExactly(null, null, "ok");
      HandlerStats stats = d.stats(SYNC);
      assertThat(stats.delivered()).isEqualTo(3);
      assertThat(stats.failed()).isZero();
      List<ILoggingEvent> lines = log.containing("HandlerCallInterceptor ");
      assertThat(lines).isNotEmpty();
      assertThat(lines.get(0).getFormattedMessage())
          .startsWith("HandlerCallInterceptor " + broken.getClass().getName() + ".capture threw")
          .contains("Fix it: observers and interceptors must not throw");
      assertThat(d.close(WAIT).drained()).isTrue();
    }
  }
}
