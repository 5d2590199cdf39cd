package dev.zapjobs.events.dbscheduler;

import static dev.zapjobs.events.dbscheduler.Lifecycle.expected;
import static dev.zapjobs.events.dbscheduler.Lifecycle.notation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobFailed;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.HandlerStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two db-scheduler nodes on one PostgreSQL, each with its own dispatcher: every attempt's events
 * come from the node that ran it, none twice, none lost; a node that stops mid-execution leaves a
 * dead execution that the other node reports as ABANDONED.
 */
class ClusterTest {
  private static final int JOBS = 1000;

  /** One recorded event: the node whose dispatcher delivered it, and its place there. */
  private record Seen(String node, int index, JobEvent event) {
    /** The attempt whose execution published it; the first JobEnqueued belongs to none (0). */
    int segment() {
      String n = notation(event);
      if (n.startsWith("Enq#")) {
        return event.attempt() - 1;
      }
      return event.attempt();
    }
  }

  @Test
  void twoNodes_eachAttemptsEventsComeFromTheNodeThatRanIt_noneTwiceNoneLost() throws Exception {
    DataSource ds = Postgres.withTable("cluster");
    OneTimeTask<Integer> flaky = Workload.flaky();
    List<Task<?>> tasks = List.of(flaky);
    CountDownLatch open = new CountDownLatch(0);
    try (Node a = new Node("node-a", ds, "cluster", tasks, open, b -> b).start();
        Node b = new Node("node-b", ds, "cluster", tasks, open, x -> x).start()) {
      // Half the jobs are scheduled through each node: JobEnqueued#1 comes from that node.
      Workload.schedule(a.scheduler, flaky, 0, JOBS / 2);
      Workload.schedule(b.scheduler, flaky, JOBS / 2, JOBS);
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> Postgres.rows("cluster", "flaky") == 0);
      a.scheduler.stop();
      b.scheduler.stop();
      assertThat(a.dispatcher.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(b.dispatcher.awaitIdle(Duration.ofSeconds(30))).isTrue();

      Map<String, List<Seen>> runs = new HashMap<>();
      for (Node node : List.of(a, b)) {
        List<JobEvent> events = node.recorder.events();
        for (int i = 0; i < events.size(); i++) {
          JobEvent e = events.get(i);
          runs.computeIfAbsent(e.runId(), id -> new ArrayList<>()).add(new Seen(node.name, i, e));
        }
      }
      assertThat(runs).hasSize(JOBS);
      Map<String, Integer> attemptsRun = new HashMap<>();
      for (int i = 0; i < JOBS; i++) {
        String id = Workload.runId(i);
        List<Seen> seen = new ArrayList<>(runs.get(id));
        // Each node's events in its own order; attempts in order across nodes.
        seen.sort(Comparator.comparingInt(Seen::segment).thenComparingInt(Seen::index));
        List<JobEvent> merged = seen.stream().map(Seen::event).toList();
        assertThat(notation(merged))
            .as(id)
            .isEqualTo(expected(Workload.plannedFailures(i), Workload.MAX_RETRIES + 1));
        Lifecycle.checkFields(merged);
        String scheduledBy = i < JOBS / 2 ? "node-a" : "node-b";
        assertThat(seen.get(0).node()).as(id + " enqueued by").isEqualTo(scheduledBy);
        // Every event of an attempt comes from the node that started it.
        Map<Integer, Set<String>> nodesPerAttempt = new HashMap<>();
        for (Seen s : seen) {
          if (s.segment() > 0) {
            nodesPerAttempt.computeIfAbsent(s.segment(), x -> new HashSet<>()).add(s.node());
          }
          if (s.event() instanceof JobStarted st) {
            assertThat(st.workerId()).startsWith(s.node() + "/");
            attemptsRun.merge(s.node(), 1, Integer::sum);
          }
        }
        nodesPerAttempt.forEach(
            (attempt, nodes) -> assertThat(nodes).as(id + " attempt " + attempt).hasSize(1));
      }
      assertThat(attemptsRun).containsKeys("node-a", "node-b");

      List<String> forGood =
          IntStream.range(0, JOBS)
              .filter(i -> Workload.plannedFailures(i) == Workload.ALWAYS)
              .mapToObj(Workload::runId)
              .toList();
      List<String> alerts = new ArrayList<>(a.alerts.alerts());
      alerts.addAll(b.alerts.alerts());
      assertThat(alerts).containsExactlyInAnyOrderElementsOf(forGood);
      for (Node node : List.of(a, b)) {
        for (HandlerStats h : node.dispatcher.stats().handlers()) {
          assertThat(h.published())
              .as(node.name + " " + h.name())
              .isEqualTo(h.delivered() + h.failed() + h.dropped());
          assertThat(h.pending()).isZero();
        }
        assertThat(node.adapter.publishFailures()).isZero();
      }
      System.out.printf(
          "db-scheduler cluster: %d jobs, attempts run per node %s%n", JOBS, attemptsRun);
    }
  }

  /**
   * A node stops while two executions hang in it; it stops sending heartbeats, and the other node
   * finds both dead: one is revived by its task's default handler (attempt 2 runs and completes),
   * the other is cancelled (a final, dead-lettered failure).
   */
  @Test
  void nodeStoppedMidExecution_otherNodeReportsItsExecutionsAbandoned() throws Exception {
    DataSource ds = Postgres.withTable("dead");
    CountDownLatch hanging = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    OneTimeTask<Void> revived = hangingTask("revived", hanging, release, null);
    OneTimeTask<Void> cancelled =
        hangingTask(
            "cancelled", hanging, release, new DeadExecutionHandler.CancelDeadExecution<>());
    List<Task<?>> tasks = List.of(revived, cancelled);
    CountDownLatch open = new CountDownLatch(0);
    Node doomed =
        new Node(
            "node-doomed",
            ds,
            "dead",
            tasks,
            open,
            x -> x.heartbeatInterval(Duration.ofMillis(100)).missedHeartbeatsLimit(4));
    doomed.start();
    doomed.scheduler.schedule(revived.instance("1"), Instant.now().plusMillis(200));
    doomed.scheduler.schedule(cancelled.instance("1"), Instant.now().plusMillis(200));
    assertThat(hanging.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    // Its threads stay stuck in the executions (they ignore interrupts); heartbeats stop.
    doomed.scheduler.stop();

    try (Node survivor =
        new Node(
                "node-survivor",
                ds,
                "dead",
                tasks,
                open,
                x -> x.heartbeatInterval(Duration.ofMillis(100)).missedHeartbeatsLimit(4))
            .start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> Postgres.rows("dead", "revived") == 0);
      await().atMost(Duration.ofSeconds(30)).until(() -> Postgres.rows("dead", "cancelled") == 0);
      survivor.scheduler.stop();
      assertThat(survivor.dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
      assertThat(doomed.dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();

      Map<String, List<JobEvent>> onDoomed = doomed.recorder.byRun();
      Map<String, List<JobEvent>> onSurvivor = survivor.recorder.byRun();
      assertThat(notation(onDoomed.get("revived/1"))).containsExactly("Enq#1", "St#1");
      assertThat(notation(onSurvivor.get("revived/1")))
          .containsExactly("Fail#1+ABANDONED", "Retry#1", "Enq#2", "St#2", "Done#2");
      assertThat(notation(onDoomed.get("cancelled/1"))).containsExactly("Enq#1", "St#1");
      assertThat(notation(onSurvivor.get("cancelled/1"))).containsExactly("Fail#1!ABANDONED");
      JobFailed abandoned = (JobFailed) onSurvivor.get("cancelled/1").get(0);
      assertThat(abandoned.error().type()).isEqualTo("DeadExecution");
      assertThat(abandoned.error().message()).contains("node-doomed");
      assertThat(survivor.alerts.alerts()).containsExactly("cancelled/1");
      assertThat(survivor.adapter.publishFailures()).isZero();
    } finally {
      doomed.dispatcher.close(Duration.ofSeconds(1));
      release.countDown(); // let the stuck threads go; the dead node's dispatcher is closed
    }
  }

  /** A task whose first attempt hangs, ignoring interrupts, until released. */
  private static OneTimeTask<Void> hangingTask(
      String name,
      CountDownLatch hanging,
      CountDownLatch release,
      DeadExecutionHandler<Void> onDead) {
    Tasks.OneTimeTaskBuilder<Void> builder = Tasks.oneTime(name);
    if (onDead != null) {
      builder.onDeadExecution(onDead);
    }
    return builder.execute(
        (instance, ctx) -> {
          if (ctx.getExecution().consecutiveFailures > 0) {
            return; // the revived attempt completes
          }
          hanging.countDown();
          boolean released = false;
          while (!released) {
            try {
              released = release.await(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException ignored) {
              // a dead node's thread does not stop either
            }
          }
        });
  }
}
