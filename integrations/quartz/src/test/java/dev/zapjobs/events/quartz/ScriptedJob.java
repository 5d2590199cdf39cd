package dev.zapjobs.events.quartz;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * A Quartz job that does what its {@code plan} (job data) says, by attempt number as the adapter
 * reports it: succeed, fail (wrapped in a {@code JobExecutionException}, or not), ask Quartz to
 * refire it, or block until the test releases it. Records each execution in the scheduler context's
 * {@link Executions}.
 */
public final class ScriptedJob implements Job {
  /** The job data key of the plan. */
  static final String PLAN = "plan";

  /** A job instance per execution, as Quartz makes them. */
  public ScriptedJob() {}

  @Override
  public void execute(JobExecutionContext context) throws JobExecutionException {
    String plan = context.getMergedJobDataMap().getString(PLAN);
    int attempt = ZapJobsQuartz.attempt(context);
    Executions executions = executions(context);
    executions.executed(ZapJobsQuartz.runId(context), attempt, schedulerInstanceId(context));
    Plan p = Plan.valueOf(plan);
    if (p.work > 0) {
      try {
        Thread.sleep(p.work); // the job's own work: what takes a worker thread's time
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    switch (p) {
      case BLOCK_THEN_FAIL -> {
        executions.blocked.countDown();
        await(executions);
        throw new JobExecutionException(new IOException("failed after being released"));
      }
      case BLOCK_ONCE -> {
        if (attempt == 1) {
          executions.blocked.countDown();
          await(executions);
        }
      }
      case RUNTIME_FAIL_ONCE -> {
        if (attempt == 1) {
          throw new IllegalStateException("not a JobExecutionException, attempt " + attempt);
        }
      }
      case REFIRE_ONCE -> {
        if (attempt == 1) {
          throw new JobExecutionException(new IOException("asks for a refire"), true);
        }
      }
      default -> {
        if (attempt <= p.failures) {
          throw new JobExecutionException(new IOException("planned failure " + attempt));
        }
      }
    }
    context.setResult("done " + attempt);
  }

  private static void await(Executions executions) {
    try {
      executions.release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Executions executions(JobExecutionContext context) throws JobExecutionException {
    try {
      return (Executions) context.getScheduler().getContext().get(Executions.KEY);
    } catch (SchedulerException e) {
      throw new JobExecutionException(e);
    }
  }

  private static String schedulerInstanceId(JobExecutionContext context) {
    try {
      return context.getScheduler().getSchedulerInstanceId();
    } catch (SchedulerException e) {
      return "?";
    }
  }
}
