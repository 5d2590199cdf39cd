package com.acme.invoices;

import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.OnJobEvent;
import dev.zapjobs.events.jobrunr.ZapJobsJobRunr;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.filters.RetryFilter;
import org.jobrunr.scheduling.BackgroundJob;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.InMemoryStorageProvider;

/** JobRunr with ZapJobs Events: a job that fails for good, and the alert that fires. */
public final class InvoiceJobs {
  /** Every run that failed for good (the README's alert). */
  public static final List<String> ALERTS = new CopyOnWriteArrayList<>();

  /** A handler, found by the annotation processor. */
  public static final class Alerts {
    @OnJobEvent
    void onFailed(JobFailed e) {
      if (e.deadLettered()) {
        ALERTS.add(e.jobTypeId() + " failed for good: " + e.error().message());
      }
    }
  }

  /** The job: JobRunr retries it once (1 s later), then parks it as failed. */
  @Job(retries = 1)
  public static void sendInvoice(int invoice) {
    throw new IllegalStateException("mail server down");
  }

  /** Runs one invoice through two failing attempts; returns when its alert fired. */
  public static void run() throws InterruptedException {
    JobEventDispatcher dispatcher = JobEventDispatcher.builder().build();
    JobRunr.configure()
        .useStorageProvider(new InMemoryStorageProvider())
        .withJobFilter(ZapJobsJobRunr.filter(dispatcher)) // the one line
        .withJobFilter(new RetryFilter(10, 1)) // back-off 1^n s instead of 3^n s
        .useBackgroundJobServer(
            BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                .andPollInterval(Duration.ofMillis(500)))
        .initialize();
    BackgroundJob.enqueue(() -> InvoiceJobs.sendInvoice(7));
    while (ALERTS.isEmpty()) {
      Thread.sleep(50);
    }
    JobRunr.destroy(); // first JobRunr, then the dispatcher (it drains what is pending)
    dispatcher.close(Duration.ofSeconds(5));
  }

  /** The same filter, told what JobRunr does not say. */
  static ZapJobsJobRunr configured(JobEventDispatcher dispatcher) {
    return ZapJobsJobRunr.builder(dispatcher)
        .maxRetries(10) // your RetryFilter's limit (JobRunr's default: 10); @Job(retries) wins
        .queue(job -> job.getLabels().isEmpty() ? null : job.getLabels().get(0))
        .jobType(job -> job.getJobName())
        .deadLetterFinalFailures(true) // the default
        .build();
  }
}
