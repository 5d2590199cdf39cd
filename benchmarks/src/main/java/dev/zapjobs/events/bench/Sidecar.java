package dev.zapjobs.events.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Figures JMH's result format has no place for (deliveries, drops, CPU time), one JSON object per
 * line, appended to the file named by the system property {@code bench.sidecar} (nothing is written
 * when it is unset). JMH forks inherit the property from the launching JVM.
 */
public final class Sidecar {

  private Sidecar() {}

  /** Appends {@code fields} as one JSON line. */
  public static synchronized void append(Map<String, ?> fields) {
    String file = System.getProperty("bench.sidecar");
    if (file == null || file.isBlank()) {
      return;
    }
    try {
      Files.writeString(
          Path.of(file),
          Json.object(fields) + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
