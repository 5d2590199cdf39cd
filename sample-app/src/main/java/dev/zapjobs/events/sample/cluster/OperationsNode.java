package dev.zapjobs.events.sample.cluster;

import dev.zapjobs.events.kafka.KafkaSource;
import dev.zapjobs.events.kafka.SourceStats;
import dev.zapjobs.events.runtime.CloseReport;
import dev.zapjobs.events.runtime.HandlerStats;
import dev.zapjobs.events.runtime.JobEventDispatcher;
import dev.zapjobs.events.sample.DemoHandlers;
import dev.zapjobs.events.sample.DemoJobs;
import dev.zapjobs.events.sample.Summary;
import dev.zapjobs.events.sample.handlers.JobMetrics.TypeMetrics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The operations node: starts an embedded Kafka broker, consumes the topic with a {@link
 * KafkaSource} in group {@code operations} (its dispatcher runs the example handlers, among them
 * the dead-letter alerts and the per-job-type metrics), starts the two worker nodes as processes of
 * their own, and once every event of both has been handled prints the cluster-wide alerts, metrics
 * and accounting. Exits with status 1 if anything does not add up.
 */
final class OperationsNode {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private OperationsNode() {}

  static int run() throws Exception {
    PrintStream out = System.out;
    out.println(
        "ZapJobs Events cluster demo: this process is the operations node; it starts a Kafka"
            + " broker and "
            + ClusterDemo.WORKERS
            + " worker nodes (processes of their own)");
    long start = System.nanoTime();
    List<String> problems = new ArrayList<>();
    Path logs = Files.createTempDirectory("zapjobs-cluster-demo");
    try (EmbeddedBroker broker = EmbeddedBroker.start()) {
      broker.createTopic(ClusterDemo.TOPIC, 4);
      out.printf(
          Locale.ROOT,
          "broker: KRaft, %s, topic %s (4 partitions), started in %d ms%n",
          broker.bootstrapServers(),
          ClusterDemo.TOPIC,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));

      DemoHandlers handlers = new DemoHandlers(() -> {}); // the slow handler does not sleep here
      KafkaSource source =
          KafkaSource.builder()
              .bootstrapServers(broker.bootstrapServers())
              .topic(ClusterDemo.TOPIC)
              .groupId("operations")
              .commitInterval(Duration.ofMillis(200))
              .start(JobEventDispatcher.builder().handlerResolver(handlers::resolve));

      List<Process> workers = new ArrayList<>();
      List<Thread> pumps = new ArrayList<>();
      for (int i = 1; i <= ClusterDemo.WORKERS; i++) {
        String name = "worker-" + i;
        Process p = startWorker(name, broker.bootstrapServers());
        workers.add(p);
        pumps.add(pump(p, name, logs.resolve(name + ".log"), out));
      }
      for (int i = 0; i < workers.size(); i++) {
        Process p = workers.get(i);
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          p.destroyForcibly();
          problems.add("worker-" + (i + 1) + " did not finish within " + TIMEOUT);
        } else if (p.exitValue() != 0) {
          problems.add("worker-" + (i + 1) + " exited with status " + p.exitValue());
        }
        pumps.get(i).join(TimeUnit.SECONDS.toMillis(5));
      }

      long expected = (long) ClusterDemo.WORKERS * DemoJobs.EVENTS;
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (source.stats().settled() < expected && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      CloseReport report = source.close(Duration.ofSeconds(30));
      SourceStats stats = source.stats();
      check(problems, handlers, stats, report, expected);
      print(out, handlers, stats, report, logs, start);
    }
    if (problems.isEmpty()) {
      out.println("All accounted for.");
      return 0;
    }
    problems.forEach(p -> out.println("PROBLEM: " + p));
    return 1;
  }

  /** The same jar (and so the same class path), in worker mode. */
  private static Process startWorker(String name, String bootstrapServers) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "dev.zapjobs.events.sample.Main",
            "cluster",
            "worker",
            name,
            bootstrapServers,
            ClusterDemo.TOPIC)
        .redirectErrorStream(true)
        .start();
  }

  /** Copies a worker's output to its log file, and its summary line to ours. */
  private static Thread pump(Process p, String name, Path log, PrintStream out) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                  PrintWriter file = new PrintWriter(Files.newBufferedWriter(log))) {
                for (String line; (line = in.readLine()) != null; ) {
                  file.println(line);
                  if (line.startsWith(name + ":")) {
                    out.println(line);
                  }
                }
              } catch (IOException e) {
                out.println(name + ": could not read its output: " + e);
              }
            },
            name + "-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void check(
      List<String> problems,
      DemoHandlers handlers,
      SourceStats stats,
      CloseReport report,
      long expected) {
    if (stats.settled() != expected || stats.published() != expected) {
      problems.add(
          "the source published "
              + stats.published()
              + " and settled "
              + stats.settled()
              + " events, expected "
              + expected);
    }
    if (stats.undecodable() + stats.abandoned() + stats.droppedDeliveries() != 0) {
      problems.add("unexpected source accounting: " + stats);
    }
    if (!report.drained()) {
      problems.add("the operations node's dispatcher did not drain");
    }
    for (HandlerStats h : report.stats().handlers()) {
      if (h.published() != h.delivered() + h.failed() + h.dropped() + h.pending()) {
        problems.add(h.name() + " does not balance: " + h);
      }
    }
    int alerts = handlers.alerts().alerts().size();
    if (alerts != ClusterDemo.WORKERS * DemoJobs.DEAD_LETTERED) {
      problems.add(
          alerts + " dead-letter alerts, expected " + ClusterDemo.WORKERS * DemoJobs.DEAD_LETTERED);
    }
    long runs = handlers.metrics().snapshot().stream().mapToLong(TypeMetrics::runs).sum();
    if (runs != (long) ClusterDemo.WORKERS * DemoJobs.RUNS) {
      problems.add(
          "the metrics count " + runs + " runs, expected " + ClusterDemo.WORKERS * DemoJobs.RUNS);
    }
  }

  private static void print(
      PrintStream out,
      DemoHandlers handlers,
      SourceStats stats,
      CloseReport report,
      Path logs,
      long start) {
    String rule = "=".repeat(100);
    out.println();
    out.println(rule);
    out.println("CLUSTER SUMMARY (operations node, consumer group \"operations\")");
    out.println(rule);
    out.println("Dead-letter alerts from the whole cluster:");
    handlers.alerts().alerts().forEach(a -> out.println("  ALERT " + a));
    Summary.printJobTypes(out, handlers); // both workers' runs together
    out.println();
    out.println("Source: " + stats);
    out.println("Dispatcher: " + report.toString().replace("\n", "\n  "));
    out.printf(
        Locale.ROOT,
        "Worker logs: %s; the demo took %d ms%n",
        logs,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    out.println(rule);
  }
}
