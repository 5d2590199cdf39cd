package dev.zapjobs.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

/**
 * A context written into the headers by the forwarder is made current around the source's publish.
 */
class TraceHeadersTest {
  /** "Current context" of the test: the trace id of the event being forwarded or published. */
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  /** What was current, per run, when the source published each event. */
  private final Map<String, String> seenAtPublish = new ConcurrentHashMap<>();

  private final TraceContextHeaders headers =
      new TraceContextHeaders() {
        @Override
        public void inject(JobEvent event, Headers h) {
          h.add("trace", ("trace-of-" + event.runId()).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Scope extract(JobEvent event, Headers h) {
          Header trace = h.lastHeader("trace");
          CURRENT.set(trace == null ? null : new String(trace.value(), StandardCharsets.UTF_8));
          seenAtPublish.put(event.runId(), String.valueOf(CURRENT.get()));
          return CURRENT::remove;
        }
      };

  @Test
  void injectedHeaders_travel_andAreCurrentWhileTheSourcePublishes() throws Exception {
    TestBroker broker = TestBroker.shared();
    String topic = TestBroker.uniqueName("trace");
    broker.createTopic(topic, 2);
    List<JobEvent> events = new ArrayList<>(TestRuns.run("traced-1", "t", 2, true));
    events.addAll(TestRuns.run("traced-2", "t", 1, true));

    try (KafkaForwarder forwarder =
        KafkaForwarder.builder()
            .bootstrapServers(broker.bootstrapServers())
            .topic(topic)
            .traceHeaders(headers)
            .build()) {
      JobEventDispatcher d = forwarder.register(JobEventDispatcher.builder()).build();
      events.forEach(d::publish);
      assertThat(d.awaitIdle(Duration.ofSeconds(60))).isTrue();
      d.close(Duration.ofSeconds(10));
    }
    RecordingHandler recording = new RecordingHandler();
    KafkaSource source =
        KafkaSource.builder()
            .bootstrapServers(broker.bootstrapServers())
            .topic(topic)
            .groupId(topic + "-group")
            .traceHeaders(headers)
            .start(
                JobEventDispatcher.builder()
                    .handlerResolver(type -> type == RecordingHandler.class ? recording : null));
    int total = events.size();
    await().atMost(Duration.ofSeconds(60)).until(() -> recording.received.get() == total);
    source.close(Duration.ofSeconds(10));

    assertThat(seenAtPublish)
        .containsEntry("traced-1", "trace-of-traced-1")
        .containsEntry("traced-2", "trace-of-traced-2");
    assertThat(CURRENT.get()).isNull();
  }
}
