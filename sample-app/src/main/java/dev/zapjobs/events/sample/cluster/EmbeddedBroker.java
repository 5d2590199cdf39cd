package dev.zapjobs.events.sample.cluster;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node KRaft Kafka broker inside this JVM, listening on a free port of localhost (Kafka's own
 * test kit), with its data in a temporary directory that is deleted when it stops. Nothing to
 * install; for demos and tests, not for production.
 */
final class EmbeddedBroker implements AutoCloseable {
  private final KafkaClusterTestKit kit;

  private EmbeddedBroker(KafkaClusterTestKit kit) {
    this.kit = kit;
  }

  /** Formats the storage, starts the broker and waits until it is ready. */
  static EmbeddedBroker start() throws Exception {
    TestKitNodes nodes =
        new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .build();
    KafkaClusterTestKit kit =
        new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp("offsets.topic.num.partitions", "1")
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream())); // format() prints a line
    try {
      kit.format();
    } finally {
      System.setOut(out);
    }
    kit.startup();
    kit.waitForReadyBrokers();
    return new EmbeddedBroker(kit);
  }

  /** {@code localhost:PORT}. */
  String bootstrapServers() {
    return kit.bootstrapServers();
  }

  /** Creates {@code topic} with {@code partitions} partitions. */
  void createTopic(String topic, int partitions) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
  }

  @Override
  public void close() throws Exception {
    kit.close();
  }
}
