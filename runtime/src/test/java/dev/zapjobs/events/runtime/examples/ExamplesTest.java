package dev.zapjobs.events.runtime.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.HandlerId;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.runtime.Outcome;
import dev.zapjobs.events.runtime.testing.Events;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/** The examples quoted in docs/GUARANTEES.md compile (they live here) and do what it says. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExamplesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  static final class Audit {}

  /** Stands for the handler class of the Accounting snippet. */
  static final class Alerts {}

  private static final HandlerId SYNC = HandlerId.of(Audit.class, "sync", JobEvent.class);
  private static final HandlerId ASYNC = HandlerId.of(Audit.class, "async", JobEvent.class);

  @Test
  void callTotalsCountsEveryCallAndSumsTheDurations_andMdcReachesEveryCall() throws Exception {
    CallTotals totals = new CallTotals();
    Map<String, String> seenSync = new ConcurrentHashMap<>();
    Map<String, String> seenAsync = new ConcurrentHashMap<>();
    JobEventDispatcher dispatcher =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Audit.class)
                    .on(
                        "ExamplesTest.Audit.sync(JobEvent)",
                        JobEvent.class,
                        e -> seenSync.put(e.runId(), String.valueOf(MDC.get("traceId"))))
                    .onAsync(
                        "ExamplesTest.Audit.async(JobEvent)",
                        JobEvent.class,
                        e -> {
                          seenAsync.put(e.runId(), String.valueOf(MDC.get("traceId")));
                          return CompletableFuture.completedFuture(null);
                        }))
            .observer(totals)
            .interceptor(new MdcInterceptor())
            .build();
    for (int run = 0; run < 50; run++) {
      MDC.put("traceId", "trace-" + run);
      try {
        dispatcher.publish(Events.numbered(run, 1));
      } finally {
        MDC.remove("traceId");
      }
    }
    assertThat(dispatcher.awaitIdle(WAIT)).isTrue();

    for (int run = 0; run < 50; run++) {
      assertThat(seenSync.get(Events.runId(run))).isEqualTo("trace-" + run);
      assertThat(seenAsync.get(Events.runId(run))).isEqualTo("trace-" + run);
    }
    for (HandlerId id : dispatcher.handlerIds()) {
      HandlerStats stats = dispatcher.stats(id);
      assertThat(totals.calls(id, Outcome.DELIVERED)).isEqualTo(stats.delivered()).isEqualTo(50);
      assertThat(totals.totalNanos(id)).isPositive();
      assertThat(totals.drops(id)).isZero();
    }
    assertThat(dispatcher.handlerIds()).containsExactly(SYNC, ASYNC); // the binding's order
    assertThat(dispatcher.close(WAIT).drained()).isTrue();
  }

  @Test
  void theAccountingAndRegistrationSnippetsRun() throws Exception {
    JobEventDispatcher dispatcher =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Alerts.class)
                    .on("ExamplesTest.Alerts.onFailed(JobFailed)", JobFailed.class, e -> {}))
            .synchronous()
            .build();
    dispatcher.publish(Events.failed(Events.newRunId(), 1, false));

    // --- docs/GUARANTEES.md, Accounting
    HandlerId onFailed = HandlerId.of(Alerts.class, "onFailed", JobFailed.class);
    HandlerStats alerts = dispatcher.stats(onFailed); // one handler, cheap: for metric gauges
    long backlog = alerts.queued();
    DispatcherStats all = dispatcher.stats(); // every handler, and the totals
    for (HandlerId id : dispatcher.handlerIds()) { // a stable order: the order of all.handlers()
      System.out.println(all.handler(id));
    }
    // ---

    assertThat(backlog).isZero();
    assertThat(alerts.delivered()).isEqualTo(1);
    assertThat(onFailed.displayName()).isEqualTo("ExamplesTest.Alerts.onFailed(JobFailed)");
    dispatcher.close();

    // --- docs/GUARANTEES.md, Observing every call / Carrying context into handlers
    CallTotals totals = new CallTotals();
    JobEventDispatcher observed = JobEventDispatcher.builder().observer(totals).build();
    JobEventDispatcher intercepted =
        JobEventDispatcher.builder().interceptor(new MdcInterceptor()).build();
    // ---
    observed.close();
    intercepted.close();
  }
}
