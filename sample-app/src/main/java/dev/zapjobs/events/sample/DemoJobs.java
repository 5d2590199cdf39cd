package dev.zapjobs.events.sample;

import dev.zapjobs.events.JobEnqueued.Trigger;
import dev.zapjobs.events.sample.runner.JobResult;
import dev.zapjobs.events.sample.runner.JobRunner;
import dev.zapjobs.events.sample.runner.JobType;
import dev.zapjobs.events.sample.runner.RetryPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The demo's job types and the mix of runs it enqueues: emails and image resizes that succeed, an
 * inventory sync that fails twice then succeeds, a card charge that always fails (dead-lettered
 * after 4 attempts), and a report scheduled a little later.
 *
 * @param work one unit of simulated work, slept inside the jobs ({@code Duration.ZERO} in tests)
 * @param retryBase the back-off after a first failed attempt; doubles per further failure
 */
public record DemoJobs(Duration work, Duration retryBase) {

  /** The attempts of the job that always fails, and so the attempt it is dead-lettered after. */
  public static final int CHARGE_CARD_ATTEMPTS = 4;

  /** How many runs {@link #enqueueMix} enqueues, and how many of them end up dead-lettered. */
  public static final int RUNS = 12;

  /** How many runs of the mix are dead-lettered. */
  public static final int DEAD_LETTERED = 1;

  /** How many retries the mix needs: 2 for the inventory sync, 3 for the card charge. */
  public static final int RETRIES = 2 + (CHARGE_CARD_ATTEMPTS - 1);

  /**
   * How many attempts of the mix fail by design: 2 of the inventory sync, all of the card charge.
   */
  public static final int FAILED_ATTEMPTS = 2 + CHARGE_CARD_ATTEMPTS;

  /** How many events the mix emits: 10 one-attempt runs × 3, plus 11 and 15 for the retried. */
  public static final int EVENTS = 10 * 3 + 11 + 15;

  /** Registers the job types on {@code builder}. */
  public JobRunner.Builder register(JobRunner.Builder builder) {
    return builder
        .register(
            JobType.of(
                    "send-email",
                    run -> {
                      simulateWork(1);
                      return JobResult.of("{\"messageId\":\"m-" + run.runId().hashCode() + "\"}");
                    })
                .withQueue("mail")
                .withRetryPolicy(RetryPolicy.exponential(3, retryBase)))
        .register(
            JobType.of(
                    "resize-image",
                    run -> {
                      simulateWork(3);
                      return new JobResult("{\"thumbnails\":4}", 4, 0);
                    })
                .withQueue("media")
                .withRetryPolicy(RetryPolicy.exponential(3, retryBase)))
        .register(
            JobType.of(
                    "sync-inventory",
                    run -> {
                      simulateWork(2);
                      if (run.attempt() <= 2) {
                        throw new IOException("inventory API answered 503");
                      }
                      return new JobResult("{\"skus\":118}", 118, 0);
                    })
                .withRetryPolicy(RetryPolicy.exponential(4, retryBase)))
        .register(
            JobType.of(
                    "charge-card",
                    run -> {
                      simulateWork(1);
                      throw new IllegalStateException("card declined: insufficient funds");
                    })
                .withQueue("payments")
                .withRetryPolicy(RetryPolicy.exponential(CHARGE_CARD_ATTEMPTS, retryBase)))
        .register(
            JobType.of(
                    "nightly-report",
                    run -> {
                      simulateWork(4);
                      return new JobResult("{\"rows\":123}", 120, 3);
                    })
                .withQueue("reports"));
  }

  /** Enqueues the mix of {@link #RUNS} runs. */
  public void enqueueMix(JobRunner runner, Clock clock) {
    for (int i = 1; i <= 6; i++) {
      runner.enqueue(
          "send-email",
          "{\"to\":\"customer" + i + "@example.com\"}",
          null,
          Trigger.API,
          "checkout-service");
    }
    for (int i = 1; i <= 3; i++) {
      runner.enqueue(
          "resize-image", "{\"image\":\"img-" + i + ".png\"}", null, Trigger.API, "upload-service");
    }
    runner.enqueue("sync-inventory", "{\"warehouse\":\"north\"}", null, Trigger.MANUAL, "alice");
    runner.enqueue(
        "charge-card", "{\"order\":\"A-1017\",\"cents\":4999}", null, Trigger.API, "billing");
    runner.enqueue(
        "nightly-report",
        "{\"day\":\"yesterday\"}",
        clock.instant().plus(work.multipliedBy(10)),
        Trigger.SCHEDULE,
        "cron 0 2 * * *");
  }

  private void simulateWork(int units) throws InterruptedException {
    if (!work.isZero()) {
      Thread.sleep(work.toMillis() * units);
    }
  }
}
