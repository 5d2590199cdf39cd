package dev.zapjobs.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * How many events per second one node forwards, by {@code maxInFlight}: a measurement, not a test
 * (no timing is asserted), run on demand:
 *
 * <pre>
 * mvn -B -ntp -pl integrations/kafka -am test -Dtest=ForwarderThroughputTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dkafka.throughput=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "kafka.throughput", matches = "true")
class ForwarderThroughputTest {

  @Test
  void eventsPerSecond_byMaxInFlight() throws InterruptedException {
    TestBroker broker = TestBroker.shared();
    List<JobEvent> events = new ArrayList<>();
    for (int r = 0; events.size() < 50_000; r++) {
      events.addAll(TestRuns.run("run-" + r, "type-" + (r % 7), 1 + r % 4, true));
    }
    StringBuilder table = new StringBuilder("maxInFlight  events  seconds  events/s\n");
    for (int window : new int[] {1, 16, 256, 1000}) {
      String topic = TestBroker.uniqueName("throughput");
      broker.createTopic(topic, 4);
      List<JobEvent> batch = window == 1 ? events.subList(0, 10_000) : events;
      try (KafkaForwarder forwarder =
          KafkaForwarder.builder()
              .bootstrapServers(broker.bootstrapServers())
              .topic(topic)
              .maxInFlight(window)
              .build()) {
        JobEventDispatcher d =
            forwarder.register(JobEventDispatcher.builder().queueCapacity(65_536)).build();
        batch.subList(0, 1000).forEach(d::publish); // warm-up: connection, metadata, JIT
        assertThat(d.awaitIdle(Duration.ofMinutes(2))).isTrue();
        long start = System.nanoTime();
        batch.forEach(d::publish);
        assertThat(d.awaitIdle(Duration.ofMinutes(5))).isTrue();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(forwarder.stats().failed()).isZero();
        table.append(
            String.format(
                Locale.ROOT,
                "%11d  %6d  %7.2f  %8.0f%n",
                window,
                batch.size(),
                seconds,
                batch.size() / seconds));
        d.close(Duration.ofSeconds(30));
      }
    }
    System.out.print(table);
  }
}
