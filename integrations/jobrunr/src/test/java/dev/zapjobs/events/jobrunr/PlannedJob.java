package dev.zapjobs.events.jobrunr;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/**
 * A job that fails a planned number of times before it succeeds ({@link #ALWAYS}: every time), or,
 * with {@code hang}, blocks its first attempt until interrupted.
 */
public class PlannedJob implements JobRequest {
  /** More failures than any retry limit in these tests. */
  public static final int ALWAYS = 99;

  private static final Map<Integer, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
  static final CountDownLatch HANGING = new CountDownLatch(1);

  private int id;
  private int failures;
  private boolean hang;

  public PlannedJob() {}

  public PlannedJob(int id, int failures, boolean hang) {
    this.id = id;
    this.failures = failures;
    this.hang = hang;
  }

  public int getId() {
    return id;
  }

  public void setId(int id) {
    this.id = id;
  }

  public int getFailures() {
    return failures;
  }

  public void setFailures(int failures) {
    this.failures = failures;
  }

  public boolean isHang() {
    return hang;
  }

  public void setHang(boolean hang) {
    this.hang = hang;
  }

  @Override
  public Class<Handler> getJobRequestHandler() {
    return Handler.class;
  }

  static void reset() {
    ATTEMPTS.clear();
  }

  /** Runs a {@link PlannedJob}. */
  public static class Handler implements JobRequestHandler<PlannedJob> {
    @Override
    public void run(PlannedJob job) throws Exception {
      int attempt = ATTEMPTS.computeIfAbsent(job.id, id -> new AtomicInteger()).incrementAndGet();
      if (job.hang && attempt == 1) {
        HANGING.countDown();
        new CountDownLatch(1).await(); // until the server stops and interrupts it
      }
      if (attempt <= job.failures) {
        throw new IllegalStateException("planned failure of attempt " + attempt);
      }
    }
  }
}
