package dev.zapjobs.events.jobrunr;

import static dev.zapjobs.events.jobrunr.Lifecycle.expected;
import static dev.zapjobs.events.jobrunr.Lifecycle.notation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.jobs.filters.RetryFilter;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.InMemoryStorageProvider;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real JobRunr, with its in-memory storage and with PostgreSQL through its SQL storage. */
class JobRunrTest {
  @BeforeEach
  @AfterEach
  void reset() {
    PlannedJob.reset();
  }

  /** Failures planned for job i: none for half, 1, 2, or always (a fifth: dead-lettered). */
  static int plannedFailures(int i) {
    int r = i % 10;
    return r < 5 ? 0 : r < 7 ? 1 : r < 8 ? 2 : PlannedJob.ALWAYS;
  }

  @Test
  void inMemory_1000Jobs_everyRunGetsExactlyItsLifecycle_whileHandlersThrowAndBlock()
      throws Exception {
    int jobs = 1000;
    long baselineMillis = runWithoutAdapter(jobs);

    CountDownLatch release = new CountDownLatch(1);
    try (Harness h = new Harness(new InMemoryStorageProvider(), Duration.ofMillis(200), release)) {
      long start = System.nanoTime();
      List<UUID> ids = schedule(h.jobRunr.getJobRequestScheduler(), jobs);
      // jobs scheduled for later, then deleted before they ran
      List<UUID> deleted = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        deleted.add(
            h.jobRunr
                .getJobRequestScheduler()
                .schedule(Instant.now().plus(Duration.ofHours(1)), new PlannedJob(-1, 0, false))
                .asUUID());
      }
      deleted.forEach(id -> h.jobRunr.getJobRequestScheduler().delete(id));
      StorageProvider storage = JobRunr.getBackgroundJobServer().getStorageProvider();
      awaitDone(storage, jobs);
      long adapterMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(h.blocked.entered()).isTrue(); // blocked for the whole run
      release.countDown();
      h.checkAccounting();

      Map<String, List<JobEvent>> runs = h.recorder.byRun();
      checkRuns(runs, ids);
      for (UUID id : deleted) {
        assertThat(notation(runs.get(id.toString()))).containsExactly("Enq#1", "Fail#1.CANCELLED");
      }
      assertThat(h.alerts.alerts()).containsExactlyInAnyOrderElementsOf(forGood(ids));
      int events = h.recorder.events().size();
      h.close();
      long baselineAfterMillis = runWithoutAdapter(jobs);
      System.out.printf(
          "JobRunr in memory, %d jobs (%d events): %d ms with the adapter (a throwing and a blocked"
              + " handler among its handlers); without it %d ms (run before) and %d ms (run after)%n",
          jobs, events, adapterMillis, baselineMillis, baselineAfterMillis);
    }
  }

  @Test
  void serverStoppedWhileProcessing_attemptIsAbandonedAndRetried() throws Exception {
    try (Harness h =
        new Harness(new InMemoryStorageProvider(), Duration.ofMillis(200), new CountDownLatch(0))) {
      UUID id =
          h.jobRunr
              .getJobRequestScheduler()
              .schedule(Instant.now().plusMillis(500), new PlannedJob(7, 0, true))
              .asUUID();
      assertThat(PlannedJob.HANGING.await(30, TimeUnit.SECONDS)).isTrue();
      JobRunr.getBackgroundJobServer().stop(); // interrupts the job: "server has stopped"
      JobRunr.getBackgroundJobServer().start();
      StorageProvider storage = JobRunr.getBackgroundJobServer().getStorageProvider();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> storage.countJobs(StateName.SUCCEEDED) == 1);
      h.checkAccounting();
      List<JobEvent> run = h.recorder.byRun().get(id.toString());
      assertThat(notation(run))
          .containsExactly(
              "Enq#1", "St#1", "Fail#1+ABANDONED", "Retry#1", "Enq#2", "St#2", "Done#2");
      Lifecycle.checkFields(run);
    }
  }

  @Test
  void postgres_sqlStorageProvider_everyRunGetsExactlyItsLifecycle() throws Exception {
    int jobs = 200;
    PostgresStorageProvider storage = new PostgresStorageProvider(Postgres.dataSource());
    try (Harness h = new Harness(storage, Duration.ofSeconds(5), new CountDownLatch(0))) {
      List<UUID> ids = schedule(h.jobRunr.getJobRequestScheduler(), jobs);
      awaitDone(storage, jobs);
      h.checkAccounting();
      checkRuns(h.recorder.byRun(), ids);
      assertThat(h.alerts.alerts()).containsExactlyInAnyOrderElementsOf(forGood(ids));
    }
  }

  /**
   * Schedules job i with its planned failures, a second from now: JobRunr tells job filters about a
   * created job right after saving it, so a job due at once could be picked by a server thread
   * before the client's thread publishes its JobEnqueued (docs/JOBRUNR.md, "Ordering").
   */
  private static List<UUID> schedule(JobRequestScheduler scheduler, int jobs) {
    List<UUID> ids = new ArrayList<>();
    Instant due = Instant.now().plusSeconds(1);
    for (int i = 0; i < jobs; i++) {
      ids.add(scheduler.schedule(due, new PlannedJob(i, plannedFailures(i), false)).asUUID());
    }
    return ids;
  }

  private static void awaitDone(StorageProvider storage, int jobs) {
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                storage.countJobs(StateName.SUCCEEDED) + storage.countJobs(StateName.FAILED)
                    == jobs);
  }

  private static void checkRuns(Map<String, List<JobEvent>> runs, List<UUID> ids) {
    for (int i = 0; i < ids.size(); i++) {
      List<JobEvent> run = runs.get(ids.get(i).toString());
      assertThat(run).as("job %d", i).isNotNull();
      assertThat(notation(run))
          .as("job %d: %s", i, run)
          .isEqualTo(expected(plannedFailures(i), Harness.MAX_RETRIES + 1));
      Lifecycle.checkFields(run);
      assertThat(run.get(0).jobTypeId()).isEqualTo(PlannedJob.class.getName());
      for (JobEvent e : run) {
        if (e instanceof JobRetrying r) {
          assertThat(r.maxAttempts()).hasValue(Harness.MAX_RETRIES + 1);
          // RetryFilter seed 1: 1^n s, from its own clock reading just after the failure's
          assertThat(r.delay()).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1500));
        }
        if (e instanceof JobFailed f && f.reason() == JobFailed.Reason.ERROR) {
          assertThat(f.error().type()).isEqualTo(IllegalStateException.class.getName());
          assertThat(f.error().message()).startsWith("planned failure of attempt");
        }
        if (e instanceof JobStarted s) {
          assertThat(s.workerId()).isNotBlank();
        }
        if (e instanceof JobEnqueued q && q.attempt() == 1) {
          assertThat(q.dueAt()).isNotNull();
        }
      }
    }
  }

  private static List<String> forGood(List<UUID> ids) {
    List<String> forGood = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (plannedFailures(i) == PlannedJob.ALWAYS) {
        forGood.add(ids.get(i).toString());
      }
    }
    return forGood;
  }

  /** The same jobs on JobRunr without the adapter: the wall-time baseline. */
  private static long runWithoutAdapter(int jobs) {
    InMemoryStorageProvider storage = new InMemoryStorageProvider();
    var result =
        JobRunr.configure()
            .useStorageProvider(storage)
            .withJobFilter(new RetryFilter(Harness.MAX_RETRIES, 1))
            .useBackgroundJobServer(
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                    .andPollInterval(Duration.ofMillis(200))
                    .andWorkerCount(8))
            .initialize();
    try {
      long start = System.nanoTime();
      schedule(result.getJobRequestScheduler(), jobs);
      awaitDone(storage, jobs);
      return (System.nanoTime() - start) / 1_000_000;
    } finally {
      JobRunr.destroy();
      PlannedJob.reset();
    }
  }
}
