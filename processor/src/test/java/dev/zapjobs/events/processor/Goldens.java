package dev.zapjobs.events.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files of generated sources, under {@code
 * src/test/resources/goldens/<TestClass>/<method>/<qualified name>.java}. Run {@code mvn -B -ntp
 * -pl processor -am test -Dgoldens.update=true -Dtest=GeneratedSourceGoldenTest
 * -Dsurefire.failIfNoSpecifiedTests=false} to rewrite them from the current output, then review the
 * diff.
 */
final class Goldens {
  private static final String HOW_TO_UPDATE =
      "If the change is intended, regenerate with `mvn -B -ntp -pl processor -am test"
          + " -Dgoldens.update=true -Dtest=GeneratedSourceGoldenTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false` and review the diff.";

  private Goldens() {}

  static Path root() {
    return Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "goldens");
  }

  static void assertMatches(String testClass, String method, String qualifiedName, String actual) {
    Path file = root().resolve(testClass).resolve(method).resolve(qualifiedName + ".java");
    try {
      if (Boolean.getBoolean("goldens.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(file).as("golden file %s is missing. %s", file, HOW_TO_UPDATE).exists();
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(actual)
          .as("generated %s differs from %s. %s", qualifiedName, file, HOW_TO_UPDATE)
          .isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
