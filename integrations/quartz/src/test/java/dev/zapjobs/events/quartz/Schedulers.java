package dev.zapjobs.events.quartz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.listeners.SchedulerListenerSupport;

/** Real Quartz schedulers for the tests, each with a name of its own. */
final class Schedulers {
  private Schedulers() {}

  /** A RAMJobStore scheduler with {@code threads} workers, not started. */
  static Scheduler ram(int threads, long misfireThresholdMillis) throws SchedulerException {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "ram-" + UUID.randomUUID());
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(misfireThresholdMillis));
    Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
    scheduler.getContext().put(Executions.KEY, new Executions());
    return scheduler;
  }

  /**
   * The errors Quartz reports to scheduler listeners about listeners from now on (those of jobs are
   * left out: Quartz reports a job's exception there too).
   */
  static List<String> listenerErrors(Scheduler scheduler) throws SchedulerException {
    List<String> errors = Collections.synchronizedList(new ArrayList<>());
    scheduler
        .getListenerManager()
        .addSchedulerListener(
            new SchedulerListenerSupport() {
              @Override
              public void schedulerError(String msg, SchedulerException cause) {
                if (msg.contains("Listener")) {
                  errors.add(msg + ": " + cause);
                }
              }
            });
    return errors;
  }

  static Executions executions(Scheduler scheduler) throws SchedulerException {
    return (Executions) scheduler.getContext().get(Executions.KEY);
  }
}
