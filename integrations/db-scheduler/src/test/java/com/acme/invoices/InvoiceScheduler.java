package com.acme.invoices;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.OnJobEvent;
import dev.zapjobs.events.dbscheduler.ZapJobsDbScheduler;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/** db-scheduler with ZapJobs Events: a task that fails for good, and the alert that fires. */
public final class InvoiceScheduler {
  /** Every run that failed for good (the README's alert). */
  public static final List<String> ALERTS = new CopyOnWriteArrayList<>();

  /** A handler, found by the annotation processor. */
  public static final class Alerts {
    @OnJobEvent
    void onFailed(JobFailed e) {
      if (e.deadLettered()) {
        ALERTS.add(e.runId() + " failed for good: " + e.error().message());
      }
    }
  }

  static final OneTimeTask<String> SEND_INVOICE =
      Tasks.oneTime("send-invoice", String.class)
          .onFailure(
              FailureHandler.<String>maxRetries(2)
                  .withBackoff(Duration.ofMillis(200), 2.0) // 200 ms, then 400 ms
                  .thenRemove())
          .execute(
              (instance, ctx) -> {
                throw new IllegalStateException("mail server down");
              });

  /** Runs one invoice through three failing attempts; returns when its alert fired. */
  public static void run(DataSource dataSource) throws InterruptedException {
    JobEventDispatcher dispatcher = JobEventDispatcher.builder().build();
    Scheduler scheduler =
        Scheduler.create(dataSource, SEND_INVOICE)
            .addSchedulerListener(ZapJobsDbScheduler.listener(dispatcher)) // the one line
            .pollingInterval(Duration.ofMillis(100))
            .build();
    scheduler.start();
    scheduler.schedule(SEND_INVOICE.instance("invoice-7", "{\"invoice\":7}"), Instant.now());
    while (ALERTS.isEmpty()) {
      Thread.sleep(50);
    }
    scheduler.stop(); // first the scheduler, then the dispatcher (it drains what is pending)
    dispatcher.close(Duration.ofSeconds(5));
  }

  /** The same listener, told what db-scheduler does not say. */
  static ZapJobsDbScheduler configured(JobEventDispatcher dispatcher) {
    return ZapJobsDbScheduler.builder(dispatcher)
        .maxRetries("send-invoice", 2) // as given to FailureHandler.maxRetries: maxAttempts 3
        .queue(task -> task.startsWith("report-") ? "reports" : "default")
        .input(data -> data == null ? null : data.toString()) // the task data as JSON text
        .deadLetterFinalFailures(true) // the default
        .build();
  }
}
