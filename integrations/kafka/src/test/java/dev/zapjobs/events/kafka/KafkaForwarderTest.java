package dev.zapjobs.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.JobRun;
import dev.zapjobs.events.JobStarted;
import dev.zapjobs.events.runtime.DropReason;
import dev.zapjobs.events.runtime.FailureKind;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class KafkaForwarderTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void forwardsEveryEvent_keyedByRunId_inPublishOrder_deliveredMeansAcknowledged()
      throws InterruptedException {
    TestBroker broker = TestBroker.shared();
    String topic = TestBroker.uniqueName("forward");
    broker.createTopic(topic, 3);
    List<JobEvent> published = new ArrayList<>();
    for (int r = 0; r < 100; r++) {
      published.addAll(TestRuns.run("run-" + r, "type-" + (r % 5), 1 + r % 4, r % 7 != 0));
    }

    try (KafkaForwarder forwarder =
        KafkaForwarder.builder().bootstrapServers(broker.bootstrapServers()).topic(topic).build()) {
      JobEventDispatcher dispatcher = forwarder.register(JobEventDispatcher.builder()).build();
      published.forEach(dispatcher::publish);
      assertThat(dispatcher.awaitIdle(WAIT)).isTrue();

      HandlerStats handler = dispatcher.stats(KafkaForwarder.HANDLER_ID);
      ForwarderStats stats = forwarder.stats();
      assertThat(handler.published()).isEqualTo(published.size());
      assertThat(handler.delivered()).isEqualTo(published.size());
      assertThat(stats.forwarded()).isEqualTo(published.size());
      assertThat(stats.acknowledged()).isEqualTo(handler.delivered());
      assertThat(stats.failed()).isZero();
      assertThat(stats.pending()).isZero();
      dispatcher.close(WAIT);
    }

    List<ConsumerRecord<byte[], byte[]>> records = broker.readAll(topic);
    assertThat(records).hasSize(published.size());
    Map<String, Integer> partitionOfRun = new HashMap<>();
    Map<String, List<JobEvent>> received = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      JobEvent event = JobEventCodec.decode(record.value());
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(event.runId());
      assertThat(
              new String(
                  record.headers().lastHeader(KafkaForwarder.EVENT_HEADER).value(),
                  StandardCharsets.UTF_8))
          .isEqualTo(event.getClass().getSimpleName());
      assertThat(partitionOfRun.computeIfAbsent(event.runId(), r -> record.partition()))
          .as("all events of %s in one partition", event.runId())
          .isEqualTo(record.partition());
      received.computeIfAbsent(event.runId(), r -> new ArrayList<>()).add(event);
    }
    Map<String, List<JobEvent>> expected = new HashMap<>();
    published.forEach(e -> expected.computeIfAbsent(e.runId(), r -> new ArrayList<>()).add(e));
    assertThat(received).isEqualTo(expected); // every run's events, each once, in publish order
    assertThat(partitionOfRun.values())
        .as("runs spread over the partitions")
        .containsOnly(0, 1, 2)
        .hasSizeGreaterThan(2);
  }

  @Test
  void brokerDownAtStart_nothingAcceptedIsLost_beyondTheBoundEventsAreDroppedAndCounted()
      throws InterruptedException {
    int window = 8;
    int capacity = 64;
    int extra = 10;
    String topic = "late";
    try (TestBroker broker = TestBroker.notStarted();
        KafkaForwarder forwarder =
            KafkaForwarder.builder()
                .bootstrapServers(broker.bootstrapServers())
                .topic(topic)
                .maxInFlight(window)
                .build()) {
      JobEventDispatcher dispatcher =
          forwarder.register(JobEventDispatcher.builder().queueCapacity(capacity)).build();
      List<JobEvent> events = new ArrayList<>();
      for (int i = 0; i < window + capacity + extra; i++) {
        events.add(
            JobStarted.builder(JobRun.of("run-" + (i % 7), "late")).workerId("w" + i).build());
      }
      // The first `window` events go to the forwarder, which waits for the broker; the next
      // `capacity` wait in its queue; the rest find it full.
      events.subList(0, window).forEach(dispatcher::publish);
      await().atMost(WAIT).until(() -> forwarder.stats().forwarded() == window);
      events.subList(window, events.size()).forEach(dispatcher::publish);
      await()
          .atMost(WAIT)
          .until(() -> dispatcher.stats(KafkaForwarder.HANDLER_ID).dropped() == extra);
      assertThat(forwarder.stats().acknowledged()).isZero();
      assertThat(forwarder.stats().forwarded()).isEqualTo(window);

      broker.start();

      assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
      HandlerStats handler = dispatcher.stats(KafkaForwarder.HANDLER_ID);
      assertThat(handler.delivered()).isEqualTo(window + capacity);
      assertThat(handler.dropped(DropReason.QUEUE_FULL)).isEqualTo(extra);
      assertThat(handler.failed()).isZero();
      assertThat(handler.published()).isEqualTo(handler.delivered() + handler.dropped());
      assertThat(forwarder.stats().acknowledged()).isEqualTo(window + capacity);
      List<JobEvent> written =
          broker.readAll(topic).stream().map(r -> JobEventCodec.decode(r.value())).toList();
      assertThat(written).containsExactlyElementsOf(events.subList(0, window + capacity));
      dispatcher.close(WAIT);
    }
  }

  @Test
  void aRecordKafkaRefuses_failsThatCallOnly_countedOnBothSides() throws InterruptedException {
    TestBroker broker = TestBroker.shared();
    String topic = TestBroker.uniqueName("refused");
    broker.createTopic(topic, 1);
    try (KafkaForwarder forwarder =
        KafkaForwarder.builder()
            .bootstrapServers(broker.bootstrapServers())
            .topic(topic)
            .property("max.request.size", 2048)
            .build()) {
      JobEventDispatcher dispatcher = forwarder.register(JobEventDispatcher.builder()).build();
      JobRun run = JobRun.of("run-1", "big");
      dispatcher.publish(JobStarted.builder(run).workerId("w").build());
      dispatcher.publish(
          JobStarted.builder(run.withInput("\"" + "x".repeat(4096) + "\"")).workerId("w").build());
      dispatcher.publish(JobStarted.builder(run.withAttempt(2)).workerId("w").build());
      assertThat(dispatcher.awaitIdle(WAIT)).isTrue();

      HandlerStats handler = dispatcher.stats(KafkaForwarder.HANDLER_ID);
      assertThat(handler.delivered()).isEqualTo(2);
      assertThat(handler.failed(FailureKind.STAGE_FAILED)).isEqualTo(1);
      assertThat(forwarder.stats()).hasToString("forwarded=3 acknowledged=2 failed=1 pending=0");
      dispatcher.close(WAIT);
    }
    assertThat(broker.readAll(topic)).hasSize(2);
  }

  @Test
  void afterClose_forwardFailsAtOnce_andIsCounted() {
    TestBroker broker = TestBroker.shared();
    KafkaForwarder forwarder =
        KafkaForwarder.builder()
            .bootstrapServers(broker.bootstrapServers())
            .topic("unused")
            .build();
    forwarder.close(Duration.ofSeconds(5));

    assertThat(
            forwarder
                .forward(JobStarted.builder(JobRun.of("r", "t")).workerId("w").build())
                .toCompletableFuture())
        .isCompletedExceptionally();
    assertThat(forwarder.stats()).hasToString("forwarded=1 acknowledged=0 failed=1 pending=0");
  }
}
