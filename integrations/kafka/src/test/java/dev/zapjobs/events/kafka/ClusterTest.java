package dev.zapjobs.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two nodes forward their events to one topic; a consumer group of two reads them, and one member
 * stops half-way. Every event reaches the group (a second delivery only where the stopped member
 * had not settled it), each handler sees every run's events in order, and the accounting balances
 * on both sides.
 */
class ClusterTest {
  private static final int RUNS = 6_000;
  private static final Duration WAIT = Duration.ofMinutes(2);

  @Test
  void twoNodes_oneGroupOfTwo_memberStopsMidStream_nothingLost_runOrderKept() throws Exception {
    TestBroker broker = TestBroker.shared();
    String topic = TestBroker.uniqueName("cluster");
    String group = topic + "-alerts";
    broker.createTopic(topic, 4);

    // 6,000 runs of 1 to 8 attempts: 102,000 events; even runs on node A, odd runs on node B.
    List<List<JobEvent>> runsOfA = new ArrayList<>();
    List<List<JobEvent>> runsOfB = new ArrayList<>();
    Map<String, Integer> runLength = new HashMap<>();
    for (int r = 0; r < RUNS; r++) {
      List<JobEvent> run = TestRuns.run("run-" + r, "type-" + (r % 7), 1 + r % 8, r % 9 != 0);
      runLength.put("run-" + r, run.size());
      (r % 2 == 0 ? runsOfA : runsOfB).add(run);
    }
    long total = runLength.values().stream().mapToLong(Integer::longValue).sum();
    assertThat(total).isGreaterThanOrEqualTo(100_000);

    RecordingHandler first = new RecordingHandler();
    RecordingHandler second = new RecordingHandler();
    KafkaSource c1 = source(broker, topic, group, first);
    KafkaSource c2 = source(broker, topic, group, second);
    // Both members hold partitions before anything is published: otherwise the first could read the
    // whole topic before the second has joined, and nobody would stop mid-stream.
    await().atMost(WAIT).until(() -> broker.membersWithPartitions(group) == 2);

    KafkaForwarder fa = forwarder(broker, topic);
    KafkaForwarder fb = forwarder(broker, topic);
    JobEventDispatcher a = fa.register(JobEventDispatcher.builder().queueCapacity(65_536)).build();
    JobEventDispatcher b = fb.register(JobEventDispatcher.builder().queueCapacity(65_536)).build();
    long start = System.nanoTime();
    List<Thread> publishers = new ArrayList<>();
    publishers.addAll(publishInterleaved(a, runsOfA));
    publishers.addAll(publishInterleaved(b, runsOfB));
    for (Thread t : publishers) {
      t.join();
    }

    // One member leaves once it has had a fair share: its partitions move to the other.
    await().atMost(WAIT).until(() -> second.received.get() >= total / 5);
    CloseReport stoppedReport = c2.close(Duration.ofSeconds(30));

    assertThat(a.awaitIdle(WAIT)).isTrue();
    assertThat(b.awaitIdle(WAIT)).isTrue();
    double forwardSeconds = (System.nanoTime() - start) / 1e9;
    await()
        .atMost(WAIT)
        .until(() -> distinct(first, second) == total && c1.stats().inFlight() == 0);
    double endToEndSeconds = (System.nanoTime() - start) / 1e9;
    CloseReport lastReport = c1.close(Duration.ofSeconds(30));
    System.out.printf(
        "ClusterTest: %d events over %d runs: forwarded and acknowledged in %.1f s (%.0f events/s"
            + " from two nodes), all consumed in %.1f s%n",
        total, RUNS, forwardSeconds, total / forwardSeconds, endToEndSeconds);

    // Producing side: forwarded = acknowledged, nothing failed or dropped, on both nodes.
    long acknowledged = 0;
    for (var node : List.of(Map.entry(a, fa), Map.entry(b, fb))) {
      HandlerStats h = node.getKey().stats(KafkaForwarder.HANDLER_ID);
      ForwarderStats f = node.getValue().stats();
      assertThat(h.published()).isEqualTo(h.delivered());
      assertThat(h.failed() + h.dropped() + h.pending()).isZero();
      assertThat(f.acknowledged()).isEqualTo(h.delivered()).isEqualTo(f.forwarded());
      acknowledged += f.acknowledged();
      node.getKey().close(WAIT);
      node.getValue().close(Duration.ofSeconds(10));
    }
    assertThat(acknowledged).isEqualTo(total);
    assertThat(broker.endOffsets(topic).values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(total);

    // Consuming side: every event reached the group; second deliveries only for what the stopped
    // member had published but not settled; per-run order at each handler.
    SourceStats s1 = c1.stats();
    SourceStats s2 = c2.stats();
    long duplicates = first.received.get() + second.received.get() - total;
    assertThat(duplicates).isBetween(0L, s2.abandoned());
    assertThat(first.outOfOrder).isEmpty();
    assertThat(second.outOfOrder).isEmpty();
    Map<String, Set<Integer>> union = new HashMap<>();
    for (RecordingHandler h : List.of(first, second)) {
      h.runs.forEach((run, seqs) -> union.computeIfAbsent(run, k -> new HashSet<>()).addAll(seqs));
    }
    assertThat(union).hasSize(RUNS);
    union.forEach((run, seqs) -> assertThat(seqs).as(run).hasSize(runLength.get(run)));
    for (SourceStats s : List.of(s1, s2)) {
      assertThat(s.received())
          .isEqualTo(s.published() + s.undecodable() + s.buffered() + s.discarded());
      assertThat(s.published()).isEqualTo(s.settled() + s.inFlight() + s.abandoned());
      assertThat(s.undecodable() + s.droppedDeliveries() + s.inFlight()).isZero();
    }
    assertThat(s2.partitionsRevoked()).isPositive();
    for (CloseReport r : List.of(stoppedReport, lastReport)) {
      HandlerStats h = r.stats().handler("RecordingHandler.on(JobEvent)");
      assertThat(h.published()).isEqualTo(h.delivered());
    }
    assertThat(lastReport.stats().handler("RecordingHandler.on(JobEvent)").delivered())
        .isEqualTo(first.received.get());
    assertThat(broker.committed(group)).isEqualTo(broker.endOffsets(topic));
  }

  private static long distinct(RecordingHandler... handlers) {
    Map<String, Set<Integer>> union = new HashMap<>();
    for (RecordingHandler h : handlers) {
      h.runs.forEach(
          (run, seqs) -> {
            synchronized (seqs) {
              union.computeIfAbsent(run, k -> new HashSet<>()).addAll(new ArrayList<>(seqs));
            }
          });
    }
    return union.values().stream().mapToLong(Set::size).sum();
  }

  private static KafkaForwarder forwarder(TestBroker broker, String topic) {
    return KafkaForwarder.builder()
        .bootstrapServers(broker.bootstrapServers())
        .topic(topic)
        .build();
  }

  private static KafkaSource source(
      TestBroker broker, String topic, String group, RecordingHandler handler) {
    return KafkaSource.builder()
        .bootstrapServers(broker.bootstrapServers())
        .topic(topic)
        .groupId(group)
        .commitInterval(Duration.ofMillis(200))
        .start(
            JobEventDispatcher.builder()
                .handlerResolver(type -> type == RecordingHandler.class ? handler : null));
  }

  /**
   * Two threads publish the node's runs, each its half, one event of each run in turn: runs
   * interleave as on a busy node, and each run's events are published in order by one thread.
   */
  private static List<Thread> publishInterleaved(
      JobEventDispatcher node, List<List<JobEvent>> runs) {
    List<Thread> threads = new ArrayList<>();
    for (int part = 0; part < 2; part++) {
      List<List<JobEvent>> mine = new ArrayList<>();
      for (int i = part; i < runs.size(); i += 2) {
        mine.add(runs.get(i));
      }
      Thread t =
          new Thread(
              () -> {
                for (int step = 0; step < 32; step++) {
                  for (List<JobEvent> run : mine) {
                    if (step < run.size()) {
                      node.publish(run.get(step));
                    }
                  }
                }
              });
      t.start();
      threads.add(t);
    }
    return threads;
  }
}
