package dev.zapjobs.events.spring.boot.sampletest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.spring.boot.ZapJobsEventsLifecycle;
import dev.zapjobs.events.spring.boot.sample.JobAudit;
import dev.zapjobs.events.spring.boot.sample.JobRunner;
import dev.zapjobs.events.spring.boot.sample.SampleCounters;
import dev.zapjobs.events.spring.boot.sample.shared.ThroughputMeter;
import dev.zapjobs.events.spring.boot.sampletest.TestHandlers.GatedLedgerHandler;
import dev.zapjobs.events.spring.boot.sampletest.TestHandlers.Ledger;
import dev.zapjobs.events.spring.boot.sampletest.TestHandlers.MdcProbe;
import dev.zapjobs.events.spring.boot.sampletest.TestHandlers.TransactionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.MDC;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sample application, started for real on a random port: handler beans with injected
 * dependencies (two of them @Transactional proxies), a handler class that is not a bean, a
 * filtered-out handler, health and the Actuator endpoint over HTTP, and, last, a graceful shutdown
 * that drains pending events while the handlers' dependencies (a ledger bean, the database) are
 * still alive, and only then destroys them. One application start for all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleApplicationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int JOBS = 20;

  private static ConfigurableApplicationContext app;
  private static JobEventDispatcher dispatcher;

  @BeforeAll
  static void startAndRunJobs() throws InterruptedException {
    app = SampleApps.start("sample-test");
    dispatcher = app.getBean(JobEventDispatcher.class);
    JobRunner runner = app.getBean(JobRunner.class);
    for (int i = 0; i < JOBS; i++) {
      runner.run("run-" + i, "invoice");
    }
    assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
  }

  @AfterAll
  static void stop() {
    app.close(); // done by the last test; a no-op then
  }

  private static HandlerStats handler(String name) {
    return dispatcher.stats().handler(name);
  }

  @Test
  void transactionalHandlerBeans_areCalledThroughTheirProxies() {
    TransactionProbe probe = app.getBean(TransactionProbe.class);
    assertThat(AopUtils.isCglibProxy(probe)).isTrue();
    assertThat(AopUtils.isCglibProxy(app.getBean(JobAudit.class))).isTrue();
    // 18 of the 20 jobs complete (run-9 and run-19 fail); each call ran inside a transaction
    assertThat(probe.inTransaction()).hasSize(18).containsOnly(true);

    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    Integer audited =
        jdbc.queryForObject("select count(*) from job_audit where event <> 'gated'", Integer.class);
    assertThat(audited).isEqualTo(3 * JOBS);
    assertThat(handler("JobAudit.record(JobEvent)").delivered()).isEqualTo(3 * JOBS);
  }

  @Test
  void handlerClassThatIsNotABean_isCreatedWithItsDependenciesInjected() {
    assertThat(app.getBeansOfType(ThroughputMeter.class)).isEmpty();
    assertThat(app.getBean(SampleCounters.class).metered()).isEqualTo(18);
    assertThat(handler("ThroughputMeter.onCompleted(JobCompleted)").delivered()).isEqualTo(18);
  }

  @Test
  void excludedHandler_isNotBound() {
    assertThat(dispatcher.stats().handlers())
        .extracting(HandlerStats::name)
        .noneMatch(name -> name.startsWith("DebugDump"))
        .contains("FailureAlerts.onFailed(JobFailed)");
  }

  @Test
  @SuppressWarnings("unchecked")
  void healthOverHttp_includesTheDispatcher() throws Exception {
    SampleApps.Response r = SampleApps.get(app, "/actuator/health");

    assertThat(r.status()).isEqualTo(200);
    Map<String, Object> component =
        (Map<String, Object>)
            ((Map<String, Object>) r.json().get("components")).get("zapJobsEvents");
    assertThat(component).containsEntry("status", "UP");
    Map<String, Object> details = (Map<String, Object>) component.get("details");
    assertThat(((Number) details.get("published")).longValue()).isEqualTo(3 * JOBS);
    assertThat(((Number) details.get("dropped")).longValue()).isZero();
  }

  @Test
  @SuppressWarnings("unchecked")
  void actuatorEndpointOverHttp_showsOneRowPerHandler() throws Exception {
    SampleApps.Response all = SampleApps.get(app, "/actuator/zapjobsevents");

    assertThat(all.status()).isEqualTo(200);
    List<Map<String, Object>> rows = (List<Map<String, Object>>) all.json().get("handlers");
    assertThat(rows)
        .extracting(row -> row.get("name"))
        .contains(
            "JobAudit.record(JobEvent)",
            "FailureAlerts.onFailed(JobFailed)",
            "ThroughputMeter.onCompleted(JobCompleted)")
        .doesNotContain("DebugDump.dump(JobEvent)");
    assertThat(all.json()).containsEntry("closed", false);

    SampleApps.Response one =
        SampleApps.get(app, "/actuator/zapjobsevents/FailureAlerts.onFailed(JobFailed)");
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json())
        .containsEntry("eventType", "JobFailed")
        .satisfies(row -> assertThat(((Number) row.get("delivered")).longValue()).isEqualTo(2));
    assertThat(app.getBean(SampleCounters.class).alerted()).isEqualTo(2);

    SampleApps.Response byId =
        SampleApps.get(
            app,
            "/actuator/zapjobsevents/dev.zapjobs.events.spring.boot.sample.FailureAlerts.onFailed(JobFailed)");
    assertThat(byId.json()).containsEntry("name", "FailureAlerts.onFailed(JobFailed)");
    assertThat(SampleApps.get(app, "/actuator/zapjobsevents/NoSuch.handler(JobEvent)").status())
        .isEqualTo(404);
  }

  @Test
  void micrometer_timesEveryCall_andObservesIt() {
    MeterRegistry registry = app.getBean(MeterRegistry.class);
    String audit = "dev.zapjobs.events.spring.boot.sample.JobAudit.record(JobEvent)";
    long timed =
        registry.get("zapjobs.events.handler.calls").tag("handler", audit).timers().stream()
            .mapToLong(Timer::count)
            .sum();
    assertThat(timed).isEqualTo(handler("JobAudit.record(JobEvent)").delivered()).isPositive();
    // each call is also an Observation: Spring Boot's meter handler times those too
    assertThat(registry.find("zapjobs.events.handler.execution").timers()).isNotEmpty();
  }

  @Test
  @Order(Integer.MAX_VALUE - 1) // runs jobs of its own: after the tests that count
  void theJobThreadsMdc_isCurrentInsideTheHandler_andOnlyThere() throws Exception {
    JobRunner runner = app.getBean(JobRunner.class);
    MDC.put("jobId", "job-42");
    try {
      runner.run("mdc-1", "invoice");
    } finally {
      MDC.remove("jobId");
    }
    runner.run("mdc-2", "invoice");
    assertThat(dispatcher.awaitIdle(WAIT)).isTrue();

    Map<String, String> seen = app.getBean(MdcProbe.class).seen();
    assertThat(seen).containsEntry("mdc-1", "job-42").containsEntry("mdc-2", "null");
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: it shuts the application down
  void shutdown_drainsPendingEvents_beforeTheHandlersDependenciesAreDestroyed() throws Exception {
    ZapJobsEventsLifecycle lifecycle = app.getBean(ZapJobsEventsLifecycle.class);
    GatedLedgerHandler gated = app.getBean(GatedLedgerHandler.class);
    Ledger ledger = app.getBean(Ledger.class);

    List<String> expected = new ArrayList<>(ledger.entries()); // from the jobs run before
    long deliveredBefore =
        dispatcher.stats().handler("TestHandlers.GatedLedgerHandler.on(JobStarted)").delivered();
    gated.closeGate();
    JobRunner runner = app.getBean(JobRunner.class);
    for (int i = 0; i < JOBS; i++) {
      runner.run("late-" + i, "invoice");
      expected.add("late-" + i);
    }
    // the gated handler holds all 20 JobStarted events: one in its call, 19 queued
    Thread closer = new Thread(app::close, "closer");
    closer.start();
    await().atMost(Duration.ofSeconds(10)).until(dispatcher::isClosed);
    assertThat(ledger.entries())
        .as("none of the late jobs delivered before the gate opens")
        .hasSameSizeAs(expected.subList(0, expected.size() - JOBS));
    gated.openGate();
    closer.join(Duration.ofSeconds(30).toMillis());

    assertThat(closer.isAlive()).isFalse();
    expected.add("ledger destroyed, dispatcher closed before: true");
    assertThat(ledger.entries()).containsExactlyElementsOf(expected);
    CloseReport report = lifecycle.closeReport().orElseThrow();
    assertThat(report.drained()).isTrue();
    // every call succeeded, including the database writes made during the drain
    assertThat(report.stats().failed()).isZero();
    assertThat(report.stats().handler("TestHandlers.GatedLedgerHandler.on(JobStarted)").delivered())
        .isEqualTo(deliveredBefore + JOBS);
  }
}
