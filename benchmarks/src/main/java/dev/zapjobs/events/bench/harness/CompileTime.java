package dev.zapjobs.events.bench.harness;

import dev.zapjobs.events.bench.Json;
import dev.zapjobs.events.bench.gen.HandlerSources;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * annotation processor ({@code -proc:none}) and with ours ({@code -processorpath}), and, to tell
 * the processor's own work from javac's work on what it writes, the handlers plus the binding it
 * generated (one for their package) compiled as plain sources without it; one warm-up compile of
 * each, then alternating repetitions; medians. Every variant runs both in this JVM ({@code
 * javax.tools}, javac warm) and as a new {@code javac} process (cold, as a command-line build runs
 * it). Usage: {@code CompileTime out.json [classes] [repetitions]}; the processor jar is the system
 * property {@code processor.path} (default: this jar, which carries the processor too).
 */
public final class CompileTime {

  private CompileTime() {}

  /** Runs the scenario; writes one JSON object to {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    int classes = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    String classPath = System.getProperty("java.class.path");
    String processorPath = System.getProperty("processor.path", classPath);
    Path work = Files.createTempDirectory("zapjobs-compile-time");
    List<Path> sources = HandlerSources.writeStartupHandlers(work.resolve("src"), classes);

    List<String> without = List.of("-proc:none");
    List<String> with = List.of("-processorpath", processorPath);
    compile(work, sources, classPath, without, false); // warm-up
    compile(work, sources, classPath, with, false);
    List<Path> generated = bindings(work.resolve("generated"), work.resolve("pregenerated"));
    if (generated.size() != 1) {
      throw new IllegalStateException(
          "the processor generated "
              + generated.size()
              + " bindings for the one package of the "
              + classes
              + " classes");
    }
    List<Path> both = new ArrayList<>(sources);
    both.addAll(generated);
    compile(work, both, classPath, without, false);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("classes", classes);
    out.put("repetitions", repetitions);
    out.put("processorPath", processorPath);
    for (boolean forked : new boolean[] {false, true}) {
      long[] plain = new long[repetitions];
      long[] processed = new long[repetitions];
      long[] pregenerated = new long[repetitions];
      for (int i = 0; i < repetitions; i++) {
        plain[i] = compile(work, sources, classPath, without, forked);
        processed[i] = compile(work, sources, classPath, with, forked);
        pregenerated[i] = compile(work, both, classPath, without, forked);
      }
      Map<String, Object> mode = new LinkedHashMap<>();
      mode.put("withoutProcessorMillis", millis(plain));
      mode.put("withProcessorMillis", millis(processed));
      mode.put("pregeneratedWithoutProcessorMillis", millis(pregenerated));
      mode.put("withoutProcessorMedianMillis", Percentiles.median(plain) / 1e6);
      mode.put("withProcessorMedianMillis", Percentiles.median(processed) / 1e6);
      mode.put("pregeneratedWithoutProcessorMedianMillis", Percentiles.median(pregenerated) / 1e6);
      mode.put(
          "overheadPercent",
          100.0
              * (Percentiles.median(processed) - Percentiles.median(plain))
              / Percentiles.median(plain));
      out.put(forked ? "freshJvm" : "inProcess", mode);
    }
    String json = Json.object(out);
    Files.writeString(Path.of(args[0]), json + "\n");
    System.out.println(json);
    delete(work);
  }

  /**
   * One compile into fresh output directories, in this (warm) JVM or in a new {@code javac} process
   * (cold, as a command-line build runs it); returns its wall time in ns.
   */
  private static long compile(
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
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      long start = System.nanoTime();
      boolean ok =
          javac
              .getTask(null, files, null, options, null, files.getJavaFileObjectsFromPaths(sources))
              .call();
      long took = System.nanoTime() - start;
      if (!ok) {
        throw new IllegalStateException("javac failed with " + extra);
      }
      return took;
    }
  }

  private static long compileInNewJvm(Path work, List<Path> sources, List<String> options)
      throws IOException {
    List<String> args = new ArrayList<>(options);
    sources.forEach(source -> args.add(source.toString()));
    Path argFile = Files.write(work.resolve("javac.args"), args);
    Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(javac.toString(), "@" + argFile)
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
    return System.nanoTime() - start;
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
