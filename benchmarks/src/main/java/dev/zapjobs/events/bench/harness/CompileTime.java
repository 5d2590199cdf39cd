package dev.zapjobs.events.bench.harness;

import dev.zapjobs.events.bench.Json;
import dev.zapjobs.events.bench.gen.HandlerSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Scenario 6, a plain harness: javac on the 1,000 generated start-up handler classes, without any
 * annotation processor ({@code -proc:none}); with {@link NoOpProcessor}, which shows what javac's
 * processing rounds cost by themselves; with ours ({@code -processorpath}); with greenrobot's index
 * processor (the peer that also generates code from annotations); and, to tell the processor's own
 * work from javac's work on what it writes, the handlers plus the binding ours generated (one for
 * their package) compiled as plain sources without it. One warm-up compile of each, then
 * alternating repetitions; medians. Every variant runs both in this JVM ({@code javax.tools}, javac
 * warm; the CPU time of the compiling thread is kept too) and in a new JVM each time (cold, as a
 * command-line build runs it; the CPU time of that process is kept too): on a shared machine the
 * wall time carries other processes' scheduling, the CPU time much less. Usage: {@code CompileTime
 * out.json [classes] [repetitions]}; system properties {@code processor.path}, our processor jar
 * (default: this jar, which carries it too), and {@code greenrobot.processor.path}, greenrobot's
 * processor with what it needs (the variant is left out without it).
 */
public final class CompileTime {

  private CompileTime() {}

  /** One way of compiling the handlers: a name and what it adds to javac's options. */
  private record Variant(String name, List<String> options, boolean withBinding) {}

  /** Runs the scenario; writes one JSON object to {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    int classes = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    String classPath = System.getProperty("java.class.path");
    String processorPath = System.getProperty("processor.path", classPath);
    String greenrobotPath = System.getProperty("greenrobot.processor.path", "");
    Path work = Files.createTempDirectory("zapjobs-compile-time");
    List<Path> sources = HandlerSources.writeStartupHandlers(work.resolve("src"), classes);

    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("without", List.of("-proc:none"), false));
    // javac's own cost of annotation processing: a processor that is called and does nothing.
    variants.add(
        new Variant(
            "noop",
            List.of("-processorpath", classPath, "-processor", NoOpProcessor.class.getName()),
            false));
    variants.add(new Variant("ours", List.of("-processorpath", processorPath), false));
    if (!greenrobotPath.isBlank()) {
      variants.add(
          new Variant(
              "greenrobot",
              List.of(
                  "-processorpath",
                  greenrobotPath,
                  "-AeventBusIndex=dev.zapjobs.events.bench.startup.GreenrobotIndex"),
              false));
    }
    variants.add(new Variant("pregenerated", List.of("-proc:none"), true));

    for (Variant v : variants) { // warm-up, and the binding for "pregenerated"
      if (!v.withBinding()) {
        compile(work, sources, classPath, v.options(), false);
      }
      if (v.name().equals("ours")) {
        List<Path> generated = bindings(work.resolve("generated"), work.resolve("pregenerated"));
        if (generated.size() != 1) {
          throw new IllegalStateException(
              "the processor generated "
                  + generated.size()
                  + " bindings for the one package of the "
                  + classes
                  + " classes");
        }
      }
    }
    List<Path> both = new ArrayList<>(sources);
    both.addAll(bindings(work.resolve("pregenerated"), work.resolve("pregenerated-copy")));
    compile(work, both, classPath, List.of("-proc:none"), false);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("classes", classes);
    out.put("repetitions", repetitions);
    out.put("processorPath", processorPath);
    for (boolean forked : new boolean[] {false, true}) {
      Map<String, long[]> wall = new LinkedHashMap<>();
      Map<String, long[]> cpu = new LinkedHashMap<>();
      for (Variant v : variants) {
        wall.put(v.name(), new long[repetitions]);
        cpu.put(v.name(), new long[repetitions]);
      }
      for (int i = 0; i < repetitions; i++) {
        for (Variant v : variants) { // alternating, so that a slow minute hits every variant
          long[] took =
              compile(work, v.withBinding() ? both : sources, classPath, v.options(), forked);
          wall.get(v.name())[i] = took[0];
          cpu.get(v.name())[i] = took[1];
        }
      }
      Map<String, Object> mode = new LinkedHashMap<>();
      Map<String, Object> byVariant = new LinkedHashMap<>();
      for (Variant v : variants) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("millis", millis(wall.get(v.name())));
        figures.put("medianMillis", Percentiles.median(wall.get(v.name())) / 1e6);
        figures.put("cpuMillis", millis(cpu.get(v.name())));
        figures.put("cpuMedianMillis", Percentiles.median(cpu.get(v.name())) / 1e6);
        byVariant.put(v.name(), figures);
      }
      mode.put("variants", byVariant);
      mode.put("withoutProcessorMillis", millis(wall.get("without")));
      mode.put("withProcessorMillis", millis(wall.get("ours")));
      mode.put("pregeneratedWithoutProcessorMillis", millis(wall.get("pregenerated")));
      mode.put("withoutProcessorMedianMillis", Percentiles.median(wall.get("without")) / 1e6);
      mode.put("withProcessorMedianMillis", Percentiles.median(wall.get("ours")) / 1e6);
      mode.put(
          "pregeneratedWithoutProcessorMedianMillis",
          Percentiles.median(wall.get("pregenerated")) / 1e6);
      mode.put(
          "overheadPercent",
          100.0
              * (Percentiles.median(wall.get("ours")) - Percentiles.median(wall.get("without")))
              / Percentiles.median(wall.get("without")));
      out.put(forked ? "freshJvm" : "inProcess", mode);
    }
    String json = Json.object(out);
    Files.writeString(Path.of(args[0]), json + "\n");
    System.out.println(json);
    delete(work);
  }

  /**
   * One compile into fresh output directories, in this (warm) JVM or in a new {@code javac} process
   * (cold, as a command-line build runs it); returns its wall time and, in this JVM, the CPU time
   * of the compiling thread (javac compiles on the calling thread), in ns.
   */
  private static long[] compile(
      Path work, List<Path> sources, String classPath, List<String> extra, boolean forked)
      throws IOException {
    Path classes = fresh(work.resolve("classes"));
    Path generated = fresh(work.resolve("generated"));
    List<String> options = new ArrayList<>(extra);
    options.addAll(
        List.of(
            "--release",
            "17",
            "-implicit:none",
            "-cp",
            classPath,
            "-d",
            classes.toString(),
            "-s",
            generated.toString()));
    if (forked) {
      return compileInNewJvm(work, sources, options);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      long cpu = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      boolean ok =
          javac
              .getTask(null, files, null, options, null, files.getJavaFileObjectsFromPaths(sources))
              .call();
      long took = System.nanoTime() - start;
      cpu = threads.getCurrentThreadCpuTime() - cpu;
      if (!ok) {
        throw new IllegalStateException("javac failed with " + extra);
      }
      return new long[] {took, cpu};
    }
  }

  /**
   * Runs javac in a new JVM ({@link ForkedCompile}: javac through {@code javax.tools}, as the
   * {@code javac} launcher runs it); returns its wall time and the CPU time of that whole process
   * (javac's thread, the JIT compilers, the garbage collector), in ns.
   */
  private static long[] compileInNewJvm(Path work, List<Path> sources, List<String> options)
      throws IOException {
    List<String> args = new ArrayList<>(options);
    sources.forEach(source -> args.add(source.toString()));
    Path argFile = Files.write(work.resolve("javac.args"), args);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path cpuFile = work.resolve("javac.cpu");
    Files.deleteIfExists(cpuFile);
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ForkedCompile.class.getName(),
                cpuFile.toString(),
                "@" + argFile)
            .inheritIO()
            .redirectErrorStream(true)
            .start();
    try {
      if (process.waitFor() != 0) {
        throw new IllegalStateException("javac failed with " + options);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    long wall = System.nanoTime() - start;
    return new long[] {wall, Long.parseLong(Files.readString(cpuFile).trim())};
  }

  private static List<Double> millis(long[] nanos) {
    List<Double> out = new ArrayList<>();
    for (long n : nanos) {
      out.add(n / 1e6);
    }
    return out;
  }

  /** Copies the generated bindings out of {@code generated}; returns the copies. */
  private static List<Path> bindings(Path generated, Path copies) throws IOException {
    fresh(copies);
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(generated)) {
      for (Path p :
          files
              .filter(f -> f.getFileName().toString().startsWith("ZapJobs_HandlerBinding"))
              .toList()) {
        Path copy = copies.resolve(generated.relativize(p));
        Files.createDirectories(copy.getParent());
        out.add(Files.copy(p, copy));
      }
    }
    return out;
  }

  private static Path fresh(Path dir) throws IOException {
    delete(dir);
    return Files.createDirectories(dir);
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
