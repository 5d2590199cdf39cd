package dev.zapjobs.events.spring.boot.sample;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.OnJobEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes every event to the job_audit table, in a transaction (the bean is a proxy). */
@Component
public class JobAudit {
  private final JdbcTemplate jdbc;
  private final SampleCounters counters;

  public JobAudit(JdbcTemplate jdbc, SampleCounters counters) {
    this.jdbc = jdbc;
    this.counters = counters;
  }

  @OnJobEvent
  @Transactional
  void record(JobEvent e) {
    jdbc.update(
        "insert into job_audit (run_id, job_type, event) values (?, ?, ?)",
        e.runId(),
        e.jobTypeId(),
        e.getClass().getSimpleName());
    counters.countAudited(e);
  }
}
