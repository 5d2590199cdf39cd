package dev.zapjobs.events.sample;

import dev.zapjobs.events.quartz.ZapJobsQuartz;
import java.io.IOException;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/**
 * The sample's jobs as plain Quartz jobs: the same work as the default mode's job types. They know
 * nothing of ZapJobs Events, except that the inventory sync asks which attempt it is on.
 */
public final class QuartzJobs {
  /** Job data key: the milliseconds one unit of simulated work takes. */
  static final String WORK_MILLIS = "workMillis";

  private QuartzJobs() {}

  /** Sends an email: succeeds. */
  public static final class SendEmail implements Job {
    /** Made by Quartz for each execution. */
    public SendEmail() {}

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
      work(context, 1);
      context.setResult("{\"messageId\":\"m-" + context.getFireInstanceId() + "\"}");
    }
  }

  /** Resizes an image: succeeds. */
  public static final class ResizeImage implements Job {
    /** Made by Quartz for each execution. */
    public ResizeImage() {}

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
      work(context, 3);
      context.setResult("{\"thumbnails\":4}");
    }
  }

  /** Syncs the inventory: the API answers 503 twice, then it succeeds. */
  public static final class SyncInventory implements Job {
    /** Made by Quartz for each execution. */
    public SyncInventory() {}

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
      work(context, 2);
      if (ZapJobsQuartz.attempt(context) <= 2) {
        throw new JobExecutionException(new IOException("inventory API answered 503"));
      }
      context.setResult("{\"skus\":118}");
    }
  }

  /** Charges a card: always declined. */
  public static final class ChargeCard implements Job {
    /** Made by Quartz for each execution. */
    public ChargeCard() {}

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
      work(context, 1);
      throw new JobExecutionException(
          new IllegalStateException("card declined: insufficient funds"));
    }
  }

  /** Writes the nightly report: succeeds. */
  public static final class NightlyReport implements Job {
    /** Made by Quartz for each execution. */
    public NightlyReport() {}

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
      work(context, 4);
      context.setResult("{\"rows\":123}");
    }
  }

  /** Cleans temporary files (vetoed in the demo) or rebuilds an index (misfired): succeeds. */
  public static final class Housekeeping implements Job {
    /** Made by Quartz for each execution. */
    public Housekeeping() {}

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
      work(context, 1);
    }
  }

  private static void work(JobExecutionContext context, int units) {
    long millis = context.getMergedJobDataMap().getLong(WORK_MILLIS) * units;
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
