package dev.zapjobs.events.spring.boot.sample;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Stands in for your job system: it runs jobs and publishes their lifecycle events through the
 * auto-configured {@link JobEventPublisher}. Every tenth job fails for good.
 */
@Component
public class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private final JobEventPublisher events;
  private final int jobsOnStart;

  public JobRunner(JobEventPublisher events, @Value("${sample.jobs-on-start:0}") int jobsOnStart) {
    this.events = events;
    this.jobsOnStart = jobsOnStart;
  }

  /** Runs one job: enqueued, started, then completed or (every tenth run) failed. */
  public void run(String runId, String jobType) {
    JobRun run = JobRun.of(runId, jobType);
    events.publish(JobEnqueued.builder(run).build());
    events.publish(JobStarted.builder(run).workerId("worker-1").build());
    if (runId.endsWith("9")) {
      events.publish(
          JobFailed.builder(run)
              .error(JobError.of("java.io.IOException", "upstream unavailable"))
              .deadLettered(true)
              .duration(Duration.ofMillis(3))
              .build());
    } else {
      events.publish(JobCompleted.builder(run).duration(Duration.ofMillis(2)).build());
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  void runJobsOnStart() {
    for (int i = 0; i < jobsOnStart; i++) {
      run("run-" + i, i % 2 == 0 ? "invoice" : "report");
    }
    if (jobsOnStart > 0) {
      LOG.info("sample: ran {} jobs", jobsOnStart);
    }
  }
}
