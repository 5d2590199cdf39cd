package dev.zapjobs.events.kafka;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.PreboundSocketFactoryManager;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real KRaft broker (one combined broker/controller node) inside the test JVM, on loopback. One
 * shared broker serves the tests that need a running one (each uses its own topics and groups); a
 * test of a broker that comes up late builds its own with {@link #notStarted()}.
 */
final class TestBroker implements AutoCloseable {
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static TestBroker shared;

  private final KafkaClusterTestKit kit;
  private boolean started;

  private TestBroker(KafkaClusterTestKit kit) {
    this.kit = kit;
  }

  /** The JVM's running broker, started on first use and stopped when the JVM exits. */
  static synchronized TestBroker shared() {
    if (shared == null) {
      TestBroker broker = notStarted();
      broker.start();
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
      shared = broker;
    }
    return shared;
  }

  /**
   * A broker whose listener port is reserved (so {@link #bootstrapServers()} is known) but which
   * answers nothing until {@link #start()}.
   */
  static TestBroker notStarted() {
    try {
      TestKitNodes nodes =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              .build();
      return new TestBroker(
          new KafkaClusterTestKit.Builder(nodes)
              .setConfigProp("num.partitions", "1")
              .setConfigProp("offsets.topic.num.partitions", "1")
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .build());
    } catch (Exception e) {
      throw new IllegalStateException("could not build the test broker", e);
    }
  }

  synchronized void start() {
    if (started) {
      return;
    }
    try {
      kit.format();
      kit.startup();
      kit.waitForReadyBrokers();
      started = true;
    } catch (Exception e) {
      throw new IllegalStateException("could not start the test broker", e);
    }
  }

  synchronized String bootstrapServers() {
    if (started) {
      return kit.bootstrapServers();
    }
    // Before startup the kit's answer needs the running broker; its listener's port, though, is
    // already reserved by the kit's socket manager (listening, answering nothing yet).
    try {
      Field field = KafkaClusterTestKit.class.getDeclaredField("socketFactoryManager");
      field.setAccessible(true);
      PreboundSocketFactoryManager sockets = (PreboundSocketFactoryManager) field.get(kit);
      int node = kit.nodes().brokerNodes().firstKey();
      return "localhost:"
          + sockets.getOrCreatePortForListener(node, kit.nodes().brokerListenerName().value());
    } catch (ReflectiveOperationException | java.io.IOException e) {
      throw new IllegalStateException("cannot find the port of the broker not yet started", e);
    }
  }

  /** A topic name no other test uses. */
  static String uniqueName(String prefix) {
    return prefix + "-" + NAMES.incrementAndGet();
  }

  void createTopic(String topic, int partitions) {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("could not create topic " + topic, e);
    }
  }

  /** The offset after the last record of each partition of {@code topic}. */
  Map<TopicPartition, Long> endOffsets(String topic) {
    try (Admin admin = admin()) {
      Set<TopicPartition> partitions =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .collect(Collectors.toSet());
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((p, info) -> ends.put(p, info.offset()));
      return ends;
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("could not read the end offsets of " + topic, e);
    }
  }

  /** The offsets {@code group} has committed. */
  Map<TopicPartition, Long> committed(String group) {
    try (Admin admin = admin()) {
      Map<TopicPartition, Long> offsets = new HashMap<>();
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      committed.forEach((p, o) -> offsets.put(p, o.offset()));
      return offsets;
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("could not read the offsets of group " + group, e);
    }
  }

  /**
   * How many members of {@code group} hold at least one partition, once the group is stable (0
   * while it is still rebalancing).
   */
  int membersWithPartitions(String group) {
    try (Admin admin = admin()) {
      ConsumerGroupDescription description =
          admin.describeConsumerGroups(List.of(group)).all().get().get(group);
      if (description.groupState() != GroupState.STABLE) {
        return 0;
      }
      return (int)
          description.members().stream()
              .filter(m -> !m.assignment().topicPartitions().isEmpty())
              .count();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("could not describe group " + group, e);
    }
  }

  /** Every record of {@code topic}, partition by partition in offset order, read from the start. */
  List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    Map<TopicPartition, Long> ends = endOffsets(topic);
    long total = ends.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(ends.keySet());
      consumer.seekToBeginning(ends.keySet());
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < total && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    records.sort(
        (a, b) ->
            a.partition() != b.partition()
                ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
    return records;
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  @Override
  public synchronized void close() {
    try {
      kit.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the test broker", e);
    }
  }
}
