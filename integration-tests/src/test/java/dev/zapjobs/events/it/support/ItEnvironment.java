package dev.zapjobs.events.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the build hands to the {@code *IT} tests as system properties (see the module's pom): the
 * packaged jars of the reactor and of a few libraries, and where to work.
 */
public final class ItEnvironment {
  private ItEnvironment() {}

  /** The shaded processor jar, {@code processor/target/zapjobs-events-processor-VERSION.jar}. */
  public static Path processorJar() {
    return existing("zapjobs.processor.jar");
  }

  /** The annotations jar (module {@code dev.zapjobs.events}). */
  public static Path annotationsJar() {
    return existing("zapjobs.annotations.jar");
  }

  /** The runtime jar (module {@code dev.zapjobs.events.runtime}). */
  public static Path runtimeJar() {
    return existing("zapjobs.runtime.jar");
  }

  /**
   * The sample app's executable jar, {@code sample-app/target/zapjobs-events-sample-app-all.jar}.
   */
  public static Path sampleAppJar() {
    return existing("zapjobs.sample.jar");
  }

  /** slf4j-api (module {@code org.slf4j}). */
  public static Path slf4jApiJar() {
    return existing("slf4j.api.jar");
  }

  /** slf4j-simple (module {@code org.slf4j.simple}). */
  public static Path slf4jSimpleJar() {
    return existing("slf4j.simple.jar");
  }

  /** Guava (module {@code com.google.common}). */
  public static Path guavaJar() {
    return existing("guava.jar");
  }

  /** Guava's failureaccess (module {@code com.google.common.util.concurrent.internal}). */
  public static Path failureAccessJar() {
    return existing("failureaccess.jar");
  }

  /** The class path of ProGuard itself. */
  public static String proguardClasspath() {
    return property("proguard.classpath");
  }

  /** This module's directory. */
  public static Path moduleDir() {
    return existing("it.basedir");
  }

  /** A fresh, empty directory {@code target/it-work/NAME}. */
  public static Path freshWorkDir(String name) {
    Path dir = Path.of(property("it.work.dir")).resolve(name);
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path existing(String key) {
    Path path = Path.of(property(key));
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          key + " points to " + path + ", which does not exist: build the reactor first");
    }
    return path;
  }

  private static String property(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank() || value.startsWith("${")) {
      throw new IllegalStateException(
          "System property "
              + key
              + " is not set: run the *IT tests through Maven (failsafe), e.g."
              + " mvn -B -ntp -pl integration-tests -am verify");
    }
    return value;
  }
}
