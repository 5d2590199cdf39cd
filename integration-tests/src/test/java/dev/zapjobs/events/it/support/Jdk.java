package dev.zapjobs.events.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the tools of the JDK that runs the tests ({@code java.home/bin}) as child processes. */
public final class Jdk {
  private Jdk() {}

  /** What a child process did: its exit code and its stdout and stderr, interleaved. */
  public record Run(List<String> command, int exitCode, String output) {
    /** This run, after checking that it exited with 0. */
    public Run succeeded() {
      if (exitCode != 0) {
        throw new AssertionError(
            "Command failed with exit code " + exitCode + ": " + command + "\n" + output);
      }
      return this;
    }
  }

  /** {@code java.home/bin/NAME}. */
  public static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  /** Runs {@code tool(name) args...} in {@code dir}; kills it after {@code timeout}. */
  public static Run run(Path dir, Duration timeout, String name, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(tool(name));
    command.addAll(args);
    Path log = dir.resolve(name + "-" + System.nanoTime() + ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "Command did not finish within " + timeout + ": " + command + "\n" + read(log));
      }
      return new Run(List.copyOf(command), process.exitValue(), read(log));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while running " + command, e);
    }
  }

  /** Every {@code *.java} file under {@code root}, as strings. */
  public static List<String> sources(Path root) {
    try (var files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .map(Path::toString)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Joins paths with the platform's path separator. */
  public static String pathOf(Path... paths) {
    List<String> parts = new ArrayList<>();
    for (Path p : paths) {
      parts.add(p.toString());
    }
    return String.join(java.io.File.pathSeparator, parts);
  }

  private static String read(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
