package dev.zapjobs.events.kafka;

import dev.zapjobs.events.kafka.internal.ConsumerLoop;
import dev.zapjobs.events.kafka.internal.Settlements;
import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Feeds a topic of job events into a local dispatcher, as a member of a consumer group: the
 * dispatcher's {@code @OnJobEvent} handlers see the events of every node that forwards to the topic
 * (with {@link KafkaForwarder}), each event once per group in the normal case.
 *
 * <pre>{@code
 * KafkaSource source = KafkaSource.builder()
 *     .bootstrapServers("localhost:9092")
 *     .topic("zapjobs-events")
 *     .groupId("operations")
 *     .start(JobEventDispatcher.builder());      // builds and owns the dispatcher
 * ...
 * source.close(Duration.ofSeconds(30));          // settles, commits, leaves the group, closes it
 * }</pre>
 *
 * <p>Delivery is at least once: a partition's offset is committed only past events that every
 * handler has settled (delivered, failed after its own handling, or dropped), so an event is
 * delivered again only if its node stops (or loses the partition) before it settled. Partitions are
 * processed in offset order by one thread, so every handler sees one run's events in the order they
 * were forwarded. At most {@link Builder#maxInFlight} events are unsettled at once: a slow handler
 * pauses the partitions, and nothing is dropped for it. Semantics, failure behaviour and settings
 * are in {@code docs/KAFKA.md}.
 */
public final class KafkaSource implements AutoCloseable {
  private final JobEventDispatcher dispatcher;
  private final ConsumerLoop loop;
  private final Thread thread;
  private volatile CloseReport closeReport;

  private KafkaSource(JobEventDispatcher dispatcher, ConsumerLoop loop) {
    this.dispatcher = dispatcher;
    this.loop = loop;
    this.thread = new Thread(loop, "zapjobs-events-kafka-source");
    thread.setDaemon(true);
  }

  /** Starts configuring a source. */
  public static Builder builder() {
    return new Builder();
  }

  /** The dispatcher the source publishes into: its stats are the consumer side's accounting. */
  public JobEventDispatcher dispatcher() {
    return dispatcher;
  }

  /** A snapshot of the source's own accounting. */
  public SourceStats stats() {
    return loop.stats();
  }

  /**
   * Stops consuming, waits (within {@code timeout}) for every published event to settle, commits
   * their offsets, leaves the consumer group, and closes the dispatcher with what is left of the
   * timeout. Events that did not settle in time are not committed: the group delivers them again
   * (counted as abandoned). Calling it again returns the first report.
   *
   * @return the dispatcher's close report
   */
  public synchronized CloseReport close(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (closeReport == null) {
      long deadline = System.nanoTime() + timeout.toNanos();
      try {
        loop.stop(deadline);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      closeReport = dispatcher.close(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }
    return closeReport;
  }

  /** {@link #close(Duration)} with a 30 s timeout. */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  /** Configures and starts a {@link KafkaSource}. */
  public static final class Builder {
    private String topic;
    private final Map<String, Object> properties = new HashMap<>();
    private int maxInFlight = 1000;
    private Duration commitInterval = Duration.ofSeconds(1);
    private Duration revokeTimeout = Duration.ofSeconds(10);
    private TraceContextHeaders traceHeaders;

    private Builder() {}

    /** The brokers to connect to first ({@code host:port,...}). Required. */
    public Builder bootstrapServers(String bootstrapServers) {
      properties.put(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
          Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
      return this;
    }

    /** The topic the forwarders write to. Required. */
    public Builder topic(String topic) {
      this.topic = Objects.requireNonNull(topic, "topic");
      return this;
    }

    /**
     * The consumer group: each event goes to one member of each group. Use one group per purpose
     * (alerts, audit, metrics). Required.
     */
    public Builder groupId(String groupId) {
      properties.put(ConsumerConfig.GROUP_ID_CONFIG, Objects.requireNonNull(groupId, "groupId"));
      return this;
    }

    /**
     * The most published events that may be unsettled at once (default 1000). When reached, the
     * source pauses its partitions until the handlers catch up. Must be below the queue capacity of
     * every handler of the dispatcher, so that back-pressure pauses the partitions before a queue
     * could overflow.
     */
    public Builder maxInFlight(int maxInFlight) {
      if (maxInFlight < 1) {
        throw new IllegalArgumentException("maxInFlight must be >= 1, was " + maxInFlight);
      }
      this.maxInFlight = maxInFlight;
      return this;
    }

    /**
     * How often settled offsets are committed while consuming (default 1 s). Offsets are also
     * committed before a partition is given up and at close. A shorter interval means fewer
     * duplicates after a crash, and more commit requests.
     */
    public Builder commitInterval(Duration interval) {
      this.commitInterval = positive(interval, "commitInterval");
      return this;
    }

    /**
     * How long a rebalance waits for the published events of a revoked partition to settle before
     * committing and letting go (default 10 s). What has not settled by then is delivered again by
     * the next owner. Keep it well below the consumer's {@code max.poll.interval.ms}.
     */
    public Builder revokeTimeout(Duration timeout) {
      this.revokeTimeout = positive(timeout, "revokeTimeout");
      return this;
    }

    /**
     * Any other consumer setting ({@code ConsumerConfig}). {@code enable.auto.commit} is always
     * false and the deserializers are fixed; {@code auto.offset.reset} defaults to {@code earliest}
     * (a new group starts at the beginning of the topic) and the partition assignment to the
     * cooperative sticky assignor (a rebalance moves only the partitions that change owner).
     */
    public Builder property(String name, Object value) {
      properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Makes the trace context in each record's headers current for its publish (optional). */
    public Builder traceHeaders(TraceContextHeaders traceHeaders) {
      this.traceHeaders = Objects.requireNonNull(traceHeaders, "traceHeaders");
      return this;
    }

    /**
     * Builds the dispatcher from {@code dispatcherBuilder} (registering the source's observer on
     * it), joins the consumer group and starts consuming on the source's own thread ({@code
     * zapjobs-events-kafka-source}). The source owns the dispatcher: close the source, not the
     * dispatcher. An unreachable broker does not fail the start; the source connects when it can.
     *
     * @throws IllegalStateException if a required setting is missing, or {@link #maxInFlight} is
     *     not below the queue capacity of every handler (the message names the fix)
     */
    public KafkaSource start(JobEventDispatcher.Builder dispatcherBuilder) {
      Objects.requireNonNull(dispatcherBuilder, "dispatcherBuilder");
      if (topic == null) {
        throw new IllegalStateException("KafkaSource needs a topic: call topic(\"...\")");
      }
      if (!properties.containsKey(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
        throw new IllegalStateException(
            "KafkaSource needs the brokers: call bootstrapServers(\"host:9092\")");
      }
      if (!properties.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
        throw new IllegalStateException(
            "KafkaSource needs a consumer group: call groupId(\"...\")");
      }
      Map<String, Object> config = new HashMap<>();
      config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      config.put(
          ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
          CooperativeStickyAssignor.class.getName());
      config.put(
          ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(Math.min(500, maxInFlight)));
      config.putAll(properties);
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");

      Settlements settlements = new Settlements();
      JobEventDispatcher dispatcher = dispatcherBuilder.observer(settlements).build();
      for (HandlerStats h : dispatcher.stats().handlers()) {
        if (h.queueCapacity() <= maxInFlight) {
          dispatcher.close(Duration.ZERO);
          throw new IllegalStateException(
              "KafkaSource.maxInFlight ("
                  + maxInFlight
                  + ") must be below the queue capacity of every handler, but "
                  + h.name()
                  + " has "
                  + h.queueCapacity()
                  + ": lower maxInFlight, or raise the dispatcher's queueCapacity");
        }
      }
      ConsumerLoop loop =
          new ConsumerLoop(
              () ->
                  new KafkaConsumer<>(
                      config, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
              topic,
              dispatcher,
              settlements,
              traceHeaders,
              maxInFlight,
              commitInterval,
              revokeTimeout);
      KafkaSource source = new KafkaSource(dispatcher, loop);
      source.thread.start();
      try {
        loop.awaitStarted();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (loop.failure() != null) {
        dispatcher.close(Duration.ZERO);
        throw new IllegalStateException(
            "KafkaSource could not start its consumer: " + loop.failure().getMessage(),
            loop.failure());
      }
      return source;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
