package dev.zapjobs.events.sample.cluster;

import dev.zapjobs.events.kafka.ForwarderStats;
import dev.zapjobs.events.kafka.KafkaForwarder;
import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.sample.DemoHandlers;
import dev.zapjobs.events.sample.DemoJobs;
import dev.zapjobs.events.sample.runner.JobRunner;
import dev.zapjobs.events.sample.runner.RunnerStats;
import java.time.Clock;
import java.time.Duration;

/**
 * A worker node: runs the sample's job mix on its own {@link JobRunner}, with the example handlers
 * and a {@link KafkaForwarder} on its dispatcher, then prints one summary line (which the
 * operations node shows) and exits with status 1 if not every event was acknowledged by Kafka.
 */
final class WorkerNode {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private WorkerNode() {}

  static int run(String name, String bootstrapServers, String topic) throws InterruptedException {
    KafkaForwarder forwarder =
        KafkaForwarder.builder().bootstrapServers(bootstrapServers).topic(topic).build();
    DemoHandlers handlers = new DemoHandlers(() -> {}); // the slow handler does not sleep here
    JobEventDispatcher dispatcher =
        forwarder.register(JobEventDispatcher.builder(), handlers::resolve).build();

    DemoJobs jobs = new DemoJobs(Duration.ofMillis(10), Duration.ofMillis(20));
    Clock clock = Clock.systemUTC();
    JobRunner runner =
        jobs.register(
                JobRunner.builder()
                    .publisher(dispatcher)
                    .clock(clock)
                    .workers(2)
                    .workerName(name + "-worker"))
            .build();
    jobs.enqueueMix(runner, clock);
    boolean idle = runner.awaitIdle(TIMEOUT);
    runner.close(TIMEOUT);
    RunnerStats stats = runner.stats();

    CloseReport report = dispatcher.close(TIMEOUT); // waits for Kafka's acknowledgements
    ForwarderStats forwarded = forwarder.close(Duration.ofSeconds(10));
    boolean ok =
        idle
            && report.drained()
            && forwarded.acknowledged() == DemoJobs.EVENTS
            && forwarded.failed() == 0;
    System.out.printf(
        "%s: %d runs (%d dead-lettered), %d events; forwarder: %s%s%n",
        name,
        stats.runs(),
        stats.deadLettered(),
        DemoJobs.EVENTS,
        forwarded,
        ok ? "" : "  <- PROBLEM");
    return ok ? 0 : 1;
  }
}
