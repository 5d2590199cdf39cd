package dev.zapjobs.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSourceTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static List<JobEvent> runs(String prefix, int count) {
    List<JobEvent> events = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      events.addAll(TestRuns.run(prefix + r, "type-" + (r % 3), 1 + r % 3, r % 5 != 0));
    }
    return events;
  }

  private static KafkaSource.Builder source(TestBroker broker, String topic, String group) {
    return KafkaSource.builder()
        .bootstrapServers(broker.bootstrapServers())
        .topic(topic)
        .groupId(group)
        .commitInterval(Duration.ofMillis(100));
  }

  private static JobEventDispatcher.Builder handlers(Object... instances) {
    return JobEventDispatcher.builder()
        .handlerResolver(
            type -> {
              for (Object o : instances) {
                if (o.getClass() == type) {
                  return o;
                }
              }
              return null;
            });
  }

  @Test
  void everyEventOnce_inRunOrder_offsetsCommittedOnceSettled() {
    TestBroker broker = TestBroker.shared();
    String topic = TestBroker.uniqueName("source");
    broker.createTopic(topic, 4);
    List<JobEvent> events = runs("run-", 300);
    TestProducer.write(broker, topic, events);
    RecordingHandler recording = new RecordingHandler();

    KafkaSource source = source(broker, topic, topic + "-group").start(handlers(recording));
    await().atMost(WAIT).until(() -> recording.received.get() == events.size());
    await().atMost(WAIT).until(() -> source.stats().offsetsCommitted() == events.size());
    CloseReport report = source.close(WAIT);

    assertThat(recording.outOfOrder).isEmpty();
    assertThat(recording.runs).hasSize(300);
    recording.runs.forEach(
        (run, seqs) -> assertThat(seqs).as(run).isEqualTo(expectedSequence(events, run)));
    SourceStats stats = source.stats();
    assertThat(stats.received()).isEqualTo(events.size());
    assertThat(stats.published()).isEqualTo(events.size());
    assertThat(stats.settled()).isEqualTo(events.size());
    assertThat(
            stats.inFlight() + stats.undecodable() + stats.abandoned() + stats.droppedDeliveries())
        .isZero();
    assertThat(report.drained()).isTrue();
    HandlerStats handler = report.stats().handler("RecordingHandler.on(JobEvent)");
    assertThat(handler.delivered()).isEqualTo(events.size());
    assertThat(broker.committed(topic + "-group")).isEqualTo(broker.endOffsets(topic));
  }

  private static List<Integer> expectedSequence(List<JobEvent> events, String run) {
    return events.stream().filter(e -> e.runId().equals(run)).map(TestRuns::sequenceOf).toList();
  }

  @Test
  void slowHandler_pausesThePartitions_insteadOfDropping() {
    TestBroker broker = TestBroker.shared();
    String topic = TestBroker.uniqueName("slow");
    broker.createTopic(topic, 2);
    List<JobEvent> events = runs("slow-", 100);
    TestProducer.write(broker, topic, events);
    SlowHandler slow = new SlowHandler(0);
    RecordingHandler fast = new RecordingHandler();

    KafkaSource source =
        source(broker, topic, topic + "-group")
            .maxInFlight(16)
            .start(handlers(slow, fast).queueCapacity(32));
    // The slow handler holds its events: the source stops at the bound, and stays there.
    await().atMost(WAIT).until(() -> source.stats().inFlight() == 16);
    await().atMost(WAIT).until(() -> source.stats().backPressurePauses() >= 1);
    assertThat(fast.received.get()).isEqualTo(16);

    slow.permits.release(Integer.MAX_VALUE / 2);
    await().atMost(WAIT).until(() -> fast.received.get() == events.size());
    await().atMost(WAIT).until(() -> slow.handled.get() == events.size());
    CloseReport report = source.close(WAIT);

    SourceStats stats = source.stats();
    assertThat(stats.droppedDeliveries()).isZero();
    assertThat(stats.settled()).isEqualTo(events.size());
    assertThat(report.stats().dropped()).isZero();
    assertThat(fast.outOfOrder).isEmpty();
    assertThat(broker.committed(topic + "-group")).isEqualTo(broker.endOffsets(topic));
  }

  @Test
  void undecodableRecord_isSkipped_countedAndCommittedPast() {
    TestBroker broker = TestBroker.shared();
    String topic = TestBroker.uniqueName("garbage");
    broker.createTopic(topic, 1);
    List<JobEvent> events = runs("g-", 2);
    TestProducer.write(broker, topic, events.subList(0, 3));
    TestProducer.writeRaw(broker, topic, "g-0", "not a job event".getBytes(StandardCharsets.UTF_8));
    TestProducer.write(broker, topic, events.subList(3, events.size()));
    RecordingHandler recording = new RecordingHandler();

    KafkaSource source = source(broker, topic, topic + "-group").start(handlers(recording));
    await().atMost(WAIT).until(() -> recording.received.get() == events.size());
    source.close(WAIT);

    assertThat(source.stats().undecodable()).isEqualTo(1);
    assertThat(source.stats().received()).isEqualTo(events.size() + 1);
    assertThat(broker.committed(topic + "-group")).isEqualTo(broker.endOffsets(topic));
  }

  @Test
  void unsettledAtClose_isNotCommitted_andTheGroupDeliversItAgain() {
    TestBroker broker = TestBroker.shared();
    String topic = TestBroker.uniqueName("redeliver");
    broker.createTopic(topic, 1);
    List<JobEvent> events = runs("d-", 5);
    TestProducer.write(broker, topic, events);
    SlowHandler stuck = new SlowHandler(3); // handles three events, then hangs on the fourth

    KafkaSource first = source(broker, topic, topic + "-group").start(handlers(stuck));
    await().atMost(WAIT).until(() -> stuck.handled.get() == 3);
    first.close(Duration.ofSeconds(2));
    stuck.permits.release(Integer.MAX_VALUE / 2);

    SourceStats gone = first.stats();
    assertThat(gone.settled()).isEqualTo(3);
    assertThat(gone.abandoned() + gone.discarded()).isEqualTo(events.size() - 3);
    assertThat(broker.committed(topic + "-group")).containsValue(3L);

    RecordingHandler recording = new RecordingHandler();
    KafkaSource second = source(broker, topic, topic + "-group").start(handlers(recording));
    await().atMost(WAIT).until(() -> recording.received.get() == events.size() - 3);
    second.close(WAIT);
    assertThat(recording.outOfOrder).isEmpty();
    assertThat(broker.committed(topic + "-group")).isEqualTo(broker.endOffsets(topic));
  }

  @Test
  void maxInFlightNotBelowEveryQueue_isRefused_namingTheFix() {
    TestBroker broker = TestBroker.shared();
    KafkaSource.Builder builder = source(broker, "unused", "g").maxInFlight(64);

    assertThatThrownBy(() -> builder.start(handlers(new RecordingHandler()).queueCapacity(64)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxInFlight (64) must be below the queue capacity")
        .hasMessageContaining("RecordingHandler.on(JobEvent) has 64");
  }

  @Test
  void missingSettings_areRefused_namingTheCall() {
    assertThatThrownBy(() -> KafkaSource.builder().topic("t").groupId("g").start(handlers()))
        .hasMessageContaining("bootstrapServers(");
    assertThatThrownBy(
            () -> KafkaSource.builder().bootstrapServers("x:1").groupId("g").start(handlers()))
        .hasMessageContaining("topic(");
    assertThatThrownBy(
            () -> KafkaSource.builder().bootstrapServers("x:1").topic("t").start(handlers()))
        .hasMessageContaining("groupId(");
    assertThat(Map.of()).isEmpty();
  }
}
