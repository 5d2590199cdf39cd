package dev.zapjobs.events.sample;

import static org.quartz.JobBuilder.newJob;
import static org.quartz.TriggerBuilder.newTrigger;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobEventPublisher;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.quartz.RetryPolicy;
import dev.zapjobs.events.quartz.ZapJobsQuartz;
import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.sample.handlers.JobMetrics.TypeMetrics;
import dev.zapjobs.events.sample.handlers.SlowHandler;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.listeners.TriggerListenerSupport;

/**
 * The sample's second mode: the same handlers, the events coming from a real Quartz scheduler
 * (RAMJobStore, 4 workers) through the Quartz adapter. The same job mix as the default mode (Quartz
 * jobs in {@link QuartzJobs}, retries by the adapter's {@link RetryPolicy}), plus a run vetoed by a
 * trigger listener and a run whose misfire Quartz skips: 14 runs.
 *
 * <p>{@code java -jar sample-app/target/zapjobs-events-sample-app-all.jar quartz}
 */
public final class QuartzMode {
  /** How many runs the mix has. */
  public static final int RUNS = 14;

  /**
   * How many events the mix emits: 10 one-attempt successes × 3, 11 for the inventory sync (fails
   * twice), 15 for the card charge (4 attempts), 2 each for the vetoed and the misfired run.
   */
  public static final int EVENTS = 10 * 3 + 11 + 15 + 2 + 2;

  /** How many runs fail for good: the card charge, the vetoed run and the misfired one. */
  public static final int FAILED_FOR_GOOD = 3;

  /**
   * How many {@code JobFailed} the mix has by design: 2 attempts of the inventory sync, all 4 of
   * the card charge, the vetoed run and the misfired one.
   */
  public static final int FAILURES = 2 + 4 + 2;

  /** The job types: Quartz jobs, by name. */
  private static final Map<String, Class<? extends Job>> JOBS =
      Map.of(
          "send-email", QuartzJobs.SendEmail.class,
          "resize-image", QuartzJobs.ResizeImage.class,
          "sync-inventory", QuartzJobs.SyncInventory.class,
          "charge-card", QuartzJobs.ChargeCard.class,
          "nightly-report", QuartzJobs.NightlyReport.class,
          "cleanup-temp", QuartzJobs.Housekeeping.class,
          "rebuild-index", QuartzJobs.Housekeeping.class);

  /** The queue of each job type: its Quartz job group. */
  private static final Map<String, String> QUEUES =
      Map.of(
          "send-email", "mail",
          "resize-image", "media",
          "sync-inventory", "default",
          "charge-card", "payments",
          "nightly-report", "reports",
          "cleanup-temp", "maintenance",
          "rebuild-index", "maintenance");

  private static final String INPUT = "input";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Duration work;
  private final Duration retryBase;

  /**
   * The mix with jobs that sleep {@code work} per unit of work and retries after {@code retryBase},
   * doubling.
   */
  public QuartzMode(Duration work, Duration retryBase) {
    this.work = work;
    this.retryBase = retryBase;
  }

  /**
   * Runs the mix on a new Quartz scheduler that publishes to {@code publisher}, until every run has
   * ended, then shuts the scheduler down.
   *
   * @return the wall time from the scheduler's start to the end of the last run
   * @throws IllegalStateException if the runs do not end within {@code timeout}
   */
  public Duration runMix(JobEventPublisher publisher, Duration timeout)
      throws SchedulerException, InterruptedException {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "sample-" + UUID.randomUUID());
    p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Main.WORKERS));
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
    Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
    EndedRuns ended = new EndedRuns(publisher);

    // The one line that connects Quartz to the handlers, with what Quartz cannot tell.
    ZapJobsQuartz.builder()
        .queue(trigger -> trigger.getJobKey().getGroup())
        .input(data -> data.getString(INPUT))
        .output(result -> (String) result) // the jobs set their result as JSON text
        .retryPolicy(
            job ->
                switch (job.getKey().getName()) {
                  case "send-email", "resize-image" -> RetryPolicy.exponential(3, retryBase);
                  case "sync-inventory", "charge-card" -> RetryPolicy.exponential(4, retryBase);
                  default -> RetryPolicy.none();
                })
        .install(scheduler, ended);
    scheduler.getListenerManager().addTriggerListener(new MaintenanceWindow());

    for (Map.Entry<String, Class<? extends Job>> job : JOBS.entrySet()) {
      scheduler.addJob(
          newJob(job.getValue())
              .withIdentity(job.getKey(), QUEUES.get(job.getKey()))
              .usingJobData(QuartzJobs.WORK_MILLIS, work.toMillis())
              .storeDurably()
              .build(),
          false);
    }

    Instant now = Instant.now();
    for (int i = 1; i <= 6; i++) {
      runNow(scheduler, "send-email", "checkout-service", "email-" + i, to(i));
    }
    for (int i = 1; i <= 3; i++) {
      runNow(scheduler, "resize-image", "upload-service", "image-" + i, image(i));
    }
    runNow(scheduler, "sync-inventory", "alice", "inventory-north", "{\"warehouse\":\"north\"}");
    runNow(scheduler, "charge-card", "billing", "order-A-1017", "{\"order\":\"A-1017\"}");
    // Every day from a little later on: the schedule fires once while the demo runs.
    schedule(
        scheduler,
        trigger("nightly-report", "cron", "nightly", "{\"day\":\"yesterday\"}")
            .startAt(Date.from(now.plus(work.multipliedBy(10))))
            .withSchedule(SimpleScheduleBuilder.repeatHourlyForever(24))
            .build());
    runNow(scheduler, "cleanup-temp", "ops", "cleanup-tmp", null); // vetoed
    // Was due a minute ago, beyond the misfire threshold; its instruction skips a missed fire.
    schedule(
        scheduler,
        trigger("rebuild-index", "ops", "rebuild-index", null)
            .startAt(Date.from(now.minusSeconds(60)))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule()
                    .withMisfireHandlingInstructionNextWithRemainingCount())
            .build());

    long start = System.nanoTime();
    scheduler.start();
    boolean done = ended.await(timeout);
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    scheduler.shutdown(true);
    if (!done) {
      throw new IllegalStateException(
          ended.count() + " of " + RUNS + " runs ended within " + timeout);
    }
    return wall;
  }

  /**
   * The demo: the mix with a no-op publisher, then with the dispatcher and the sample's handlers,
   * and the summary.
   *
   * @return the exit status: 0 if everything is accounted for, else 1
   */
  public static int run(PrintStream out) throws SchedulerException, InterruptedException {
    out.println(
        "ZapJobs Events sample under Quartz (RAMJobStore): "
            + RUNS
            + " runs on "
            + Main.WORKERS
            + " workers");
    QuartzMode mode = new QuartzMode(Duration.ofMillis(10), Duration.ofMillis(20));
    Duration baseline = mode.runMix(JobEventPublisher.noop(), TIMEOUT);

    DemoHandlers handlers = new DemoHandlers(SlowHandler.Pause.sleeping(Main.SLOW_HANDLER_PAUSE));
    JobEventDispatcher dispatcher =
        JobEventDispatcher.builder().handlerResolver(handlers::resolve).build();
    TimedPublisher publisher = new TimedPublisher(dispatcher);
    Duration withHandlers = mode.runMix(publisher, TIMEOUT);
    long slowDoneWhenJobsFinished = handlers.slow().invocations();
    CloseReport report = dispatcher.close(TIMEOUT);

    List<String> problems =
        new ArrayList<>(
            Summary.dispatcherProblems(
                report, publisher.count(), handlers.throwing().invocations()));
    if (publisher.count() != EVENTS) {
      problems.add("the adapter published " + publisher.count() + " events, expected " + EVENTS);
    }
    if (handlers.alerts().alerts().size() != FAILED_FOR_GOOD) {
      problems.add(handlers.alerts().alerts().size() + " alerts, expected " + FAILED_FOR_GOOD);
    }
    Totals totals = Totals.of(handlers);
    Summary.printHeader(out);
    out.printf(
        Locale.ROOT,
        "Jobs, as the events tell it: %d runs, %d attempts on %d Quartz workers: %d succeeded, %d"
            + " retries, %d failed for good (dead-lettered)%n",
        totals.runs,
        totals.attempts,
        Main.WORKERS,
        totals.completed,
        totals.retries,
        totals.dead);
    Summary.printJobCost(out, withHandlers, baseline, publisher);
    Summary.printHandlers(
        out, handlers, slowDoneWhenJobsFinished, withHandlers, totals.failedAttempts, FAILURES, 0);
    Summary.printJobTypes(out, handlers);
    Summary.printDispatcher(out, report);
    if (problems.isEmpty()) {
      out.println("All accounted for.");
      return 0;
    }
    problems.forEach(problem -> out.println("PROBLEM: " + problem));
    return 1;
  }

  /** The totals over the job types of the {@code JobMetrics} handler. */
  private record Totals(
      long runs, long attempts, long completed, long failedAttempts, long retries, long dead) {
    static Totals of(DemoHandlers handlers) {
      long runs = 0;
      long attempts = 0;
      long completed = 0;
      long failed = 0;
      long retries = 0;
      long dead = 0;
      for (TypeMetrics m : handlers.metrics().snapshot()) {
        runs += m.runs();
        attempts += m.attempts();
        completed += m.completed();
        failed += m.failedAttempts();
        retries += m.retries();
        dead += m.deadLettered();
      }
      return new Totals(runs, attempts, completed, failed, retries, dead);
    }
  }

  /** Vetoes the cleanup job: "no cleanup during the maintenance window". */
  private static final class MaintenanceWindow extends TriggerListenerSupport {
    @Override
    public String getName() {
      return "maintenance-window";
    }

    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
      return trigger.getJobKey().getName().equals("cleanup-temp");
    }
  }

  /** Passes events on, and counts the runs that have ended. */
  private static final class EndedRuns implements JobEventPublisher {
    private final JobEventPublisher next;
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    private final CountDownLatch all = new CountDownLatch(RUNS);

    EndedRuns(JobEventPublisher next) {
      this.next = next;
    }

    @Override
    public void publish(JobEvent event) {
      boolean ends =
          event instanceof JobCompleted || event instanceof JobFailed f && !f.willRetry();
      next.publish(event);
      if (ends && ended.add(event.runId())) {
        all.countDown();
      }
    }

    boolean await(Duration timeout) throws InterruptedException {
      return all.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int count() {
      return ended.size();
    }
  }

  private static void runNow(Scheduler scheduler, String job, String by, String name, String input)
      throws SchedulerException {
    schedule(scheduler, trigger(job, by, name, input).startNow().build());
  }

  private static org.quartz.TriggerBuilder<Trigger> trigger(
      String job, String by, String name, String input) {
    org.quartz.TriggerBuilder<Trigger> trigger =
        newTrigger().withIdentity(name, by).forJob(job, QUEUES.get(job));
    return input == null ? trigger : trigger.usingJobData(INPUT, input);
  }

  private static void schedule(Scheduler scheduler, Trigger trigger) throws SchedulerException {
    scheduler.scheduleJob(trigger);
  }

  private static String to(int i) {
    return "{\"to\":\"customer" + i + "@example.com\"}";
  }

  private static String image(int i) {
    return "{\"image\":\"img-" + i + ".png\"}";
  }
}
