package dev.zapjobs.events.bench.harness;

import dev.zapjobs.events.JobEvent;
import dev.zapjobs.events.bench.Events;
import dev.zapjobs.events.bench.Json;
import dev.zapjobs.events.bench.Pacer;
import dev.zapjobs.events.bench.Sink;
import dev.zapjobs.events.bench.peers.Design;
import dev.zapjobs.events.bench.peers.Designs;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 5, a plain harness: for every design (4 handlers; the direct call as the reference),
 * after a warm-up whose deliveries are checked exactly, (a) the CPU the process burns over an idle
 * period with the design built and no events, and (b) the publish-to-handler-start delay of sparse
 * events (a random gap of 0.1–1 ms between publishes, the publisher parked in between). On the way
 * it measures (c) the bytes the publishing thread itself allocates per {@code publish} (paced
 * events, after the warm-up), which JMH's {@code -prof gc} cannot tell apart from what the consumer
 * threads allocate. Usage: {@code IdleAndDelay out.json [design ...]}.
 */
public final class IdleAndDelay {

  private static final int WARM_EVENTS = 20_000;
  private static final int DELAY_EVENTS = 3_000;
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final int HANDLERS = 4;

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private IdleAndDelay() {}

  /** Runs the scenario; writes one JSON object to {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    List<String> designs = new ArrayList<>(Designs.ALL);
    if (args.length > 1) {
      designs = List.of(args).subList(1, args.length);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Thread.sleep(500);
    out.put("baselineIdleCpuPercent", idle(Map.of()).get("processCpuPercent"));
    Map<String, Object> byDesign = new LinkedHashMap<>();
    for (String name : designs) {
      byDesign.put(name, measure(name));
      System.out.println(name + ": " + byDesign.get(name));
    }
    out.put("designs", byDesign);
    out.put("idleSeconds", IDLE_NANOS / 1e9);
    out.put("delayEvents", DELAY_EVENTS);
    Files.writeString(Path.of(args[0]), Json.object(out) + "\n");
  }

  private static Map<String, Object> measure(String name) throws InterruptedException {
    Map<Long, Long> before = threadCpu();
    Sink.reset();
    Map<String, Object> result = new LinkedHashMap<>();
    try (Design design = Designs.create(name, HANDLERS)) {
      publishPaced(design, WARM_EVENTS);
      long allocated = THREADS.getCurrentThreadAllocatedBytes();
      publishPaced(design, WARM_EVENTS);
      allocated = THREADS.getCurrentThreadAllocatedBytes() - allocated;
      result.put("publisherBytesPerPublish", allocated / (double) WARM_EVENTS);
      result.put("warmUpAccountedFor", settle(design, 2L * WARM_EVENTS * HANDLERS));
      Thread.sleep(1_500); // past greenrobot's 1 s poll and any other post-burst tail
      result.putAll(idle(before));
      result.put("delayNanos", delays(design));
    }
    return result;
  }

  /** Publishes {@code count} events of the shared cycle, {@link Pacer#PAUSE_NANOS} apart. */
  private static void publishPaced(Design design, int count) {
    JobEvent[] events = Events.shared();
    for (int i = 0; i < count; i++) {
      design.publish(events[i & (Events.CYCLE - 1)]);
      Pacer.spin(Pacer.PAUSE_NANOS);
    }
  }

  /** Waits until every delivery of {@code expected} is made or counted lost; true if so. */
  private static boolean settle(Design design, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (Sink.deliveries() + Math.max(0, design.lostDeliveries()) == expected) {
        return true;
      }
      Thread.sleep(1);
    }
    System.err.println(
        "not settled: delivered "
            + Sink.deliveries()
            + " lost "
            + design.lostDeliveries()
            + " expected "
            + expected);
    return false;
  }

  /**
   * CPU over an idle period: the whole process, and the threads started since {@code before} (the
   * design's own), each as a percentage of one core.
   */
  private static Map<String, Object> idle(Map<Long, Long> before) throws InterruptedException {
    Map<Long, Long> threadsBefore = threadCpu();
    long cpu = OS.getProcessCpuTime();
    long start = System.nanoTime();
    LockSupport.parkNanos(IDLE_NANOS);
    while (System.nanoTime() - start < IDLE_NANOS) {
      Thread.sleep(1);
    }
    long wall = System.nanoTime() - start;
    long processCpu = OS.getProcessCpuTime() - cpu;
    long designCpu = 0;
    for (Map.Entry<Long, Long> now : threadCpu().entrySet()) {
      if (!before.containsKey(now.getKey())) {
        designCpu += now.getValue() - threadsBefore.getOrDefault(now.getKey(), 0L);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("processCpuPercent", 100.0 * processCpu / wall);
    out.put("designThreadsCpuPercent", 100.0 * designCpu / wall);
    return out;
  }

  private static Map<String, Object> delays(Design design) throws InterruptedException {
    JobEvent[] events = Events.numbered(DELAY_EVENTS);
    long[] published = new long[DELAY_EVENTS];
    long[] delay = new long[DELAY_EVENTS];
    Sink.probe(e -> delay[Events.indexOf(e)] = System.nanoTime() - published[Events.indexOf(e)]);
    long deliveriesBefore = Sink.deliveries();
    long lostBefore = Math.max(0, design.lostDeliveries());
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < DELAY_EVENTS; i++) {
      LockSupport.parkNanos(random.nextLong(100_000, 1_000_000));
      published[i] = System.nanoTime();
      design.publish(events[i]);
    }
    settle(design, deliveriesBefore + lostBefore + (long) DELAY_EVENTS * HANDLERS);
    Sink.probe(null);
    long[] delivered = java.util.Arrays.stream(delay).filter(d -> d > 0).toArray();
    return Percentiles.of(delivered, delivered.length);
  }

  private static Map<Long, Long> threadCpu() {
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      long t = THREADS.getThreadCpuTime(id);
      if (t >= 0) {
        cpu.put(id, t);
      }
    }
    return cpu;
  }
}
