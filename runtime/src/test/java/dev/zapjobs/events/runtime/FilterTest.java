package dev.zapjobs.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.testing.FunctionBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code @OnJobEvent(jobTypes = …, queues = …)}: an event a handler's filter rejects is never
 * queued for it and never counted against it — not as published, not as dropped, not even when the
 * intake refuses it.
 */
class FilterTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** The handler class the test bindings report. */
  static final class Billing {}

  private static JobFailed failed(String id, String jobType, String queue) {
    return JobFailed.builder(JobRun.of(id, jobType).withQueue(queue))
        .timestamp(T0)
        .error(JobError.of(new IllegalStateException("boom")))
        .build();
  }

  /** Four handlers of {@code Billing}: by job type, by queue, by both, and without a filter. */
  private static FunctionBinding billingHandlers(
      List<String> byJobType, List<String> byQueue, List<String> byBoth, List<String> all) {
    return new FunctionBinding(Billing.class)
        .on(
            "Billing.byJobType(JobFailed)",
            JobFailed.class,
            m -> m.withJobTypes("send-invoice", "charge-card"),
            e -> byJobType.add(e.runId()))
        .on(
            "Billing.byQueue(JobEvent)",
            JobEvent.class,
            m -> m.withQueues("billing"),
            e -> byQueue.add(e.runId()))
        .on(
            "Billing.byBoth(JobEvent)",
            JobEvent.class,
            m -> m.withJobTypes("send-invoice").withQueues("billing"),
            e -> byBoth.add(e.runId()))
        .on("Billing.all(JobEvent)", JobEvent.class, e -> all.add(e.runId()));
  }

  private static final List<JobEvent> EVENTS =
      List.of(
          failed("1", "send-invoice", "billing"),
          failed("2", "send-invoice", "default"),
          failed("3", "charge-card", "billing"),
          failed("4", "cleanup", "billing"),
          failed("5", "cleanup", "default"),
          new JobStarted(JobRun.of("6", "send-invoice").withQueue("billing"), T0, "worker-1"));

  @Test
  void shouldDeliverOnlyWhatTheFilterAccepts_andCountNothingElse() throws Exception {
    List<String> byJobType = new CopyOnWriteArrayList<>();
    List<String> byQueue = new CopyOnWriteArrayList<>();
    List<String> byBoth = new CopyOnWriteArrayList<>();
    List<String> all = new CopyOnWriteArrayList<>();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(billingHandlers(byJobType, byQueue, byBoth, all))
            .build();

    EVENTS.forEach(d::publish);

    assertThat(d.awaitIdle(WAIT)).isTrue();
    assertThat(byJobType).containsExactly("1", "2", "3");
    assertThat(byQueue).containsExactly("1", "3", "4", "6");
    assertThat(byBoth).containsExactly("1", "6");
    assertThat(all).containsExactly("1", "2", "3", "4", "5", "6");
    DispatcherStats stats = d.stats();
    assertAccounted(stats.handler("Billing.byJobType(JobFailed)"), 3);
    assertAccounted(stats.handler("Billing.byQueue(JobEvent)"), 4);
    assertAccounted(stats.handler("Billing.byBoth(JobEvent)"), 2);
    assertAccounted(stats.handler("Billing.all(JobEvent)"), 6);
    assertThat(stats.published()).isEqualTo(6);
    assertThat(d.close(WAIT).drained()).isTrue();
  }

  @Test
  void synchronousMode_callsOnlyWhatTheFilterAccepts() {
    List<String> byJobType = new CopyOnWriteArrayList<>();
    List<String> byQueue = new CopyOnWriteArrayList<>();
    List<String> byBoth = new CopyOnWriteArrayList<>();
    List<String> all = new CopyOnWriteArrayList<>();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(billingHandlers(byJobType, byQueue, byBoth, all))
            .synchronous()
            .build();

    EVENTS.forEach(d::publish);

    assertThat(byJobType).containsExactly("1", "2", "3");
    assertThat(byBoth).containsExactly("1", "6");
    assertAccounted(d.stats().handler("Billing.byJobType(JobFailed)"), 3);
    assertAccounted(d.stats().handler("Billing.byBoth(JobEvent)"), 2);
    d.close(WAIT);
  }

  /** Published, delivered: exactly {@code n}; nothing failed, dropped or pending. */
  private static void assertAccounted(HandlerStats h, long n) {
    assertThat(h.published()).as("%s published", h.name()).isEqualTo(n);
    assertThat(h.delivered()).as("%s delivered", h.name()).isEqualTo(n);
    assertThat(h.failed()).as("%s failed", h.name()).isZero();
    assertThat(h.dropped()).as("%s dropped", h.name()).isZero();
    assertThat(h.pending()).as("%s pending", h.name()).isZero();
  }

  @Test
  void shouldCountAnIntakeDropOnlyAgainstHandlersWhoseFilterAcceptsTheEvent() throws Exception {
    // The slow-handler listener runs on the dispatcher thread: blocking it there stops the intake
    // from being drained, so the intake fills up exactly.
    int intake = 64;
    int extra = 10; // refused: run ids intake+2 .. intake+11, every other one "send-invoice"
    CountDownLatch inListener = new CountDownLatch(1);
    CountDownLatch listenerGate = new CountDownLatch(1);
    CountDownLatch handlerGate = new CountDownLatch(1);
    List<String> invoices = new CopyOnWriteArrayList<>();
    JobEventDispatcher d =
        JobEventDispatcher.builder()
            .addBinding(
                new FunctionBinding(Billing.class)
                    .on(
                        "Billing.blocker(JobStarted)",
                        JobStarted.class,
                        e -> {
                          if (!handlerGate.await(30, TimeUnit.SECONDS)) {
                            throw new AssertionError("never released");
                          }
                        })
                    .on(
                        "Billing.invoices(JobFailed)",
                        JobFailed.class,
                        m -> m.withJobTypes("send-invoice"),
                        e -> invoices.add(e.runId()))
                    .on("Billing.all(JobFailed)", JobFailed.class, e -> {}))
            .intakeCapacity(intake)
            .slowHandlerThreshold(Duration.ofMillis(50))
            .slowHandlerListener(
                (name, event, runningFor) -> {
                  inListener.countDown();
                  try {
                    listenerGate.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  handlerGate.countDown();
                })
            .build();
    d.publish(new JobStarted(JobRun.of("0", "blocker"), T0, "worker-1"));
    assertThat(inListener.await(30, TimeUnit.SECONDS)).isTrue();

    long acceptedInvoices = 0;
    long refusedInvoices = 0;
    for (int i = 2; i < 2 + intake + extra; i++) {
      String jobType = i % 2 == 0 ? "send-invoice" : "cleanup";
      d.publish(failed(String.valueOf(i), jobType, "default"));
      if (jobType.equals("send-invoice")) {
        if (i < 2 + intake) {
          acceptedInvoices++;
        } else {
          refusedInvoices++;
        }
      }
    }

    DispatcherStats stuck = d.stats();
    assertThat(stuck.handler("Billing.all(JobFailed)").dropped(DropReason.INTAKE_FULL))
        .isEqualTo(extra);
    assertThat(stuck.handler("Billing.invoices(JobFailed)").dropped(DropReason.INTAKE_FULL))
        .isEqualTo(refusedInvoices)
        .isLessThan(extra);
    assertThat(stuck.handler("Billing.blocker(JobStarted)").dropped()).isZero();
    listenerGate.countDown();
    assertThat(d.awaitIdle(WAIT)).isTrue();

    HandlerStats filtered = d.stats().handler("Billing.invoices(JobFailed)");
    assertThat(filtered.published()).isEqualTo(acceptedInvoices + refusedInvoices);
    assertThat(filtered.delivered()).isEqualTo(acceptedInvoices).isEqualTo(invoices.size());
    assertThat(filtered.dropped()).isEqualTo(refusedInvoices);
    assertThat(d.stats().handler("Billing.all(JobFailed)").published()).isEqualTo(intake + extra);
    assertThat(d.close(WAIT).drained()).isTrue();
  }
}
