package dev.zapjobs.events.spring.boot.sampletest;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.OnJobEvent;
import dev.zapjobs.events.spring.boot.ZapJobsEventsLifecycle;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Test-only handler beans added to the sample application (outside its component scan): a
 * transactional probe, and a gated handler whose dependency records when it is destroyed.
 */
@Configuration(proxyBeanMethods = false)
public class TestHandlers {

  @Bean
  Ledger ledger(ObjectProvider<ZapJobsEventsLifecycle> lifecycle) {
    return new Ledger(lifecycle);
  }

  @Bean
  GatedLedgerHandler gatedLedgerHandler(Ledger ledger, JdbcTemplate jdbc) {
    return new GatedLedgerHandler(ledger, jdbc);
  }

  @Bean
  TransactionProbe transactionProbe() {
    return new TransactionProbe();
  }

  @Bean
  MdcProbe mdcProbe() {
    return new MdcProbe();
  }

  /** Records the MDC's "jobId" that each JobStarted handler call sees, by run id. */
  public static class MdcProbe {
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    @OnJobEvent
    void on(JobStarted e) {
      seen.put(e.runId(), String.valueOf(MDC.get("jobId")));
    }

    public Map<String, String> seen() {
      return Map.copyOf(seen);
    }
  }

  /** A dependency that refuses writes once destroyed, and records its destruction. */
  public static class Ledger {
    private final ObjectProvider<ZapJobsEventsLifecycle> lifecycle;
    private final List<String> entries = new CopyOnWriteArrayList<>();
    private volatile boolean destroyed;

    Ledger(ObjectProvider<ZapJobsEventsLifecycle> lifecycle) {
      this.lifecycle = lifecycle;
    }

    void add(String entry) {
      if (destroyed) {
        throw new IllegalStateException("ledger destroyed; lost " + entry);
      }
      entries.add(entry);
    }

    public List<String> entries() {
      return List.copyOf(entries);
    }

    @PreDestroy
    void destroy() {
      destroyed = true;
      boolean dispatcherClosed = lifecycle.getObject().closeReport().isPresent();
      entries.add("ledger destroyed, dispatcher closed before: " + dispatcherClosed);
    }
  }

  /** Writes each JobStarted to the database and the ledger, once its gate is open. */
  public static class GatedLedgerHandler {
    private final Ledger ledger;
    private final JdbcTemplate jdbc;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    GatedLedgerHandler(Ledger ledger, JdbcTemplate jdbc) {
      this.ledger = ledger;
      this.jdbc = jdbc;
    }

    public void closeGate() {
      gate = new CountDownLatch(1);
    }

    public void openGate() {
      gate.countDown();
    }

    @OnJobEvent
    void on(JobStarted e) throws InterruptedException {
      gate.await(30, TimeUnit.SECONDS);
      jdbc.update(
          "insert into job_audit (run_id, job_type, event) values (?, ?, ?)",
          e.runId(),
          e.jobTypeId(),
          "gated");
      ledger.add(e.runId());
    }
  }

  /** Records, per call, whether a transaction was active: true only if called through the proxy. */
  public static class TransactionProbe {
    private final List<Boolean> inTransaction = new CopyOnWriteArrayList<>();

    @OnJobEvent
    @Transactional
    void on(JobCompleted e) {
      inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
    }

    public List<Boolean> inTransaction() {
      return List.copyOf(inTransaction);
    }
  }
}
