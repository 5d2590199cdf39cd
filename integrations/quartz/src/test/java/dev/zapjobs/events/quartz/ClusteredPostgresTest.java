package dev.zapjobs.events.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.quartz.JobBuilder.newJob;

import dev.zapjobs.events.JobCompleted;
import dev.zapjobs.events.JobEnqueued;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobRetrying;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.quartz.Executions.Execution;
import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz's JDBC job store, clustered: two scheduler nodes (distinct instance ids, each with its own
 * dispatcher) on one PostgreSQL 14 started inside this JVM, with the schema Quartz ships ({@code
 * tables_postgres.sql}). Every run's events come from the node that ran each attempt, and together
 * the nodes publish each run's lifecycle exactly once; a node that dies mid-run has its attempt
 * ended as abandoned by the node that recovers it.
 */
class ClusteredPostgresTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String SCHEMA = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws IOException, SQLException {
    postgres = EmbeddedPostgres.builder().start();
    String script;
    try (InputStream in = Scheduler.class.getClassLoader().getResourceAsStream(SCHEMA)) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      for (String sql : script.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!sql.isBlank() && !sql.strip().equalsIgnoreCase("COMMIT")) {
          s.execute(sql);
        }
      }
    }
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  /** One scheduler node: its scheduler, its dispatcher and handlers, what it published. */
  private record Node(
      String id,
      Scheduler scheduler,
      Recorder recorder,
      JobEventDispatcher dispatcher,
      TestHandlers handlers) {}

  /** An event and the node that published it. */
  private record Published(String node, JobEvent event) {}

  @Test
  void twoNodes_publishEachRunsLifecycleOnce_eachAttemptFromTheNodeThatRanIt() throws Exception {
    String cluster = "zapjobs-" + UUID.randomUUID();
    Executions executions = new Executions();
    Node a = node(cluster, "node-a", executions, Workload.adapter());
    Node b = node(cluster, "node-b", executions, Workload.adapter());
    Workload.addJobs(a.scheduler());
    Workload workload = new Workload();
    workload.schedule(a.scheduler(), Plan.SLOW_OK, 60);
    workload.schedule(a.scheduler(), Plan.SLOW_FAIL_TWICE, 40);
    workload.schedule(a.scheduler(), Plan.SLOW_FAIL_ALWAYS, 20);
    workload.schedule(a.scheduler(), Plan.VETO, 10);
    workload.schedule(a.scheduler(), Plan.MISFIRE_SKIP, 10);
    b.scheduler().start();
    a.scheduler().start();

    await()
        .atMost(TIMEOUT)
        .until(() -> ended(a, b) == workload.runs() && a.recorder().events().size() > 0);
    a.scheduler().shutdown(true);
    b.scheduler().shutdown(true);
    List<Execution> ran = executions.all();

    // Together: each run's lifecycle, exactly (nothing lost, nothing twice).
    Map<String, List<Published>> runs = merged(a, b);
    assertThat(new LifecycleCheck(workload).check(eventsOf(runs)).problems()).isEmpty();
    // Apart: each node published its part of a run in lifecycle order, and each attempt's events
    // (started, its end, and the retry it schedules) came from the node that ran the attempt.
    Map<String, String> nodeOfAttempt = new HashMap<>();
    for (Execution x : ran) {
      assertThat(nodeOfAttempt.put(x.runId() + "#" + x.attempt(), x.node()))
          .as("%s#%d ran twice", x.runId(), x.attempt())
          .isNull();
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<Published>> run : runs.entrySet()) {
      checkNodes(run.getKey(), run.getValue(), nodeOfAttempt, a, b, problems);
    }
    assertThat(problems).isEmpty();

    long retriesThatMoved =
        runs.values().stream()
            .flatMap(List::stream)
            .filter(p -> p.event() instanceof JobStarted s && s.attempt() > 1)
            .filter(
                p ->
                    !p.node()
                        .equals(
                            nodeOfAttempt.get(p.event().runId() + "#" + (p.event().attempt() - 1))))
            .count();
    long onA = ran.stream().filter(x -> x.node().equals(a.id())).count();
    System.out.printf(
        "Clustered Quartz on PostgreSQL: %d runs, %d attempts (%d on node-a, %d on node-b), %d"
            + " retries ran on the other node than the attempt before%n",
        workload.runs(), ran.size(), onA, ran.size() - onA, retriesThatMoved);
    assertThat(onA).as("attempts on node-a").isPositive().isLessThan(ran.size());

    for (Node node : List.of(a, b)) {
      node.handlers().blocked.calls.get(); // the gate is open: nothing waits
      CloseReport report = node.dispatcher().close(TIMEOUT);
      assertThat(report.drained()).isTrue();
      assertThat(report.stats().published()).isEqualTo(node.recorder().events().size());
      for (HandlerStats h : report.stats().handlers()) {
        assertThat(h.published())
            .as(node.id() + " " + h.name())
            .isEqualTo(h.delivered() + h.failed() + h.dropped() + h.pending());
        assertThat(h.pending()).isZero();
      }
    }
    // The README alert fired, across the nodes, once per run that failed for good.
    assertThat(a.handlers().alerts.alerts().size() + b.handlers().alerts.alerts().size())
        .isEqualTo(20 + 10 + 10);
  }

  @Test
  void aNodeThatDiesMidRun_hasItsAttemptEndedAsAbandoned_byTheNodeThatRecoversIt()
      throws Exception {
    String cluster = "zapjobs-" + UUID.randomUUID();
    Executions executions = new Executions();
    Node a = node(cluster, "node-a", executions, Workload.adapter());
    JobKey recoverable = JobKey.jobKey("recoverable", "jobs");
    a.scheduler()
        .addJob(
            newJob(ScriptedJob.class)
                .withIdentity(recoverable)
                .storeDurably()
                .requestRecovery()
                .build(),
            true);
    Workload workload = new Workload();
    workload.schedule(a.scheduler(), Plan.BLOCK_ONCE, 1, recoverable);
    a.scheduler().start();
    assertThat(executions.blocked.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    // node-a dies with attempt 1 running: it publishes nothing more, and stops checking in.
    a.recorder().cut();
    a.scheduler().shutdown(false);
    Node b = node(cluster, "node-b", executions, Workload.adapter());
    b.scheduler().start();

    await().atMost(TIMEOUT).until(() -> b.recorder().endedRuns() == 1);
    b.scheduler().shutdown(true);
    executions.release.countDown(); // the "dead" node's thread ends; what it publishes is cut

    Map<String, List<Published>> runs = merged(a, b);
    assertThat(runs).hasSize(1);
    List<Published> run = runs.values().iterator().next();
    assertThat(Notation.of(run.stream().map(Published::event).toList()))
        .isEqualTo("E1 S1 F1r:ABANDONED R1>2 E2r S2 C2");
    assertThat(run.stream().map(Published::node).toList())
        .containsExactly("node-a", "node-a", "node-b", "node-b", "node-b", "node-b", "node-b");
    JobFailed abandoned = (JobFailed) run.get(2).event();
    assertThat(abandoned.duration()).isPositive(); // since node-a started it
    assertThat(abandoned.runId()).isEqualTo(run.get(0).event().runId());
    assertThat(((JobStarted) run.get(5).event()).workerId()).startsWith("node-b/");
    b.dispatcher().close(TIMEOUT);
    a.dispatcher().close(TIMEOUT);
  }

  /** A clustered JDBC-store scheduler node of {@code cluster}, not started. */
  private static Node node(
      String cluster, String id, Executions executions, ZapJobsQuartz.Builder adapter)
      throws SchedulerException {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", cluster);
    p.setProperty("org.quartz.scheduler.instanceId", id);
    p.setProperty("org.quartz.threadPool.threadCount", "3");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "500");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
    p.setProperty("org.quartz.jobStore.useProperties", "true"); // job data as strings only
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", "3");
    p.setProperty("org.quartz.scheduler.idleWaitTime", "1000"); // the least Quartz takes
    String dataSource = "ds-" + cluster + "-" + id; // one pool per node: they share a JVM here
    p.setProperty("org.quartz.jobStore.dataSource", dataSource);
    String ds = "org.quartz.dataSource." + dataSource + ".";
    p.setProperty(ds + "provider", "hikaricp");
    p.setProperty(ds + "driver", "org.postgresql.Driver");
    p.setProperty(ds + "URL", postgres.getJdbcUrl("postgres", "postgres"));
    p.setProperty(ds + "user", "postgres");
    p.setProperty(ds + "password", "");
    p.setProperty(ds + "maxConnections", "6");
    Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
    // Quartz keeps one scheduler per name in a JVM-wide registry; two nodes of one cluster in one
    // JVM must leave it, or the second factory would hand back the first node.
    SchedulerRepository.getInstance().remove(cluster);
    scheduler.getContext().put(Executions.KEY, executions);
    TestHandlers handlers = new TestHandlers(new CountDownLatch(0));
    JobEventDispatcher dispatcher =
        JobEventDispatcher.builder().handlerResolver(handlers::resolve).build();
    Recorder recorder = new Recorder(dispatcher);
    adapter.install(scheduler, recorder);
    scheduler.getListenerManager().addTriggerListener(Workload.vetoer());
    return new Node(id, scheduler, recorder, dispatcher, handlers);
  }

  private static int ended(Node a, Node b) {
    return a.recorder().endedRuns() + b.recorder().endedRuns();
  }

  /**
   * Both nodes' events per run, in lifecycle order: by attempt, then enqueued, started, ended,
   * retrying (a retry's {@code JobEnqueued} carries the attempt it enqueues, so it comes first in
   * that attempt). The sort is stable, so each node's own order is kept where the key ties.
   */
  private static Map<String, List<Published>> merged(Node a, Node b) {
    Map<String, List<Published>> runs = new LinkedHashMap<>();
    for (Node node : List.of(a, b)) {
      for (JobEvent e : node.recorder().events()) {
        runs.computeIfAbsent(e.runId(), id -> new ArrayList<>()).add(new Published(node.id(), e));
      }
    }
    Comparator<Published> lifecycle =
        Comparator.comparingInt((Published p) -> p.event().attempt())
            .thenComparingInt(p -> rank(p.event()));
    runs.values().forEach(events -> events.sort(lifecycle));
    return runs;
  }

  private static int rank(JobEvent e) {
    if (e instanceof JobEnqueued) {
      return 0;
    } else if (e instanceof JobStarted) {
      return 1;
    } else if (e instanceof JobCompleted || e instanceof JobFailed) {
      return 2;
    } else if (e instanceof JobRetrying) {
      return 3;
    }
    throw new IllegalArgumentException(e.toString());
  }

  private static Map<String, List<JobEvent>> eventsOf(Map<String, List<Published>> runs) {
    Map<String, List<JobEvent>> events = new LinkedHashMap<>();
    runs.forEach((id, list) -> events.put(id, list.stream().map(Published::event).toList()));
    return events;
  }

  /**
   * Each node published its share of the run in the lifecycle order, and each attempt's events (its
   * start and end, the retry it scheduled; the first {@code JobEnqueued}) came from the node that
   * ran that attempt.
   */
  private static void checkNodes(
      String runId,
      List<Published> run,
      Map<String, String> nodeOfAttempt,
      Node a,
      Node b,
      List<String> problems) {
    for (Node node : List.of(a, b)) {
      List<JobEvent> own =
          node.recorder().events().stream().filter(e -> e.runId().equals(runId)).toList();
      List<JobEvent> inLifecycle =
          run.stream().filter(p -> p.node().equals(node.id())).map(Published::event).toList();
      if (!own.equals(inLifecycle)) {
        problems.add(runId + ": " + node.id() + " published out of order: " + Notation.of(own));
      }
    }
    for (Published p : run) {
      JobEvent e = p.event();
      // The attempt whose node must have published e: a retry's JobEnqueued, by the attempt before.
      int ranBy =
          e instanceof JobEnqueued q && q.trigger() == JobEnqueued.Trigger.RETRY
              ? e.attempt() - 1
              : e.attempt();
      String expected = nodeOfAttempt.get(runId + "#" + ranBy);
      if (expected == null) {
        continue; // a run that never started: veto or skipped misfire, published by one node
      }
      if (!p.node().equals(expected)) {
        problems.add(runId + ": " + Notation.of(e) + " from " + p.node() + ", ran on " + expected);
      }
      if (e instanceof JobStarted s && !s.workerId().startsWith(p.node() + "/")) {
        problems.add(runId + ": worker " + s.workerId() + " on " + p.node());
      }
    }
  }
}
