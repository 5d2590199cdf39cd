package com.example.app;

import com.example.app.handlers.AuditSubscriber;
import com.google.common.eventbus.EventBus;
import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobError;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Registers a Guava subscriber, posts one event of each kind, prints what it received. */
public final class Main {
  public static void main(String[] args) {
    System.out.println("module " + Main.class.getModule().getName() + ", Guava EventBus");
    EventBus bus = new EventBus("audit");
    AuditSubscriber subscriber = new AuditSubscriber();
    bus.register(subscriber);
    System.out.println("registered");

    Instant now = Instant.now();
    JobRun run = JobRun.of(UUID.randomUUID().toString(), "send-invoice");
    JobError error = JobError.of(new IllegalStateException("mail server down"));
    bus.post(new JobEnqueued(run, now, null, JobEnqueued.Trigger.API, "main"));
    bus.post(new JobStarted(run, now, "worker-1"));
    bus.post(JobFailed.builder(run).timestamp(now).duration(Duration.ofMillis(3)).error(error).retryAt(now.plusSeconds(1)).build());
    bus.post(JobRetrying.builder(run).timestamp(now).maxAttempts(3).delay(Duration.ofSeconds(1)).lastError(error).build());
    bus.post(new JobCompleted(run.withAttempt(2), now, Duration.ofMillis(5), null, 1, 0));

    for (String line : subscriber.received()) {
      System.out.println("received " + line);
    }
  }
}
