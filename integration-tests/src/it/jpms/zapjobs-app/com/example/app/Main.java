package com.example.app;

import com.example.app.billing.BillingAlerts;
import com.example.app.handlers.AuditHandlers;
import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.DispatcherStats;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Publishes one event of each kind and prints what the handlers received.
 *
 * <p>{@code java ... -m com.example.app/com.example.app.Main discover} finds the handlers through
 * ServiceLoader ({@code provides ... with ...} in module-info); {@code ... explicit} hands the
 * generated bindings (one per handler package) to the builder with {@code addBinding}.
 */
public final class Main {
  public static void main(String[] args) throws InterruptedException {
    String route = args.length > 0 ? args[0] : "discover";
    JobEventDispatcher.Builder builder = JobEventDispatcher.builder();
    if (route.equals("explicit")) {
      builder.addBinding(
          new com.example.app.handlers.ZapJobs_HandlerBinding(),
          new com.example.app.billing.ZapJobs_HandlerBinding());
    }
    System.out.println("module " + Main.class.getModule().getName() + ", route " + route);

    try (JobEventDispatcher dispatcher = builder.build()) {
      Instant now = Instant.now();
      JobRun run = JobRun.of(UUID.randomUUID().toString(), "send-invoice");
      JobError error = JobError.of(new IllegalStateException("mail server down"));
      dispatcher.publish(new JobEnqueued(run, now, null, JobEnqueued.Trigger.API, "main"));
      dispatcher.publish(new JobStarted(run, now, "worker-1"));
      dispatcher.publish(
          JobFailed.builder(run).timestamp(now).duration(Duration.ofMillis(3)).error(error).retryAt(now.plusSeconds(1)).build());
      dispatcher.publish(
          JobRetrying.builder(run).timestamp(now).maxAttempts(3).delay(Duration.ofSeconds(1)).lastError(error).build());
      dispatcher.publish(
          new JobCompleted(run.withAttempt(2), now, Duration.ofMillis(5), null, 1, 0));

      if (!dispatcher.awaitIdle(Duration.ofSeconds(20))) {
        System.out.println("NOT IDLE after 20 s");
      }
      for (String line : AuditHandlers.received()) {
        System.out.println("received " + line);
      }
      for (String line : BillingAlerts.received()) {
        System.out.println("received " + line);
      }
      DispatcherStats stats = dispatcher.stats();
      System.out.println(
          "stats published="
              + stats.published()
              + " delivered="
              + stats.delivered()
              + " failed="
              + stats.failed()
              + " dropped="
              + stats.dropped());
      for (HandlerStats h : stats.handlers()) {
        System.out.println("handler " + h.name() + " published=" + h.published());
      }
    }
  }
}
