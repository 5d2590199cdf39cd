package dev.zapjobs.events.kafka;

import dev.zapjobs.events.JobEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes records straight to a topic, the way a forwarder does, without a dispatcher. */
final class TestProducer {
  private TestProducer() {}

  static void write(TestBroker broker, String topic, List<JobEvent> events) {
    try (KafkaProducer<byte[], byte[]> producer = producer(broker)) {
      for (JobEvent e : events) {
        producer.send(
            new ProducerRecord<>(
                topic, e.runId().getBytes(StandardCharsets.UTF_8), JobEventCodec.encode(e)));
      }
      producer.flush();
    }
  }

  static void writeRaw(TestBroker broker, String topic, String key, byte[] value) {
    try (KafkaProducer<byte[], byte[]> producer = producer(broker)) {
      producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(TestBroker broker) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.LINGER_MS_CONFIG, "5",
            // one request at a time: with several, a brand-new partition's first NOT_LEADER
            // answer can leave an idempotent producer retrying OUT_OF_ORDER_SEQUENCE for minutes
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }
}
